package io.uacce.stubs.model;

/**
 * Which kernel generation's PUT_Q and ZOMBIE handling the model reproduces (spec §1.4).
 */
public enum PutQueueEra {
    /**
     * Linux 5.7 up to the 2022 "parent removal" fix: PUT_Q stops and releases the queue (ZOMBIE)
     * and always returns 0; on a ZOMBIE queue only START_Q is refused (EINVAL), mmap gives EINVAL,
     * other ioctls still run and poll behaves normally.
     */
    A,
    /**
     * 2022 fix up to the 2025 fixes, and openEuler OLK / KAE (the most deployed behaviour, the
     * model's default): PUT_Q → ZOMBIE; then every ioctl and mmap gives ENXIO and poll reports no
     * events.
     */
    B,
    /**
     * 2025 fixes (≈ v6.19 and the 2026 stable backports): PUT_Q only stops the queue
     * (STARTED → INIT, INIT → no-op); the hardware queue goes back at release; START_Q may be
     * issued again (the CQ is not cleared: stale CQEs may look valid).
     */
    C
}
