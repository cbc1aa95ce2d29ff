package io.uacce.it;

/** Fault-injection capabilities a target may offer through {@link Faults}. */
public enum Fault {
    /** Device reset: TX-stop then RX-stop set on every queue, queues dead until reopened (spec §3.7). */
    RESET,
    /** The sysfs {@code isolate} attribute reads 1 (too many hardware errors); selection skips the device. */
    ISOLATE,
    /** Every free queue taken by someone else: available_instances 0, open EBUSY. */
    EXHAUST,
    /** Every completion delayed. */
    SLOW_COMPLETIONS,
    /**
     * Requests run late: the device reads and writes a request's buffers only after a delay, so
     * a request times out before the device has written it (issue 8, rule 1). The model holds
     * every SQE before its DMA; the kernel stub and the CUSE daemon sleep after each SQE, so the
     * SQE after one just served is written late.
     */
    LATE_WRITES,
    /** Device removal (driver unbind): queues become zombies (ENXIO), the sysfs entry and node go. */
    REMOVE
}
