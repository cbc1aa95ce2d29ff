package io.uacce;

/** Life cycle of a {@link UacceQueue} as the driver tracks it. */
public enum QueueState {
    /** Open: hardware queue allocated, not started; context, info and regions may be set up. */
    INIT,
    /** START_Q succeeded: the device processes the queue. */
    STARTED,
    /**
     * PUT_Q was issued, or the kernel reported the queue gone (device removed). Only
     * {@link UacceQueue#unmap} and {@link UacceQueue#close} remain allowed.
     */
    RELEASED,
    /** Closed: regions unmapped, file descriptor closed. */
    CLOSED
}
