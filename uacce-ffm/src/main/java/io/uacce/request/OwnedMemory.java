package io.uacce.request;

/** A queue's {@link DeviceMemory}, closed with the queue. */
interface OwnedMemory extends DeviceMemory {
    /** Frees everything still allocated; called once the queue is stopped. */
    void close();
}
