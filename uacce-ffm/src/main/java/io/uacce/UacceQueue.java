package io.uacce;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.uacce.spi.UacceKernel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One uacce queue: one open file of a device node, i.e. one hardware queue pair.
 *
 * <p>Set-up follows UADK: {@link Uacce#open} → {@link #map} DUS and MMIO → {@link #setContext}
 * → {@link #queryInfo} → {@link #start}; teardown is {@link #close}, which issues PUT_Q (if
 * started), unmaps every region and closes the file. The driver tracks the state
 * ({@link QueueState}) and refuses a call the state does not allow with a
 * {@link QueueStateException} before the kernel is asked; kernel answers that mean "this queue is
 * gone" (ENXIO) or "wrong state" (EINVAL on START_Q) also become {@link QueueStateException}s.
 *
 * <p>PUT_Q moves the queue to {@link QueueState#RELEASED} on every kernel generation, so no later
 * call depends on how that kernel treats a put queue (zombie with ENXIO, or, from late 2025,
 * stopped and restartable): a queue is never restarted, a new one is opened instead.
 *
 * <p>Mapped regions are {@link MemorySegment}s bounded to the region and valid until
 * {@link #unmap} or {@link #close}; afterwards an access throws {@link IllegalStateException}.
 * Keep the queue reachable while its segments are in use: a queue that becomes unreachable
 * without {@link #close} is released by a {@link Cleaner} (and the leak is logged), which also
 * invalidates its segments.
 *
 * <p>Control calls are thread-safe (serialised). {@link #awaitEvent} does not take the lock;
 * calling it while another thread closes the queue returns or fails, but never crashes.
 */
public final class UacceQueue implements AutoCloseable {

    private static final Cleaner CLEANER = Cleaner.create();

    private final DeviceInfo device;
    private final QueueResources res;
    private final Cleaner.Cleanable cleanable;
    private int queueNumber = -1;

    private UacceQueue(UacceKernel kernel, DeviceInfo device, int fd) {
        this.device = device;
        this.res = new QueueResources(kernel, device.name(), fd, kernel.pageSize(),
                new Throwable("queue on " + device.name() + " opened here"));
        this.cleanable = CLEANER.register(this, res);
    }

    static UacceQueue open(UacceKernel kernel, DeviceInfo device) {
        Objects.requireNonNull(device, "device");
        if (device.legacyLayout()) {
            throw new UacceException("device " + device.name() + " uses the old openEuler 4.19 uacce ABI (sysfs"
                    + " attributes under attrs/): its ioctl numbers, flag bits and region layout differ from"
                    + " the ones this driver speaks; use a kernel with the current uacce ABI");
        }
        String path = device.devicePath().toString();
        int fd;
        try {
            fd = kernel.open(path);
        } catch (ErrnoException e) {
            throw QueueErrors.openFailed(device, path, e);
        }
        return new UacceQueue(kernel, device, fd);
    }

    /**
     * True when this queue's doorbells are memory-backed: the kernel target says so (a device
     * model, the CUSE mock's kernel of native-stubs). Silicon: false.
     */
    public boolean memoryBackedDoorbells() {
        return res.kernel.memoryBackedDoorbells();
    }

    /**
     * Tells the kernel target that the ring wrote the doorbell {@code word} again because nothing
     * arrived ({@link UacceKernel#doorbellRewritten}): a device model may take it through a side
     * channel. Nothing on the real kernel. Never throws.
     */
    public void doorbellRewritten(long word) {
        if (res.state != QueueState.STARTED) {
            return; // nothing the device would take (and a closed fd number may be reused)
        }
        try {
            res.kernel.doorbellRewritten(res.fd, word);
        } catch (RuntimeException e) {
            // a hint only: the doorbell word itself was written; the ring's wait goes on
        } finally {
            Reference.reachabilityFence(this); // the cleaner must not close the fd meanwhile
        }
    }

    /** The device this queue belongs to. */
    public DeviceInfo device() {
        return device;
    }

    /** The current state. */
    public QueueState state() {
        return res.state;
    }

    /** The queue number SET_QP_CTX returned, or -1 before {@link #setContext}. */
    public synchronized int queueNumber() {
        return queueNumber;
    }

    /** The file descriptor, for logs and diagnostics; -1 after close. */
    public int fd() {
        return res.state == QueueState.CLOSED ? -1 : res.fd;
    }

    /**
     * SET_QP_CTX: sets the queue type (for ZIP 0 = compression, 1 = decompression) and returns
     * the queue number (qn) used in doorbells. Only before {@link #start}: the kernel writes the
     * type into the queue context at START_Q.
     *
     * @throws IllegalArgumentException when {@code qcType} is not 0 or 1
     */
    public synchronized int setContext(int qcType) {
        if (qcType != 0 && qcType != 1) {
            throw new IllegalArgumentException("qc_type must be 0 (compression) or 1 (decompression), got "
                    + qcType + " (the kernel would answer EINVAL)");
        }
        res.require("setContext (SET_QP_CTX)", "the kernel reads the queue type only at START_Q; set it before"
                + " start()", QueueState.INIT);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ctx = arena.allocate(4, 4);
            ctx.set(JAVA_SHORT, 2, (short) qcType);
            ioctl("SET_QP_CTX", UacceIoctl.QM_SET_QP_CTX, ctx);
            queueNumber = ctx.get(JAVA_SHORT, 0) & 0xFFFF;
            return queueNumber;
        }
    }

    /**
     * SET_QP_INFO: the queue geometry. A kernel without this ioctl answers EINVAL; then the UADK
     * defaults {@link QueueInfo#DEFAULT} (128/1024/1024) are returned with
     * {@code reportedByKernel = false}.
     */
    public synchronized QueueInfo queryInfo() {
        res.require("queryInfo (SET_QP_INFO)", null, QueueState.INIT, QueueState.STARTED);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(16, 8);
            try {
                res.kernel.ioctl(res.fd, UacceIoctl.QM_SET_QP_INFO, info);
            } catch (ErrnoException e) {
                if (e.errno() == Errno.EINVAL) {
                    return QueueInfo.DEFAULT;
                }
                throw QueueErrors.ioctlFailed(res, "SET_QP_INFO", UacceIoctl.QM_SET_QP_INFO, e);
            }
            int sqeSize = info.get(JAVA_INT, 0);
            int sq = info.get(JAVA_SHORT, 4) & 0xFFFF;
            int cq = info.get(JAVA_SHORT, 6) & 0xFFFF;
            if (sqeSize <= 0 || sq < 2 || cq < 2) {
                throw new UacceException("SET_QP_INFO on " + res.subject() + " returned an unusable geometry: sqe_size "
                        + sqeSize + ", sq_depth " + sq + ", cq_depth " + cq);
            }
            return new QueueInfo(sqeSize, sq, cq, true);
        }
    }

    /** START_Q: the device starts processing the queue. */
    public synchronized void start() {
        res.require("start (START_Q)", null, QueueState.INIT);
        ioctl("START_Q", UacceIoctl.START_Q, MemorySegment.NULL);
        res.state = QueueState.STARTED;
    }

    /**
     * PUT_Q: stops the queue and (before the late-2025 kernels) gives the hardware queue back.
     * The queue moves to {@link QueueState#RELEASED} whatever the kernel generation; a kernel
     * answer of ENXIO (already put, device removed) has the same outcome and is not an error.
     */
    public synchronized void put() {
        res.require("put (PUT_Q)", null, QueueState.INIT, QueueState.STARTED);
        try {
            res.kernel.ioctl(res.fd, UacceIoctl.PUT_Q, MemorySegment.NULL);
        } catch (ErrnoException e) {
            if (e.errno() != Errno.ENXIO) {
                throw QueueErrors.ioctlFailed(res, "PUT_Q", UacceIoctl.PUT_Q, e);
            }
        }
        res.state = QueueState.RELEASED;
    }

    /**
     * Maps MMIO (sysfs {@code region_mmio_size}) or DUS (sysfs {@code region_dus_size}) at offset
     * {@code qfrt × page size}.
     *
     * @throws IllegalArgumentException for {@link Region#SS}, which needs {@link #map(Region, long)}
     */
    public MemorySegment map(Region region) {
        if (region == Region.SS) {
            throw new IllegalArgumentException("the SS region has no sysfs size: use map(Region.SS, length)");
        }
        long size = device.regionSize(region);
        if (size <= 0) {
            throw new UacceException("device " + device.name() + " has no " + region.sizeAttribute() + " in "
                    + device.sysfsDir() + "; cannot map " + region);
        }
        return map(region, size);
    }

    /**
     * Maps a region with an explicit length: MMIO at most {@code region_mmio_size}, DUS exactly
     * {@code region_dus_size}, SS any positive length (openEuler/KAE no-SVA kernels).
     *
     * @return a segment of {@code length} bytes, valid until {@link #unmap} or {@link #close}
     */
    public synchronized MemorySegment map(Region region, long length) {
        Objects.requireNonNull(region, "region");
        checkLength(region, length);
        res.require("map(" + region + ")", null, QueueState.INIT, QueueState.STARTED);
        if (res.mappings.containsKey(region)) {
            throw new QueueStateException("region " + region + " of " + res.subject() + " is already mapped; a"
                    + " region can be mapped once per queue (the kernel answers EEXIST): use the segment"
                    + " the first map returned");
        }
        MemorySegment raw;
        try {
            raw = res.kernel.mmap(res.fd, length, region.offset(res.pageSize));
        } catch (ErrnoException e) {
            throw QueueErrors.mmapFailed(res, region, length, e);
        }
        QueueResources.Mapping m = QueueResources.Mapping.of(region, raw, length);
        res.mappings.put(region, m);
        return m.view();
    }

    private void checkLength(Region region, long length) {
        if (length <= 0) {
            throw new IllegalArgumentException("length of region " + region + " must be positive, got " + length);
        }
        long size = device.regionSize(region);
        if (region == Region.MMIO && length > size) {
            throw new IllegalArgumentException("MMIO length " + length + " exceeds region_mmio_size " + size
                    + " of " + device.name() + " (the kernel would answer EINVAL)");
        }
        if (region == Region.DUS && length != size) {
            throw new IllegalArgumentException("DUS must be mapped with exactly region_dus_size = " + size
                    + " bytes of " + device.name() + ", got " + length + " (the kernel would answer EINVAL)");
        }
    }

    /**
     * Unmaps a region; its segment becomes inaccessible. Refused for SS while the queue is started
     * (openEuler kernels stop a started queue when SS is unmapped).
     */
    public synchronized void unmap(Region region) {
        res.require("unmap(" + region + ")", null, QueueState.INIT, QueueState.STARTED, QueueState.RELEASED);
        if (!res.mappings.containsKey(region)) {
            throw new QueueStateException("unmap(" + region + ") on " + res.subject() + ": the region is not mapped");
        }
        if (region == Region.SS && res.state == QueueState.STARTED) {
            throw new QueueStateException("unmap(SS) on " + res.subject() + " in state STARTED: openEuler/KAE"
                    + " kernels stop a started queue when its SS region goes; put() or close() the queue first");
        }
        res.unmap(region);
    }

    /** The segment of a mapped region, or {@code null} when it is not mapped. */
    public synchronized MemorySegment mapped(Region region) {
        QueueResources.Mapping m = res.mappings.get(region);
        return m == null ? null : m.view();
    }

    /**
     * GET_SS_DMA for slice 0, 1, ... until the kernel reports no further slice (openEuler/KAE
     * no-SVA kernels). The SS region must be mapped.
     */
    public synchronized List<SsSlice> ssSlices() {
        res.require("ssSlices (GET_SS_DMA)", null, QueueState.INIT, QueueState.STARTED);
        if (!res.mappings.containsKey(Region.SS)) {
            throw new QueueStateException("ssSlices (GET_SS_DMA) on " + res.subject() + ": the SS region is not"
                    + " mapped; call map(Region.SS, length) first");
        }
        List<SsSlice> out = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment arg = arena.allocate(JAVA_LONG);
            long total = -1;
            for (long i = 0; ; i++) {
                arg.set(JAVA_LONG, 0, i);
                long left = ioctl("GET_SS_DMA", UacceIoctl.GET_SS_DMA, arg);
                if (total < 0) {
                    total = left + 1;
                    if (total > 1 << 16) {
                        throw new UacceException("GET_SS_DMA on " + res.subject() + " reports " + total
                                + " slices, which is implausible; the kernel does not speak the openEuler"
                                + " GET_SS_DMA protocol");
                    }
                } else if (left != total - 1 - i) {
                    throw new UacceException("GET_SS_DMA on " + res.subject() + " for slice " + i + " reports "
                            + left + " slices left, expected " + (total - 1 - i));
                }
                out.add(decodeSlice(arg.get(JAVA_LONG, 0)));
                if (left == 0) {
                    return Collections.unmodifiableList(out);
                }
            }
        }
    }

    /** GET_SS_DMA output: DMA address OR (size in 64 KiB units) in the low 12 bits. */
    static SsSlice decodeSlice(long v) {
        return new SsSlice(v & ~0xFFFL, (v & 0xFFFL) << 16);
    }

    /**
     * Waits with {@code poll(POLLIN)} until the kernel reports a completion on this queue or the
     * timeout expires. No allocation on this path.
     *
     * @param timeoutMillis the longest wait, 0 to check without waiting
     * @return true when readable, false on timeout
     */
    public boolean awaitEvent(long timeoutMillis) {
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("timeout must be >= 0 ms, got " + timeoutMillis);
        }
        QueueState s = res.state;
        if (s != QueueState.INIT && s != QueueState.STARTED) {
            throw res.wrongState("awaitEvent (poll)", null, s);
        }
        int ev;
        try {
            ev = res.kernel.poll(res.fd, UacceKernel.POLLIN, (int) Math.min(timeoutMillis, Integer.MAX_VALUE));
        } catch (ErrnoException e) {
            throw QueueErrors.pollFailed(res, e);
        } finally {
            // the cleaner must not close the fd while this thread polls it
            Reference.reachabilityFence(this);
        }
        if ((ev & (UacceKernel.POLLERR | QueueErrors.POLLNVAL)) != 0) {
            throw QueueErrors.pollError(res, ev);
        }
        return (ev & (UacceKernel.POLLIN | UacceKernel.POLLRDNORM)) != 0;
    }

    private long ioctl(String name, long request, MemorySegment arg) {
        try {
            return res.kernel.ioctl(res.fd, request, arg);
        } catch (ErrnoException e) {
            throw QueueErrors.ioctlFailed(res, name, request, e);
        }
    }

    /**
     * PUT_Q if started, unmap every region, close the file. Idempotent. Every step runs even if
     * an earlier one fails; the first failure is thrown at the end (ENXIO from PUT_Q, a queue
     * already gone, is not a failure).
     */
    @Override
    public synchronized void close() {
        res.explicitClose = true;
        cleanable.clean();
        RuntimeException failure = res.takeCloseFailure();
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "UacceQueue[" + res.subject() + ", " + res.state + "]";
    }
}
