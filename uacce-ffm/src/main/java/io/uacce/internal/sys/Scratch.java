package io.uacce.internal.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.foreign.Linker;

/**
 * Per-thread native scratch memory for system calls: the errno capture buffer and a
 * {@code struct pollfd}. Allocated once per thread (automatic arena, freed with the thread), so
 * no call, including {@code poll} on the completion path, allocates an arena.
 *
 * <p>Each segment is used only between a call and the read of its result on the same thread,
 * so one buffer per thread is enough.
 */
final class Scratch {

    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final long ERRNO_OFFSET =
            CAPTURE_LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("errno"));

    /** {@code struct pollfd { int fd; short events; short revents; }}. */
    static final long POLLFD_SIZE = 8;

    private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

    /** The capture-state buffer handed to every errno-capturing downcall. */
    final MemorySegment callState;
    /** One {@code struct pollfd}. */
    final MemorySegment pollfd;
    /** Two {@code int}s (pipe fds, getcpu results). */
    final MemorySegment twoInts;

    private Scratch() {
        Arena arena = Arena.ofAuto();
        callState = arena.allocate(CAPTURE_LAYOUT);
        pollfd = arena.allocate(POLLFD_SIZE, 8);
        twoInts = arena.allocate(ValueLayout.JAVA_INT, 2);
    }

    static Scratch get() {
        return PER_THREAD.get();
    }

    /** The errno the last capturing call on this thread left in {@link #callState}. */
    int errno() {
        return callState.get(ValueLayout.JAVA_INT, ERRNO_OFFSET);
    }
}
