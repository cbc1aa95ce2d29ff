package io.uacce.stubs.model;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A device thread's private bounce buffer (its "on-chip SRAM"): grows on demand, never shrinks,
 * freed when the thread ends. Must be used and closed by the thread that created it.
 */
final class Staging implements AutoCloseable {
    private Arena arena;
    private MemorySegment buffer = MemorySegment.NULL;

    /** A buffer of at least {@code size} bytes; its content is undefined. */
    MemorySegment get(long size) {
        if (buffer.byteSize() < size) {
            if (arena != null) {
                arena.close();
            }
            long cap = Math.max(size, Math.min(Math.max(buffer.byteSize() * 2, 64 * 1024), 16L << 20));
            arena = Arena.ofConfined();
            buffer = arena.allocate(cap, 4096);
        }
        return buffer.asSlice(0, size);
    }

    @Override
    public void close() {
        if (arena != null) {
            arena.close();
            arena = null;
            buffer = MemorySegment.NULL;
        }
    }
}
