package io.uacce.stubs.model;

import java.lang.foreign.MemorySegment;

/**
 * Fault hook of {@link ModelDevice#filterResults}: rewrites the result words of a completed SQE
 * (the whole slot, {@link ModelDevice#sqeSize()} bytes) before the device publishes its CQE.
 */
@FunctionalInterface
public interface ResultFilter {
    /** Called on the device thread of a queue of device {@code device} for each SQE it ran. */
    void rewrite(String device, MemorySegment sqe);
}
