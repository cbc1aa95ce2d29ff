package io.uacce.it;

import java.util.Locale;

/**
 * The kernel generation whose PUT_Q / zombie behaviour a target is expected to show (spec §1.4).
 * Chosen with {@code -Duacce.it.era=A|B|C}; default {@link #B}.
 */
public enum KernelEra {
    /** Linux 5.7 up to the mid-2022 parent-removal fix: PUT_Q always 0; zombie: START_Q/mmap EINVAL, other ioctls run. */
    A,
    /** Mid-2022 up to the 2025 fixes, openEuler OLK and KAE: every ioctl/mmap on a put queue gives ENXIO, poll no events. */
    B,
    /** The 2025 fixes (≈ v6.19, stable backports 2026): PUT_Q only stops (STARTED → INIT), START_Q works again. */
    C;

    /** System property naming the expected era. */
    public static final String PROPERTY = "uacce.it.era";

    static KernelEra parse(String value, String source) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " = '" + value + "': expected A, B or C (spec §1.4)", e);
        }
    }

    /** Whether PUT_Q gives the hardware queue back at once (eras A and B) or only at release (C). */
    public boolean putReturnsQueue() {
        return this != C;
    }
}
