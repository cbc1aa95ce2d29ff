package io.uacce.request;

import java.lang.foreign.MemorySegment;

/**
 * Memory the device of one queue can reach, and the address an SQE carries for it (zip spec
 * §1.6, docs/abi.md). SVA devices reach any native memory of the process (the allocator is
 * native memory); no-SVA devices (openEuler/KAE) reach only the queue's SS region, whose slices
 * GET_SS_DMA reports. Thread-safe. Every buffer handed out is freed by {@link #free} (really
 * freed: session memory does not accumulate) or when the queue closes.
 */
public interface DeviceMemory {
    /** A zeroed native buffer the device can reach; {@code size} bytes, 64-byte aligned. */
    MemorySegment allocate(long size);

    /** Gives a buffer from {@link #allocate} back; its segment is no longer usable (SVA). */
    void free(MemorySegment segment);

    /**
     * The device address of {@code segment}'s first byte, or −1 when the device cannot reach it
     * (heap memory; on no-SVA devices anything outside the SS region) and the data must be staged.
     */
    long deviceAddress(MemorySegment segment);

    /** True when {@code segment} lies in a buffer from this memory's {@link #allocate}. */
    boolean owns(MemorySegment segment);

    /** Bytes handed out and not yet freed (for tests and counters). */
    long allocatedBytes();

    /** True for the SS region of a no-SVA device (size-limited: stage less). */
    boolean limited();
}
