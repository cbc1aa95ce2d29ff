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
    /** Device removal (driver unbind): queues become zombies (ENXIO), the sysfs entry and node go. */
    REMOVE
}
