package io.uacce.compress.device;

import io.uacce.DeviceInfo;
import io.uacce.Uacce;
import io.uacce.compress.Format;
import io.uacce.compress.OutputTooSmallException;
import io.uacce.compress.ZipEngine;
import io.uacce.compress.engine.Engine;
import io.uacce.compress.engine.OneShot;
import io.uacce.compress.engine.Session;
import io.uacce.compress.zip.Headers;
import io.uacce.qm.QmVersion;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.zip.DataFormatException;

/**
 * ZIP compression on a uacce device. Sessions (context buffer, staging buffers, queue) are
 * pooled, so a one-shot call on native memory allocates nothing on the Java heap.
 */
public final class DeviceEngine implements Engine {
    private static final int POOL_LIMIT = 64;

    private final Uacce host;
    private final DeviceInfo device;
    private final QmVersion version;
    private final DeviceSettings settings;
    private final QueuePool pool;
    @SuppressWarnings("unchecked")
    private final ArrayDeque<DeviceSession>[] idle = new ArrayDeque[Format.values().length * 2];
    /** Notified whenever a session comes back (waiters for SS memory). */
    private final Object returned = new Object();

    private DeviceEngine(Uacce host, DeviceInfo device, DeviceSettings settings) {
        this.host = host;
        this.device = device;
        this.version = QmVersion.fromApi(device.api());
        this.settings = settings;
        this.pool = new QueuePool(host, algorithmOf(device), settings);
        for (int i = 0; i < idle.length; i++) {
            idle[i] = new ArrayDeque<>();
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
        e.pool.next(true); // open the first compression queues now: fail early, not at first use
        return e;
    }

    private static String algorithmOf(DeviceInfo d) {
        return d.supports("gzip") ? "gzip" : "zlib";
    }

    DeviceSettings settings() {
        return settings;
    }

    /** Staging size: the setting, but at most 1/32 of the SS region on no-SVA devices. */
    int stagingBytes(DeviceQueue q) {
        int size = settings.stagingBytes();
        return q.memory instanceof SsMemory ? (int) Math.max(4096, Math.min(size, settings.ssBytes() / 32)) : size;
    }

    /**
     * Device memory for a session. When the SS region (no-SVA) is full, idle pooled sessions give
     * theirs back, and then the caller waits for a busy session to come back (back-pressure for
     * many requests in flight), up to the request timeout.
     */
    MemorySegment allocate(DeviceQueue q, long size) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(settings.timeoutMillis());
        while (true) {
            try {
                return q.memory.allocate(size);
            } catch (io.uacce.UacceException full) {
                if (reclaimIdle(q)) {
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw full;
                }
                synchronized (returned) {
                    try {
                        returned.wait(Math.max(1, Math.min(left / 1_000_000, 10)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw full;
                    }
                }
            }
        }
    }

    /** Frees the idle pooled sessions of {@code q}; true if there were any. */
    private boolean reclaimIdle(DeviceQueue q) {
        boolean any = false;
        for (ArrayDeque<DeviceSession> stack : idle) {
            synchronized (stack) {
                var it = stack.iterator();
                while (it.hasNext()) {
                    DeviceSession s = it.next();
                    if (s.queue == q) {
                        it.remove();
                        s.free();
                        any = true;
                    }
                }
            }
        }
        return any;
    }

    /** The device chosen at start (further queues may land on other devices). */
    public DeviceInfo device() {
        return device;
    }

    @Override
    public String description() {
        return "device " + device.name() + " (" + device.api() + ", " + (device.sva() ? "SVA" : "no-SVA") + ", node "
                + device.numaNode() + ") via " + host.description() + "; queues " + pool.describe();
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
        ArrayDeque<DeviceSession> stack = idle[format.ordinal() * 2 + (compress ? 0 : 1)];
        synchronized (stack) {
            DeviceSession s = stack.pollFirst();
            while (s != null && !s.queue.alive()) {
                s = stack.pollFirst();
            }
            if (s != null) {
                return s;
            }
        }
        return new DeviceSession(this, pool.next(compress), format, compress);
    }

    void giveBack(DeviceSession s) {
        ArrayDeque<DeviceSession> stack = idle[s.format.ordinal() * 2 + (s.compress ? 0 : 1)];
        boolean kept = false;
        if (s.queue.alive()) {
            s.reset();
            synchronized (stack) {
                if (stack.size() < POOL_LIMIT) {
                    stack.addFirst(s);
                    kept = true;
                }
            }
        }
        if (!kept) {
            s.free();
        }
        synchronized (returned) {
            returned.notifyAll();
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
            return CompletableFuture.supplyAsync(() -> emptyStream(format, dst), ForkJoinPool.commonPool());
        }
        return blockAsync(format, true, src, dst);
    }

    @Override
    public CompletableFuture<Long> decompressAsync(Format format, MemorySegment src, MemorySegment dst) {
        return blockAsync(format, false, src, dst);
    }

    /** Keeps the request on the queue; the reaper completes the future. */
    private CompletableFuture<Long> blockAsync(Format format, boolean compress, MemorySegment src, MemorySegment dst) {
        DeviceSession s = borrow(format, compress);
        boolean submitted = false;
        try {
            if (s.prepareBlock(src, dst)) {
                BlockTicket t = new BlockTicket(this, s, src, dst);
                s.submitBlock(t);
                submitted = true;
                return t.future;
            }
        } catch (DataFormatException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            if (!submitted) {
                s.close();
            }
        }
        return compress ? Engine.super.compressAsync(format, src, dst) : Engine.super.decompressAsync(format, src, dst);
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
            byte[] out = new byte[(int) ZipEngine.maxCompressedLength(format, src.byteSize())];
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
        DeviceQueue q = pool.next(true);
        return allocate(q, size);
    }

    /** Gives a buffer from {@link #allocateBuffer} back. */
    public void freeBuffer(MemorySegment segment) {
        pool.owner(segment).ifPresent(q -> q.memory.free(segment));
    }

    @Override
    public void close() {
        for (ArrayDeque<DeviceSession> stack : idle) {
            synchronized (stack) {
                stack.forEach(DeviceSession::free);
                stack.clear();
            }
        }
        pool.close();
    }
}
