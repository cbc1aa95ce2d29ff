package io.uacce.stubs.model;

import io.uacce.Errno;
import io.uacce.ErrnoException;
import io.uacce.spi.UacceKernel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open file of a model device = one hardware queue pair: the uacce state machine (spec §1.4),
 * its regions (MMIO doorbell page, DUS rings + stop words, SS slices), poll events and the device
 * thread while STARTED. Control calls synchronise on the queue; the device thread never takes
 * that lock.
 */
final class ModelQueue {
    private static final Logger LOG = LoggerFactory.getLogger(ModelQueue.class);

    static final long START_Q = 0x5700L;
    static final long PUT_Q = 0x5701L;
    static final long GET_SS_DMA = 0x80085703L;
    static final long SET_QP_CTX = 0xC004480AL;
    static final long SET_QP_INFO = 0xC010480BL;

    /** What the doorbell register reads after the device took a write (no valid doorbell has it). */
    static final long DOORBELL_IDLE = -1L;
    static final VarHandle INT = ValueLayout.JAVA_INT.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN).varHandle();

    enum State { INIT, STARTED, ZOMBIE }

    private static final int MMIO = 0;
    private static final int DUS = 1;
    private static final int SS = 2;

    final ModelDevice device;
    final int fd;
    final int qn;
    private final HostSettings settings;
    private final Arena arena = Arena.ofShared();
    final MemorySegment mmio;
    final MemorySegment dus;
    private volatile State state = State.INIT;
    private int qcType;
    private boolean holdsQueue = true;
    private boolean fdOpen = true;
    private boolean released;
    private final boolean[] mapped = new boolean[3];
    private final boolean[] wasMapped = new boolean[3];
    private Arena ssArena;
    private List<DmaSpace.Slice> ssSlices = List.of();
    private volatile QueueEngine engine;
    private volatile boolean dead;

    private final Object events = new Object();
    private boolean armed;
    private boolean eventPending;

    ModelQueue(ModelDevice device, int fd, int qn) {
        this.device = device;
        this.fd = fd;
        this.qn = qn;
        this.settings = device.settings();
        // Fresh memory is zero: CQ ring and both stop words are cleared as at queue creation.
        this.mmio = arena.allocate(device.mmioSize(), settings.pageSize());
        this.dus = arena.allocate(device.dusSize(), settings.pageSize());
        QueueEngine.DOORBELL.setVolatile(mmio, (long) device.api().doorbellOffset(), DOORBELL_IDLE);
    }

    int depth() {
        return device.depth();
    }

    State state() {
        return state;
    }

    boolean dead() {
        return dead;
    }

    private ErrnoException errno(String call, int errno, String hint) {
        return new ErrnoException(call, errno, "/dev/" + device.name() + " (model fd " + fd + ", qn " + qn + ")", hint);
    }

    // ---- ioctl ----

    synchronized long ioctl(long cmd, MemorySegment arg) {
        PutQueueEra era = settings.era();
        String call = ioctlName(cmd);
        if (state == State.ZOMBIE && era != PutQueueEra.A) {
            throw errno(call, Errno.ENXIO, "the queue was released (PUT_Q) or its device removed; open a new one");
        }
        if (cmd == START_Q) {
            if (state != State.INIT) {
                throw errno(call, Errno.EINVAL, state == State.STARTED ? "the queue is already started"
                        : "the queue was released");
            }
            startEngine();
            state = State.STARTED;
            return 0;
        }
        if (cmd == PUT_Q) {
            if (era == PutQueueEra.C) {
                if (state == State.STARTED) {
                    stopEngine();
                    state = State.INIT;
                }
                return 0;
            }
            if (state != State.ZOMBIE) {
                stopEngine();
                giveBack();
                state = State.ZOMBIE;
            }
            return 0;
        }
        if (cmd == SET_QP_CTX) {
            MemorySegment ctx = IoctlArg.in(arg, 4, call);
            int type = IoctlArg.u16(ctx, 2) & 0xFFFF;
            if (type > 1) {
                throw errno(call, Errno.EINVAL, "qc_type must be 0 (compress) or 1 (decompress), got " + type);
            }
            qcType = type;
            IoctlArg.u16(ctx, 0, qn);
            IoctlArg.out(arg, ctx, call);
            return 0;
        }
        if (cmd == SET_QP_INFO) {
            if (!settings.qpInfoSupported()) {
                throw errno(call, Errno.EINVAL, "this (modelled) kernel predates SET_QP_INFO");
            }
            MemorySegment info = IoctlArg.in(arg, 16, call);
            info.set(ValueLayout.JAVA_INT_UNALIGNED, 0, device.sqeSize());
            IoctlArg.u16(info, 4, depth());
            IoctlArg.u16(info, 6, depth());
            IoctlArg.out(arg, info.asSlice(0, 8), call);
            return 0;
        }
        if (cmd == GET_SS_DMA && device.addressMode().staticShare()) {
            MemorySegment idx = IoctlArg.in(arg, 8, call);
            long i = idx.get(ValueLayout.JAVA_LONG_UNALIGNED, 0);
            if (ssSlices.isEmpty() || i < 0 || i >= ssSlices.size()) {
                throw errno(call, Errno.EINVAL, ssSlices.isEmpty() ? "no SS region is mapped"
                        : "slice index " + i + " out of range (" + ssSlices.size() + " slices)");
            }
            DmaSpace.Slice s = ssSlices.get((int) i);
            idx.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, s.dma() | ((s.size() >>> 16) & 0xFFF));
            IoctlArg.out(arg, idx, call);
            return ssSlices.size() - 1 - i;
        }
        throw errno(call, Errno.EINVAL, "unknown request for a hisi_qm queue");
    }

    private static String ioctlName(long cmd) {
        if (cmd == START_Q) {
            return "ioctl(START_Q)";
        } else if (cmd == PUT_Q) {
            return "ioctl(PUT_Q)";
        } else if (cmd == SET_QP_CTX) {
            return "ioctl(SET_QP_CTX)";
        } else if (cmd == SET_QP_INFO) {
            return "ioctl(SET_QP_INFO)";
        } else if (cmd == GET_SS_DMA) {
            return "ioctl(GET_SS_DMA)";
        }
        return String.format("ioctl(0x%X)", cmd);
    }

    // ---- mmap ----

    synchronized MemorySegment mmap(long length, long offset) {
        if (state == State.ZOMBIE) {
            throw errno("mmap", settings.era() == PutQueueEra.A ? Errno.EINVAL : Errno.ENXIO,
                    "the queue was released or its device removed");
        }
        long page = settings.pageSize();
        if (length <= 0 || offset < 0 || offset % page != 0) {
            throw errno("mmap", Errno.EINVAL, "length " + length + ", offset " + offset);
        }
        long type = offset / page;
        int regions = device.addressMode().staticShare() ? 3 : 2;
        if (type >= regions) {
            throw errno("mmap", Errno.EINVAL, "offset " + offset + " selects no region (" + regions + " regions)");
        }
        int t = (int) type;
        if (mapped[t] || (!settings.remapAfterMunmap() && wasMapped[t])) {
            throw errno("mmap", Errno.EEXIST, "region " + t + " is already mapped on this fd");
        }
        MemorySegment base;
        if (t == MMIO) {
            if (length > device.mmioSize()) {
                throw errno("mmap", Errno.EINVAL, "MMIO length " + length + " > " + device.mmioSize());
            }
            base = mmio;
        } else if (t == DUS) {
            if (length != device.dusSize()) {
                throw errno("mmap", Errno.EINVAL, "DUS length must be exactly " + device.dusSize() + ", got " + length);
            }
            base = dus;
        } else {
            long size = (length + page - 1) / page * page;
            ssArena = Arena.ofShared();
            base = ssArena.allocate(size, page);
            long maxSlice = device.addressMode() == AddressMode.NO_SVA_IOMMU ? size
                    : Math.min(page << 10, 128L << 20);
            ssSlices = device.dma().add(base, maxSlice);
        }
        mapped[t] = true;
        wasMapped[t] = true;
        return MemorySegment.ofAddress(base.address()).reinterpret(length);
    }

    /** munmap of a region of this queue. */
    synchronized void unmapped(int type) {
        mapped[type] = false;
        if (type == SS) {
            // OLK/KAE: unmapping SS stops a started queue and frees the DMA buffers.
            if (state == State.STARTED) {
                stopEngine();
                state = State.INIT;
            }
            freeSs();
        }
        if (released) {
            freeUnmapped(); // host shut down while this region was still mapped
        } else {
            releaseIfUnreferenced();
        }
    }

    /** The region a mapping address belongs to, or -1. */
    synchronized int regionAt(long address) {
        if (address == mmio.address() && mapped[MMIO]) {
            return MMIO;
        }
        if (address == dus.address() && mapped[DUS]) {
            return DUS;
        }
        if (ssArena != null && mapped[SS] && !ssSlices.isEmpty()
                && address == ssSlices.get(0).memory().address()) {
            return SS;
        }
        return -1;
    }

    private void freeSs() {
        if (ssArena != null) {
            device.dma().remove(ssSlices);
            ssSlices = List.of();
            try {
                ssArena.close();
            } catch (IllegalStateException busy) {
                LOG.warn("model: SS region of {} still in use at unmap; its memory is leaked", device.name());
            }
            ssArena = null;
        }
    }

    // ---- close / release ----

    synchronized void fdClosed() {
        fdOpen = false;
        releaseIfUnreferenced();
    }

    private void releaseIfUnreferenced() {
        if (!fdOpen && !mapped[MMIO] && !mapped[DUS] && !mapped[SS] && !released) {
            release();
        }
    }

    /** The last reference went (or the host shuts down): stop, give the queue back, free what is unmapped. */
    private void release() {
        released = true;
        stopEngine();
        giveBack();
        device.streams().closeOwnedBy(this);
        freeUnmapped();
        device.forget(this);
    }

    /**
     * Frees the memory of the regions the driver no longer maps. Memory still mapped stays until
     * its munmap: the driver's segment of it must never point at freed memory.
     */
    private void freeUnmapped() {
        if (!mapped[SS]) {
            freeSs();
        }
        if (!mapped[MMIO] && !mapped[DUS] && arena.scope().isAlive()) {
            try {
                arena.close();
            } catch (IllegalStateException busy) {
                LOG.warn("model: MMIO/DUS memory of {} qn {} still in use at release; it is leaked", device.name(), qn);
            }
        }
    }

    /** Host shutdown: stop the device thread; memory still mapped is freed at its munmap. */
    synchronized void shutdown() {
        if (released) {
            return;
        }
        fdOpen = false;
        release();
    }

    private void giveBack() {
        if (holdsQueue) {
            holdsQueue = false;
            device.returnQueue(qn);
        }
    }

    // ---- faults ----

    /** Device reset: stop words, and the queue never processes again. */
    synchronized void kill() {
        if (released) {
            return;
        }
        dead = true;
        setStopWords();
        stopEngine();
    }

    /** Device removal: ZOMBIE, stop words (the model's stand-in for zapped mappings). */
    synchronized void zombify() {
        if (released) {
            return;
        }
        dead = true;
        stopEngine();
        setStopWords();
        giveBack();
        state = State.ZOMBIE;
        synchronized (events) {
            events.notifyAll();
        }
    }

    /** TX-stop, then RX-stop = 1 (spec §3.7). Called by control threads and the device thread. */
    void setStopWords() {
        INT.setVolatile(dus, device.dusSize() - 4, 1);
        INT.setVolatile(dus, device.dusSize() - 8, 1);
    }

    /** The device thread declared a CQ overflow: the queue is dead from now on. */
    void overflowed() {
        dead = true;
        setStopWords();
        device.countOverflow();
        LOG.warn("model device {} qn {}: CQ overflow (no CQ doorbell within {} ms); queue stopped",
                device.name(), qn, settings.cqGrace().toMillis());
    }

    // ---- device thread ----

    private void startEngine() {
        if (dead) {
            return;
        }
        QueueEngine.DOORBELL.setVolatile(mmio, (long) device.api().doorbellOffset(), DOORBELL_IDLE);
        synchronized (events) {
            armed = true; // the CQC starts with its event flag set
            eventPending = false;
        }
        int type = qcType; // the SQC takes qc_type at START
        engine = new QueueEngine(this, () -> SqeProcessor.create(device, this, type));
        engine.start();
    }

    private void stopEngine() {
        if (engine != null) {
            engine.stop();
            engine = null;
        }
    }

    // ---- poll ----

    /** A CQE was written: raise the completion interrupt if the CQ is armed. */
    void completionWritten() {
        synchronized (events) {
            if (armed) {
                armed = false;
                eventPending = true;
                events.notifyAll();
            }
        }
    }

    /** A CQ doorbell with priority 1 re-arms the interrupt; it fires at once if CQEs are unread. */
    void arm(boolean unreadCompletions) {
        synchronized (events) {
            armed = true;
            if (unreadCompletions) {
                armed = false;
                eventPending = true;
                events.notifyAll();
            }
        }
    }

    int poll(int requested, int timeoutMillis) {
        QueueEngine e = engine;
        if (e != null) {
            e.kick();
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        synchronized (events) {
            while (true) {
                boolean zombie = state == State.ZOMBIE && settings.era() != PutQueueEra.A;
                if (!zombie && eventPending) {
                    eventPending = false;
                    return (UacceKernel.POLLIN | UacceKernel.POLLRDNORM) & (requested | UacceKernel.POLLERR);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return 0;
                }
                try {
                    events.wait(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw errno("poll", Errno.EINTR, "interrupted");
                }
            }
        }
    }
}
