package io.uacce.compress.device;

import io.uacce.DeviceInfo;
import io.uacce.Uacce;
import io.uacce.UacceException;
import io.uacce.compress.engine.Engine;
import io.uacce.compress.engine.OneShot;
import io.uacce.compress.engine.Session;
import io.uacce.compress.types.Format;
import io.uacce.compress.types.OutputTooSmallException;
import io.uacce.compress.zip.Headers;
import io.uacce.compress.zip.ZipCodec;
import io.uacce.compress.zip.ZipRequest;
import io.uacce.compress.zip.ZipResult;
import io.uacce.qm.QmVersion;
import io.uacce.request.QueueType;
import io.uacce.request.RequestCounters;
import io.uacce.request.RequestPool;
import io.uacce.request.RequestQueue;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;

/**
 * ZIP compression on a uacce device, on the request layer: a compression pool (qc_type 0) and
 * a decompression pool (qc_type 1) of queues on devices offering gzip or zlib. Sessions (context
 * buffer, staging buffers, queue) are pooled, so a one-shot call on native memory allocates
 * nothing on the Java heap. Work that an asynchronous call cannot keep on the device queue (the
 * stream path for inputs one request cannot take, byte[] decompression of unknown size) runs on
 * an executor the engine owns and closes, never on the common pool.
 */
public final class DeviceEngine implements Engine {
    private static final int POOL_LIMIT = 64;

    private final Uacce host;
    private final DeviceInfo device;
    private final QmVersion version;
    private final DeviceSettings settings;
    /** Sysfs algorithms a ZIP device offers, in order of preference. */
    static final List<String> ALGORITHMS = List.of("gzip", "zlib");
    private final RequestPool<ZipRequest, ZipResult> compressPool;
    private final RequestPool<ZipRequest, ZipResult> decompressPool;
    private final ExecutorService executor;
    /** Idle sessions per format and direction ({@link IdleSessions}: no lock on the hot path). */
    private final IdleSessions[] idle = new IdleSessions[Format.values().length * 2];
    /** Notified whenever a session comes back (waiters for SS memory). */
    private final Object returned = new Object();
    /** Threads waiting on {@link #returned}: giveBack notifies only when there are any. */
    private final java.util.concurrent.atomic.AtomicInteger memoryWaiters = new java.util.concurrent.atomic.AtomicInteger();

    private DeviceEngine(Uacce host, DeviceInfo device, DeviceSettings settings) {
        this.host = host;
        this.device = device;
        this.version = QmVersion.fromApi(device.api());
        this.settings = settings;
        this.compressPool = RequestPool.open(host, new QueueType(ALGORITHMS, 0, "compress"), ZipCodec.INSTANCE,
                settings.requestSettings());
        this.decompressPool = RequestPool.open(host, new QueueType(ALGORITHMS, 1, "decompress"), ZipCodec.INSTANCE,
                settings.requestSettings());
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("uacce-zip-", 0).factory());
        for (int i = 0; i < idle.length; i++) {
            idle[i] = new IdleSessions(POOL_LIMIT);
        }
    }

    /**
     * An engine on the host's best ZIP device (UADK selection: nearest NUMA node, most free queues).
     *
     * @throws io.uacce.NoDeviceException when no device offers zlib or gzip
     */
    public static DeviceEngine open(Uacce host, DeviceSettings settings) {
        DeviceInfo d = host.select("gzip").or(() -> host.select("zlib")).orElseGet(() -> host.selectOrThrow("gzip"));
        DeviceEngine e = new DeviceEngine(host, d, settings);
        try {
            e.compressPool.next(); // open the first compression queues now: fail early, not at first use
        } catch (RuntimeException x) {
            e.close();
            throw x;
        }
        return e;
    }

    /** The pool of one direction. */
    RequestPool<ZipRequest, ZipResult> pool(boolean compress) {
        return compress ? compressPool : decompressPool;
    }

    /** The request layer's counters of one direction (device requests submitted, completed, failed). */
    public RequestCounters counters(boolean compress) {
        return pool(compress).counters();
    }

    /** Counters of each open queue of both directions, by queue name. */
    public java.util.Map<String, RequestCounters> queueCounters() {
        java.util.Map<String, RequestCounters> m = new java.util.LinkedHashMap<>(compressPool.queueCounters());
        m.putAll(decompressPool.queueCounters());
        return m;
    }

    /** Device memory held now (session contexts, staging, buffers), both directions. */
    public long deviceMemoryBytes() {
        return compressPool.allocatedBytes() + decompressPool.allocatedBytes();
    }

    /** The executor this engine owns for asynchronous work that cannot stay on a device queue. */
    @Override
    public ExecutorService executor() {
        return executor;
    }

    DeviceSettings settings() {
        return settings;
    }

    /** Staging size: the setting, but at most 1/32 of the SS region on no-SVA devices. */
    int stagingBytes(RequestQueue<?, ?> q) {
        int size = settings.stagingBytes();
        return q.memory().limited() ? (int) Math.max(4096, Math.min(size, settings.ssBytes() / 32)) : size;
    }

    /**
     * Device memory for a session. When the SS region (no-SVA) is full, idle pooled sessions give
     * theirs back, and then the caller waits for a busy session to come back (back-pressure for
     * many requests in flight), up to the request timeout.
     */
    MemorySegment allocate(RequestQueue<?, ?> q, long size) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.timeoutMillis());
        while (true) {
            try {
                return q.memory().allocate(size);
            } catch (UacceException full) {
                if (reclaimIdle(q)) {
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw full;
                }
                memoryWaiters.incrementAndGet();
                try {
                    synchronized (returned) {
                        returned.wait(Math.max(1, Math.min(left / 1_000_000, 10)));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw full;
                } finally {
                    memoryWaiters.decrementAndGet();
                }
            }
        }
    }

    /** Frees the idle pooled sessions of {@code q}; true if there were any. */
    private boolean reclaimIdle(RequestQueue<?, ?> q) {
        List<DeviceSession> freed = new ArrayList<>();
        for (IdleSessions pool : idle) {
            freed.addAll(pool.drain(s -> s.queue == q));
        }
        freed.forEach(DeviceSession::free);
        return !freed.isEmpty();
    }

    /** The device chosen at start (further queues may land on other devices). */
    public DeviceInfo device() {
        return device;
    }

    @Override
    public String description() {
        return "device " + device.name() + " (" + device.api() + ", " + (device.sva() ? "SVA" : "no-SVA") + ", node "
                + device.numaNode() + ") via " + host.description() + "; queues " + compressPool.describe() + " "
                + decompressPool.describe();
    }

    @Override
    public boolean hardware() {
        return true;
    }

    @Override
    public boolean supports(Format format) {
        if (!device.supports(format.algorithm())) {
            return false;
        }
        return format != Format.RAW || version == QmVersion.V3; // raw deflate: SQE type 3 only
    }

    @Override
    public Session newSession(Format format, boolean compress) {
        return borrow(format, compress);
    }

    DeviceSession borrow(Format format, boolean compress) {
        IdleSessions pool = idle[format.ordinal() * 2 + (compress ? 0 : 1)];
        DeviceSession s = pool.take();
        while (s != null && !s.queue.alive()) {
            s.free(); // a dead queue's session: dropped
            s = pool.take();
        }
        if (s != null) {
            return s;
        }
        return new DeviceSession(this, pool(compress).next(), format, compress);
    }

    void giveBack(DeviceSession s) {
        IdleSessions pool = idle[s.format.ordinal() * 2 + (s.compress ? 0 : 1)];
        boolean kept = false;
        if (s.queue.alive()) {
            s.reset();
            kept = pool.offer(s);
        }
        if (!kept) {
            s.free();
        }
        if (memoryWaiters.get() > 0) {
            synchronized (returned) {
                returned.notifyAll();
            }
        }
    }

    @Override
    public long compress(Format format, MemorySegment src, MemorySegment dst) {
        if (src.byteSize() == 0) {
            return emptyStream(format, dst);
        }
        try {
            return block(format, true, src, dst);
        } catch (DataFormatException e) {
            throw new IllegalStateException("compression reported a data-format error", e);
        }
    }

    @Override
    public long decompress(Format format, MemorySegment src, MemorySegment dst) throws DataFormatException {
        return block(format, false, src, dst);
    }

    /** One stateless request when it can do the job, else the stream path (chunks, 0x0E, members). */
    private long block(Format format, boolean compress, MemorySegment src, MemorySegment dst)
            throws DataFormatException {
        DeviceSession s = borrow(format, compress);
        try {
            if (s.prepareBlock(src, dst)) {
                long n = s.runBlock();
                if (n != DeviceSession.FALL_BACK) {
                    return n;
                }
            }
            s.reset();
            return OneShot.toSegment(s, format, compress, src, dst);
        } finally {
            s.close();
        }
    }

    @Override
    public CompletableFuture<Long> compressAsync(Format format, MemorySegment src, MemorySegment dst) {
        if (src.byteSize() == 0) {
            try {
                return CompletableFuture.completedFuture(emptyStream(format, dst)); // a copy: no device, no thread
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return blockAsync(format, true, src, dst);
    }

    @Override
    public CompletableFuture<Long> decompressAsync(Format format, MemorySegment src, MemorySegment dst) {
        return blockAsync(format, false, src, dst);
    }

    /**
     * Keeps the request on the device queue; its completion (on the reaper, no lock held) moves
     * the output into place, gives the session back and completes the future. When one request
     * cannot do the job (input over 8 MiB or over the staging size, 0x0E with clamped room,
     * several gzip members) the stream path runs on this engine's executor.
     */
    private CompletableFuture<Long> blockAsync(Format format, boolean compress, MemorySegment src, MemorySegment dst) {
        DeviceSession s;
        try {
            s = borrow(format, compress);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<ZipResult> device;
        try {
            if (!s.prepareBlock(src, dst)) {
                s.close();
                return streamAsync(format, compress, src, dst);
            }
            device = s.submitBlock();
        } catch (DataFormatException | RuntimeException e) {
            s.close();
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Long> out = new CompletableFuture<>();
        device.whenComplete((r, error) -> {
            long n;
            try {
                if (error != null) {
                    throw error;
                }
                n = s.finishBlock(r);
            } catch (Throwable e) {
                s.close();
                out.completeExceptionally(e);
                return;
            }
            s.close();
            if (n != DeviceSession.FALL_BACK) {
                out.complete(n);
            } else {
                streamAsync(format, compress, src, dst).whenComplete((m, e) -> {
                    if (e != null) {
                        out.completeExceptionally(e instanceof CompletionException c && c.getCause() != null
                                ? c.getCause() : e);
                    } else {
                        out.complete(m);
                    }
                });
            }
        });
        return out;
    }

    /** The synchronous path on this engine's executor (never the common pool, never the reaper). */
    private CompletableFuture<Long> streamAsync(Format format, boolean compress, MemorySegment src, MemorySegment dst) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return compress ? compress(format, src, dst) : decompress(format, src, dst);
                } catch (DataFormatException e) {
                    throw new CompletionException(e);
                }
            }, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("the compression engine is closed", e));
        }
    }

    private static long emptyStream(Format format, MemorySegment dst) {
        byte[] e = Headers.emptyStream(format);
        if (dst.byteSize() < e.length) {
            throw new OutputTooSmallException("the destination holds " + dst.byteSize() + " bytes; the "
                    + format.algorithm() + " form of empty input needs " + e.length);
        }
        MemorySegment.copy(MemorySegment.ofArray(e), 0, dst, 0, e.length);
        return e.length;
    }

    @Override
    public byte[] compress(Format format, MemorySegment src) {
        if (src.byteSize() <= settings.stagingBytes()) {
            byte[] out = new byte[(int) format.maxCompressedLength(src.byteSize())];
            return Arrays.copyOf(out, (int) compress(format, src, MemorySegment.ofArray(out)));
        }
        return Engine.super.compress(format, src);
    }

    /**
     * A buffer the device reaches without a copy: native memory on SVA; on no-SVA a slice of the
     * SS region of the first compression queue (zero-copy for requests on that queue; requests
     * on other queues stage it). Valid until {@link #free} or the engine closes.
     */
    public MemorySegment allocateBuffer(long size) {
        return allocate(compressPool.next(), size);
    }

    /**
     * Gives a buffer from {@link #allocateBuffer} back: the memory is freed at once. (A buffer
     * whose queue went out of service is freed with that queue; access then fails with
     * IllegalStateException, never a crash.)
     */
    public void freeBuffer(MemorySegment segment) {
        compressPool.owner(segment).ifPresent(q -> q.memory().free(segment));
    }

    /**
     * Closes the engine: the executor stops taking work, the pooled sessions are freed, then each
     * pool closes its queues (requests in flight finish or fail after their queue is stopped).
     */
    @Override
    public void close() {
        executor.shutdown();
        List<DeviceSession> all = new ArrayList<>();
        for (IdleSessions pool : idle) {
            all.addAll(pool.drain(x -> true));
        }
        all.forEach(DeviceSession::free);
        compressPool.close();
        decompressPool.close();
        try {
            if (!executor.awaitTermination(settings.timeoutMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
