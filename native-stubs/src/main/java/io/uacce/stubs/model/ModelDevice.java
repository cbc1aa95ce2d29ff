package io.uacce.stubs.model;

import io.uacce.Errno;
import io.uacce.ErrnoException;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One modelled accelerator (a uacce device such as {@code hisi_zip-0}) and its fault-injection
 * controls for tests. Thread-safe.
 */
public final class ModelDevice {
    private static final Logger LOG = LoggerFactory.getLogger(ModelDevice.class);

    private final DeviceSpec spec;
    private final HostSettings settings;
    private final SysfsTree sysfs;
    private final long mmioSize;
    private final long dusSize;
    private final BitSet usedQns = new BitSet();
    private final Set<ModelQueue> queues = new LinkedHashSet<>();
    private final StreamTable streams = new StreamTable();
    private final DmaSpace dma = new DmaSpace();
    private final AtomicLong completions = new AtomicLong();
    private final AtomicLong ignoredDoorbells = new AtomicLong();
    private final AtomicLong overflows = new AtomicLong();
    private int kernelHeld;
    private boolean removed;
    private boolean isolated;
    private volatile long completionDelayNanos;
    private volatile long lateWriteNanos;
    private volatile boolean outOfOrder;
    private volatile ResultFilter resultFilter;
    private final java.util.concurrent.atomic.AtomicInteger lostCompletions = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean dropCqDoorbells;
    private volatile long slowStopNanos;
    private final java.util.concurrent.atomic.AtomicInteger stopsRunning = new java.util.concurrent.atomic.AtomicInteger();

    ModelDevice(DeviceSpec spec, HostSettings settings, SysfsTree sysfs) {
        this.spec = spec;
        this.settings = settings;
        this.sysfs = sysfs;
        this.mmioSize = spec.api.mmioSize(settings.pageSize());
        this.dusSize = settings.dusSize(spec.depth, spec.engine.sqeSize());
    }

    /** The device name, e.g. {@code hisi_zip-0}. */
    public String name() {
        return spec.name;
    }

    /** The QM generation. */
    public ModelApi api() {
        return spec.api;
    }

    /** The sysfs {@code api} value, e.g. "hisi_qm_v2" or "hisi_qm_v2_noiommu". */
    public String apiValue() {
        return spec.api.sysfsName() + spec.addressMode.apiSuffix();
    }

    /** Number of hardware queues. */
    public int queues() {
        return spec.queues;
    }

    /** SQ/CQ depth. */
    public int depth() {
        return spec.depth;
    }

    /** How SQE addresses are interpreted. */
    public AddressMode addressMode() {
        return spec.addressMode;
    }

    /** The engine behind every queue. */
    public EngineKind engine() {
        return spec.engine;
    }

    /** SQE size of the engine: 128 (ZIP), 64 (HPRE). */
    public int sqeSize() {
        return spec.engine.sqeSize();
    }

    /** The sysfs {@code algorithms} lines of this device's engine and api. */
    public java.util.List<String> algorithms() {
        return spec.engine == EngineKind.HPRE ? HpreEngine.algorithms(spec.api) : spec.api.algorithms();
    }

    /** region_mmio_size in bytes. */
    public long mmioSize() {
        return mmioSize;
    }

    /** region_dus_size in bytes. */
    public long dusSize() {
        return dusSize;
    }

    /** available_instances as sysfs shows it. */
    public synchronized int availableInstances() {
        return Math.max(0, spec.queues - usedQns.cardinality() - kernelHeld);
    }

    /** Number of open queues (file descriptors or mappings not yet released). */
    public synchronized int openQueues() {
        return queues.size();
    }

    /** Stateful streams the device currently keeps state for. */
    public int activeStreams() {
        return streams.size();
    }

    /** CQEs written so far, all queues. */
    public long completions() {
        return completions.get();
    }

    /** Doorbells ignored: another queue's qn, an unknown cmd, or an index ≥ depth. */
    public long ignoredDoorbells() {
        return ignoredDoorbells.get();
    }

    /** CQ overflows declared (after the grace period). */
    public long overflows() {
        return overflows.get();
    }

    // ---- fault injection ----

    /**
     * Device reset (soft reset / FLR): on every queue TX-stop then RX-stop become 1 and the queue
     * stops processing for good; user space must close it and open a new one (spec §3.7).
     */
    public void reset() {
        for (ModelQueue q : snapshot()) {
            q.kill();
        }
        LOG.info("model device {}: reset, all queues stopped", name());
    }

    /** Sets the sysfs {@code isolate} attribute (1 = isolated; UADK then skips the device). */
    public synchronized void isolate(boolean isolate) {
        isolated = isolate;
        sysfs.write(name(), "isolate", (isolate ? 1 : 0) + "\n");
    }

    /** Whether {@link #isolate} set the device isolated. */
    public synchronized boolean isolated() {
        return isolated;
    }

    /** In-kernel users take every free queue: available_instances 0, open gives EBUSY. */
    public synchronized void exhaustQueues() {
        kernelHeld = spec.queues - usedQns.cardinality();
        publishAvailable();
    }

    /** Gives the queues taken by {@link #exhaustQueues()} back. */
    public synchronized void restoreQueues() {
        kernelHeld = 0;
        publishAvailable();
    }

    /**
     * Delays every completion by {@code delay} ({@link Duration#ZERO} turns it off). A change also
     * applies to a completion already being held back.
     */
    public void slowCompletions(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        completionDelayNanos = Math.max(0, delay.toNanos());
    }

    /**
     * Holds every SQE for {@code delay} before running it: the device reads the source, writes
     * the destination and publishes the CQE only after the delay ({@link Duration#ZERO} turns it
     * off). A late DMA write, the hazard a driver must not hand buffers back into: a queue stopped
     * meanwhile (PUT_Q, reset, close) never runs the held SQE.
     */
    public void lateWrites(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        lateWriteNanos = Math.max(0, delay.toNanos());
    }

    /**
     * Completes SQEs out of order: each batch the device takes from one doorbell is completed
     * newest first, and a lone SQE is held back up to 1 ms for a successor to overtake it.
     */
    public void outOfOrderCompletions(boolean enable) {
        outOfOrder = enable;
    }

    /**
     * Rewrites the result words of every SQE after the engine ran it and before its CQE is
     * published: a device that returns arbitrary results (fuzzing of the driver's result
     * decoding). {@code null} turns it off. The filter runs on the queue's device thread.
     */
    public void filterResults(ResultFilter filter) {
        resultFilter = filter;
    }

    /**
     * Loses the completions of the next {@code n} SQEs the device runs (any queue): each is run,
     * its results are written, but no CQE is ever published for it, while later SQEs complete
     * normally. The failure a per-request deadline exists for; {@code 0} cancels what is left.
     */
    public void loseCompletions(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n < 0");
        }
        lostCompletions.set(n);
    }

    /**
     * Misses every CQ doorbell while on (the head update never reaches the device): the device's
     * view of the CQ fills up, and after the host's CQ grace the queue is stopped as a CQ
     * overflow (TX-stop, RX-stop; spec §3.7), as the QM does when its CQ overflows.
     */
    public void dropCqDoorbells(boolean drop) {
        dropCqDoorbells = drop;
    }

    /**
     * Makes every PUT_Q take {@code delay} before it stops the queue ({@link Duration#ZERO} turns
     * it off): a kernel whose queue stop waits for the hardware to drain. Until PUT_Q returns the
     * device may still write the queue's buffers, so a driver must not free them before; tests
     * watch that window through {@link #stopsRunning()}.
     */
    public void slowStops(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        slowStopNanos = Math.max(0, delay.toNanos());
    }

    /** PUT_Qs of this device's queues that have begun and not yet returned. */
    public int stopsRunning() {
        return stopsRunning.get();
    }

    long slowStopNanos() {
        return slowStopNanos;
    }

    void stopBegins() {
        stopsRunning.incrementAndGet();
    }

    void stopEnds() {
        stopsRunning.decrementAndGet();
    }

    /**
     * Removes the device (driver unbind): every queue becomes ZOMBIE (ioctl/mmap ENXIO, poll no
     * events), its stop words become 1, the sysfs entry and device node disappear and open gives
     * ENODEV. Mapped memory stays readable until unmapped (the model cannot zap mappings).
     */
    public void remove() {
        synchronized (this) {
            if (removed) {
                return;
            }
            removed = true;
        }
        for (ModelQueue q : snapshot()) {
            q.zombify();
        }
        sysfs.removeDevice(name());
        LOG.info("model device {}: removed", name());
    }

    /** Whether {@link #remove()} was called. */
    public synchronized boolean removed() {
        return removed;
    }

    // ---- internal ----

    DeviceSpec spec() {
        return spec;
    }

    HostSettings settings() {
        return settings;
    }

    StreamTable streams() {
        return streams;
    }

    DmaSpace dma() {
        return dma;
    }

    long completionDelayNanos() {
        return completionDelayNanos;
    }

    long lateWriteNanos() {
        return lateWriteNanos;
    }

    boolean outOfOrder() {
        return outOfOrder;
    }

    void filterResult(MemorySegment sqe) {
        ResultFilter f = resultFilter;
        if (f != null) {
            f.rewrite(name(), sqe);
        }
    }

    /** Whether the completion of the SQE just run is to be lost ({@link #loseCompletions}). */
    boolean takeLostCompletion() {
        return lostCompletions.get() > 0 && lostCompletions.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    boolean dropsCqDoorbells() {
        return dropCqDoorbells;
    }

    void countCompletion() {
        completions.incrementAndGet();
    }

    void countIgnoredDoorbell() {
        ignoredDoorbells.incrementAndGet();
    }

    void countOverflow() {
        overflows.incrementAndGet();
    }

    /** open(): takes a hardware queue (lowest free qn). */
    synchronized ModelQueue openQueue(int fd) {
        if (removed) {
            throw new ErrnoException("open", Errno.ENODEV, "/dev/" + name(), "the model device was removed");
        }
        if (availableInstances() <= 0) {
            throw new ErrnoException("open", Errno.EBUSY, "/dev/" + name(), "every queue of the device is in use");
        }
        int qn = usedQns.nextClearBit(0);
        usedQns.set(qn);
        ModelQueue q = new ModelQueue(this, fd, qn);
        queues.add(q);
        publishAvailable();
        return q;
    }

    /** The queue gives its hardware queue back (PUT_Q in eras A/B, or release). */
    synchronized void returnQueue(int qn) {
        usedQns.clear(qn);
        publishAvailable();
    }

    /** The queue is gone entirely (fd closed and nothing mapped). */
    synchronized void forget(ModelQueue q) {
        queues.remove(q);
    }

    synchronized List<ModelQueue> snapshot() {
        return new ArrayList<>(queues);
    }

    private void publishAvailable() {
        sysfs.write(name(), "available_instances", availableInstances() + "\n");
    }
}
