package io.uacce.compress.device;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** SVA: the device uses process virtual addresses, so every native segment is reachable. */
final class SvaMemory implements DeviceMemory {
    private final Arena arena = Arena.ofShared();

    @Override
    public MemorySegment allocate(long size) {
        return arena.allocate(size, 64);
    }

    @Override
    public void free(MemorySegment segment) {
        // the arena frees everything at close; sessions are pooled, so this is rare
    }

    @Override
    public long deviceAddress(MemorySegment segment) {
        return segment.isNative() ? segment.address() : -1;
    }

    @Override
    public boolean owns(MemorySegment segment) {
        return segment.isNative() && segment.scope().equals(arena.scope());
    }

    @Override
    public void close() {
        arena.close();
    }
}
