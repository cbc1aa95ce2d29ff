package io.uacce.compress.device;

import java.lang.foreign.MemorySegment;

/** Memory the device can reach, and the address an SQE carries for it (spec §1.6). */
interface DeviceMemory extends AutoCloseable {
    /** A zeroed native buffer the device can reach; {@code size} bytes, 64-byte aligned. */
    MemorySegment allocate(long size);

    /** Gives a buffer from {@link #allocate} back. */
    void free(MemorySegment segment);

    /**
     * The device address of {@code segment}'s first byte, or −1 when the device cannot reach it
     * (heap memory; on no-SVA devices anything outside the SS region) and the data must be staged.
     */
    long deviceAddress(MemorySegment segment);

    /** True when {@code segment} came from this memory's {@link #allocate}. */
    boolean owns(MemorySegment segment);

    @Override
    void close();
}
