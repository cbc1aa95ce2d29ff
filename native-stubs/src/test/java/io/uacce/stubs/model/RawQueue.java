package io.uacce.stubs.model;

import io.uacce.spi.UacceKernel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The test's own user side of a QM queue, written from the spec (§3.1–§3.9), not from the
 * driver: maps DUS + MMIO, sets the context, starts, writes SQEs, rings doorbells, reaps CQEs.
 */
final class RawQueue implements AutoCloseable {
    static final ValueLayout.OfInt DW = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong QW = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort HW = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private static final VarHandle W7 = ValueLayout.JAVA_SHORT.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();

    final UacceKernel kernel;
    final ModelDevice device;
    final int fd;
    final MemorySegment dus;
    final MemorySegment mmio;
    final int qn;
    final int depth;
    final int sqeSize;
    private final long doorbell;
    private final boolean v1;
    int tail;
    int head;
    int phase = 1;

    private RawQueue(ModelHost host, ModelDevice device, int qcType, boolean start) {
        this.kernel = host.kernel();
        this.device = device;
        this.fd = kernel.open(host.devRoot().resolve(device.name()).toString());
        long page = kernel.pageSize();
        this.dus = kernel.mmap(fd, device.dusSize(), page);
        this.mmio = kernel.mmap(fd, device.mmioSize(), 0);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ctx = a.allocate(4);
            ctx.set(ValueLayout.JAVA_SHORT, 2, (short) qcType);
            kernel.ioctl(fd, ModelQueue.SET_QP_CTX, ctx);
            this.qn = ctx.get(ValueLayout.JAVA_SHORT, 0);
            MemorySegment info = a.allocate(16);
            kernel.ioctl(fd, ModelQueue.SET_QP_INFO, info);
            this.depth = info.get(ValueLayout.JAVA_SHORT, 4) & 0xFFFF;
            this.sqeSize = info.get(ValueLayout.JAVA_INT, 0);
        }
        this.doorbell = device.api() == ModelApi.V1 ? 0x340 : 0x1000;
        this.v1 = device.api() == ModelApi.V1;
        if (start) {
            kernel.ioctl(fd, ModelQueue.START_Q, MemorySegment.NULL);
        }
    }

    static RawQueue open(ModelHost host, int qcType) {
        return new RawQueue(host, host.devices().get(0), qcType, true);
    }

    static RawQueue openUnstarted(ModelHost host) {
        return new RawQueue(host, host.devices().get(0), 0, false);
    }

    MemorySegment sqe(int slot) {
        return dus.asSlice((long) sqeSize * slot, sqeSize);
    }

    /** The next free SQE, zeroed (the caller fills it, then calls {@link #submit}). */
    MemorySegment next() {
        MemorySegment s = sqe(tail);
        s.fill((byte) 0);
        return s;
    }

    long doorbellValue(int cmd, int index, int priority) {
        return v1 ? (qn & 0xFFFFL) | (long) cmd << 16 | (long) index << 32 | (long) priority << 48
                : (qn & 0xFFFL) | (long) cmd << 12 | (long) index << 32 | (long) priority << 48;
    }

    private long lastSq = -1;
    private long lastCq = -1;

    void ring(long value) {
        VarHandle.fullFence();
        mmio.set(QW, doorbell, value);
        if (((v1 ? value >>> 16 : value >>> 12) & 0xF) == 0) {
            lastSq = value;
        } else {
            lastCq = value;
        }
    }

    /** Waits until the model took the last doorbell write (its register then reads all ones). */
    void awaitTaken() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (mmio.get(QW, doorbell) != -1L) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("doorbell not taken within 10 s");
            }
            Thread.onSpinWait();
        }
    }

    /** Advances the tail over the filled SQE(s) and rings the SQ doorbell once. */
    void submit(int count) {
        tail = (tail + count) % depth;
        ring(doorbellValue(0, tail, 0));
    }

    void ringCq(int priority) {
        ring(doorbellValue(1, head, priority));
    }

    /** The CQE at the head if its phase is current: its sq_head; else -1. Does not advance. */
    int peek() {
        long cqe = (long) sqeSize * depth + 16L * head;
        short w7 = (short) W7.getAcquire(dus, cqe + 14);
        if ((w7 & 1) != phase) {
            return -1;
        }
        return dus.get(HW, cqe + 8) & 0xFFFF;
    }

    /** sq_num of the CQE {@link #reap} consumed last. */
    int cqeSqNum() {
        int last = (head + depth - 1) % depth;
        return dus.get(HW, (long) sqeSize * depth + 16L * last + 10) & 0xFFFF;
    }

    /** Waits (up to 10 s) for the next CQE; consumes it; rings the CQ doorbell if asked. */
    int reap(boolean ringCq) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long nextKick = System.nanoTime() + 1_000_000L;
        boolean kickCq = true;
        int slot;
        while ((slot = peek()) < 0) {
            long now = System.nanoTime();
            if (now > deadline) {
                throw new AssertionError("no CQE within 10 s at head " + head + " phase " + phase);
            }
            if (now > nextKick) {
                // Memory-backed doorbells (docs/architecture.md): re-write the last CQ, then the last SQ doorbell.
                long again = kickCq ? lastCq : lastSq;
                if (again != -1) {
                    VarHandle.fullFence();
                    mmio.set(QW, doorbell, again);
                }
                kickCq = !kickCq;
                nextKick = now + 1_000_000L;
            }
            Thread.onSpinWait();
        }
        if (++head == depth) {
            head = 0;
            phase ^= 1;
        }
        if (ringCq) {
            ringCq(0);
        }
        return slot;
    }

    int txStop() {
        return dus.get(DW, dus.byteSize() - 4);
    }

    int rxStop() {
        return dus.get(DW, dus.byteSize() - 8);
    }

    @Override
    public void close() {
        try {
            kernel.ioctl(fd, ModelQueue.PUT_Q, MemorySegment.NULL);
        } catch (RuntimeException alreadyGone) {
            // ZOMBIE queues answer ENXIO
        }
        kernel.munmap(dus);
        kernel.munmap(mmio);
        kernel.close(fd);
    }
}
