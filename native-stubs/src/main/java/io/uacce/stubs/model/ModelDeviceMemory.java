package io.uacce.stubs.model;

import java.lang.foreign.MemorySegment;

/**
 * How the device reaches the buffers named in SQEs: process virtual addresses (SVA) or DMA
 * addresses of SS slices. A bad address gives {@link AddressFault}, never a crash.
 */
interface ModelDeviceMemory {

    /** Copies {@code length} bytes at device address {@code address} into {@code dst}. */
    void read(long address, MemorySegment dst, long length) throws AddressFault;

    /** Copies {@code length} bytes of {@code src} to device address {@code address}. */
    void write(long address, MemorySegment src, long length) throws AddressFault;
}
