package io.uacce.request;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * SVA: the device uses process virtual addresses, so every native segment is reachable. Each
 * buffer has its own arena, closed by {@link #free}: freed memory goes back to the system at once
 * (buffers are pooled by their owners, so allocation is rare and off the hot path).
 */
final class SvaMemory implements OwnedMemory {
    private final Map<Long, Arena> arenas = new java.util.HashMap<>();
    private long allocated;
    private boolean closed;

    @Override
    public MemorySegment allocate(long size) {
        Arena a = Arena.ofShared();
        MemorySegment s = a.allocate(size, 64);
        synchronized (this) {
            if (closed) {
                a.close();
                throw new QueueOutOfServiceException("the queue's device memory is closed (the queue was closed)", null);
            }
            arenas.put(s.address(), a);
            allocated += size;
        }
        return s;
    }

    @Override
    public void free(MemorySegment segment) {
        Arena a;
        synchronized (this) {
            a = arenas.remove(segment.address());
            if (a == null) {
                return;
            }
            allocated -= segment.byteSize();
        }
        a.close();
    }

    @Override
    public long deviceAddress(MemorySegment segment) {
        return segment.isNative() ? segment.address() : -1;
    }

    @Override
    public synchronized boolean owns(MemorySegment segment) {
        if (!segment.isNative()) {
            return false;
        }
        for (Arena a : arenas.values()) {
            if (segment.scope().equals(a.scope())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized long allocatedBytes() {
        return allocated;
    }

    @Override
    public boolean limited() {
        return false;
    }

    @Override
    public void close() {
        Map<Long, Arena> left;
        synchronized (this) {
            closed = true;
            left = new IdentityHashMap<>();
            arenas.forEach((k, v) -> left.put(k, v));
            arenas.clear();
            allocated = 0;
        }
        left.values().forEach(Arena::close);
    }
}
