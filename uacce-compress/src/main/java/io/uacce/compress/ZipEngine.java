package io.uacce.compress;

import io.uacce.UacceException;
import io.uacce.Uacce;
import io.uacce.compress.device.DeviceEngine;
import io.uacce.request.RequestCounters;
import io.uacce.compress.device.DeviceSettings;
import io.uacce.compress.engine.Engine;
import io.uacce.compress.soft.SoftwareEngine;
import io.uacce.compress.types.Format;
import io.uacce.compress.types.OutputTooSmallException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.DataFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point: compresses and decompresses raw deflate, zlib and gzip on a HiSilicon ZIP device
 * through uacce, or with java.util.zip. Thread-safe; one engine per application is enough (it
 * holds the device queues). Close it to give the queues back.
 *
 * <pre>{@code
 * try (ZipEngine zip = ZipEngine.open()) {            // mode from -Duacce.compress.mode, default AUTO
 *     byte[] gz = zip.compress(Format.GZIP, data);
 *     byte[] back = zip.decompress(Format.GZIP, gz);
 * }
 * }</pre>
 */
public final class ZipEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZipEngine.class);
    private static final AtomicBoolean FALLBACK_LOGGED = new AtomicBoolean();
    private static final int STREAM_BUFFER = 64 * 1024;

    private final Mode mode;
    private final Engine engine;
    private final Engine software;
    private java.lang.foreign.Arena buffers;
    private final EngineCounters counters = new EngineCounters();
    private final EngineJmx jmx;

    private ZipEngine(Mode mode, Engine engine, Engine software) {
        this.mode = mode;
        this.engine = engine;
        this.software = software;
        this.jmx = EngineJmx.register(this);
    }

    /** An engine in the mode of the system property {@value Mode#PROPERTY}, default AUTO. */
    public static ZipEngine open() {
        return builder().build();
    }

    /** An engine in {@code mode} (the system property, when set, wins). */
    public static ZipEngine open(Mode mode) {
        return builder().mode(mode).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The mode asked for. */
    public Mode mode() {
        return mode;
    }

    /** True when the device does the work. */
    public boolean hardware() {
        return engine.hardware();
    }

    /** The engine behind this API object (tests of this module read the device engine's counters). */
    Engine engine() {
        return engine;
    }

    /** Which engine and device, for logs. */
    public String description() {
        return engine.description();
    }

    /**
     * An upper bound of the compressed size of {@code n} input bytes in {@code format}, for sizing
     * one-shot destinations: stored-block expansion plus header and trailer, with room for the
     * device's (undocumented) worst case of 1/8 expansion.
     */
    public static long maxCompressedLength(Format format, long n) {
        return format.maxCompressedLength(n);
    }

    // ---- one-shot: byte[]

    public byte[] compress(Format format, byte[] data) {
        return compress(format, data, 0, data.length);
    }

    public byte[] compress(Format format, byte[] data, int off, int len) {
        return toArray(format, data, off, len, (en, src) -> en.compress(format, src));
    }

    /** Decompresses a whole stream (gzip: all members). */
    public byte[] decompress(Format format, byte[] data) throws DataFormatException {
        return decompress(format, data, 0, data.length);
    }

    public byte[] decompress(Format format, byte[] data, int off, int len) throws DataFormatException {
        return toArray(format, data, off, len, (en, src) -> en.decompress(format, src));
    }

    /** A byte[] one-shot call: counted, and recovered from a device error in AUTO mode. */
    private <X extends Exception> byte[] toArray(Format format, byte[] data, int off, int len, ArrayCall<X> call)
            throws X {
        Objects.checkFromIndexSize(off, len, data.length);
        Engine e = pick(format);
        MemorySegment src = MemorySegment.ofArray(data).asSlice(off, len);
        try {
            byte[] out;
            try {
                out = call.on(e, src);
            } catch (RuntimeException x) {
                out = recover(e, x, en -> call.on(en, src));
            }
            counters.done(len, out.length);
            return out;
        } catch (Exception x) { // RuntimeException or X (DataFormatException)
            counters.failed(x);
            throw x;
        }
    }

    @FunctionalInterface
    private interface ArrayCall<X extends Exception> {
        byte[] on(Engine e, MemorySegment src) throws X;
    }

    // ---- one-shot: ByteBuffer (heap or direct), java.util.zip position semantics

    /**
     * Compresses {@code src} from position to limit into {@code dst} from its position. On success
     * the source position reaches its limit and the destination position advances by the result.
     *
     * @return bytes written
     * @throws OutputTooSmallException positions unchanged
     */
    public int compress(Format format, ByteBuffer src, ByteBuffer dst) {
        int n = (int) compress(format, MemorySegment.ofBuffer(src), MemorySegment.ofBuffer(dst));
        src.position(src.limit());
        dst.position(dst.position() + n);
        return n;
    }

    /** Decompresses {@code src} (position to limit) into {@code dst}; positions as for compress. */
    public int decompress(Format format, ByteBuffer src, ByteBuffer dst) throws DataFormatException {
        int n = (int) decompress(format, MemorySegment.ofBuffer(src), MemorySegment.ofBuffer(dst));
        src.position(src.limit());
        dst.position(dst.position() + n);
        return n;
    }

    // ---- one-shot: MemorySegment (native segments reach the device without a copy)

    /** Compresses all of {@code src} into {@code dst} from offset 0; returns the bytes written. */
    public long compress(Format format, MemorySegment src, MemorySegment dst) {
        Engine e = pick(format);
        try {
            long n;
            try {
                n = e.compress(format, src, dst);
            } catch (RuntimeException x) {
                n = recover(e, x, en -> en.compress(format, src, dst)); // lambda made on failure only
            }
            counters.done(src.byteSize(), n);
            return n;
        } catch (RuntimeException x) {
            counters.failed(x);
            throw x;
        }
    }

    /** Decompresses all of {@code src} into {@code dst} from offset 0; returns the bytes written. */
    public long decompress(Format format, MemorySegment src, MemorySegment dst) throws DataFormatException {
        Engine e = pick(format);
        try {
            long n;
            try {
                n = e.decompress(format, src, dst);
            } catch (RuntimeException x) {
                n = recover(e, x, en -> en.decompress(format, src, dst));
            }
            counters.done(src.byteSize(), n);
            return n;
        } catch (DataFormatException | RuntimeException x) {
            counters.failed(x);
            throw x;
        }
    }

    // ---- asynchronous: many requests in flight per queue (throughput comes from depth)

    /**
     * Compresses {@code src} into {@code dst} from offset 0; the future gives the bytes written.
     * On the device the request stays on the queue (no thread per request); completions are
     * delivered on the queue's reaper thread, so chain heavy work with the *Async variants. Keep
     * both segments alive and unchanged until the future completes.
     */
    public CompletableFuture<Long> compressAsync(Format format, MemorySegment src, MemorySegment dst) {
        Engine e = pick(format);
        return counted(recovering(e, e.compressAsync(format, src, dst), en -> en.compressAsync(format, src, dst)),
                src.byteSize());
    }

    /** As {@link #compressAsync(Format, MemorySegment, MemorySegment)} for decompression. */
    public CompletableFuture<Long> decompressAsync(Format format, MemorySegment src, MemorySegment dst) {
        Engine e = pick(format);
        return counted(recovering(e, e.decompressAsync(format, src, dst), en -> en.decompressAsync(format, src, dst)),
                src.byteSize());
    }

    /** Counts an asynchronous call when it completes (the future's own stages see the same result). */
    private CompletableFuture<Long> counted(CompletableFuture<Long> f, long in) {
        f.whenComplete((n, e) -> {
            if (e != null) {
                counters.failed(e);
            } else {
                counters.done(in, n);
            }
        });
        return f;
    }

    /** Compresses a copy-free view of {@code data} into a new array. */
    public CompletableFuture<byte[]> compressAsync(Format format, byte[] data) {
        byte[] out = new byte[(int) Math.min(Integer.MAX_VALUE - 8, maxCompressedLength(format, data.length))];
        return compressAsync(format, MemorySegment.ofArray(data), MemorySegment.ofArray(out))
                .thenApply(n -> java.util.Arrays.copyOf(out, n.intValue()));
    }

    /** Decompresses into a new array; a data error completes the future with a DataFormatException cause. */
    public CompletableFuture<byte[]> decompressAsync(Format format, byte[] data) {
        Engine e = pick(format);
        MemorySegment src = MemorySegment.ofArray(data);
        CompletableFuture<byte[]> f = recovering(e, e.decompressAsync(format, src), en -> en.decompressAsync(format, src));
        f.whenComplete((out, x) -> {
            if (x != null) {
                counters.failed(x);
            } else {
                counters.done(data.length, out.length);
            }
        });
        return f;
    }

    // ---- AUTO mode: per-request recovery from device errors (issue 13)

    /** One call on an engine (the retry and the software run of a failed call). */
    @FunctionalInterface
    private interface Call<T, X extends Exception> {
        T on(Engine e) throws X;
    }

    /**
     * A device call failed with {@code failure}. In AUTO mode, for a device error
     * ({@link DeviceErrors}: the queue was stopped, the caller's buffers are ours again) the
     * request is sent once more (the pool replaces a queue out of service, so it runs on another
     * queue) and, if that fails with a device error too, runs in software; counted in
     * {@code deviceRetries} and {@code softwareFallbacks}. HARDWARE mode, data errors and
     * software engines rethrow.
     */
    private <T, X extends Exception> T recover(Engine e, RuntimeException failure, Call<T, X> call) throws X {
        if (mode != Mode.AUTO || e == software || !DeviceErrors.recoverable(failure)) {
            throw failure;
        }
        counters.deviceRetries.increment();
        try {
            return call.on(e);
        } catch (RuntimeException again) {
            if (!DeviceErrors.recoverable(again)) {
                throw again;
            }
            counters.softwareFallbacks.increment();
            LOG.debug("device failed twice ({}; {}): this request runs in software", failure.getMessage(),
                    again.getMessage());
            return call.on(software);
        }
    }

    /** {@link #recover} for asynchronous calls: the same steps when {@code first} fails. */
    private <T> CompletableFuture<T> recovering(Engine e, CompletableFuture<T> first,
            Call<CompletableFuture<T>, RuntimeException> call) {
        if (mode != Mode.AUTO || e == software) {
            return first;
        }
        return first.exceptionallyCompose(x -> {
            if (!DeviceErrors.recoverable(x)) {
                return CompletableFuture.failedFuture(DeviceErrors.unwrap(x));
            }
            counters.deviceRetries.increment();
            return call.on(e).exceptionallyCompose(y -> {
                if (!DeviceErrors.recoverable(y)) {
                    return CompletableFuture.failedFuture(DeviceErrors.unwrap(y));
                }
                counters.softwareFallbacks.increment();
                return call.on(software);
            });
        });
    }

    // ---- counters

    /**
     * A snapshot of this engine's counters: API calls, bytes, errors by device status, timeouts,
     * software fallbacks, and the request layer's counters per direction and per open queue.
     */
    public ZipStatistics statistics() {
        RequestCounters none = RequestCounters.ZERO;
        DeviceEngine d = engine instanceof DeviceEngine de ? de : null;
        return new ZipStatistics(engine.hardware(), engine.description(), counters.requests.sum(),
                counters.bytesIn.sum(), counters.bytesOut.sum(), counters.errors.sum(), counters.byStatus(),
                counters.timeouts.sum(), counters.softwareFallbacks.sum(), counters.deviceRetries.sum(), d != null ? d.counters(true) : none,
                d != null ? d.counters(false) : none, d != null ? d.queueCounters() : java.util.Map.of());
    }

    /** The JMX name this engine is registered under while open, e.g. {@code io.uacce:type=ZipEngine,name=zip-0}. */
    public String jmxName() {
        return jmx.name();
    }

    // ---- device-reachable buffers

    /**
     * A zeroed native buffer of {@code size} bytes that the device reaches without a copy: plain
     * native memory on SVA devices (and in software mode); on no-SVA devices a slice of the SS
     * region (spec §1.6). Valid until {@link #freeBuffer} or {@link #close()}.
     */
    public MemorySegment allocateBuffer(long size) {
        if (engine instanceof DeviceEngine d) {
            return d.allocateBuffer(size);
        }
        synchronized (this) {
            if (buffers == null) {
                buffers = java.lang.foreign.Arena.ofShared();
            }
            return buffers.allocate(size, 64);
        }
    }

    /** Gives back a buffer of {@link #allocateBuffer} (software mode: freed at close). */
    public void freeBuffer(MemorySegment segment) {
        if (engine instanceof DeviceEngine d) {
            d.freeBuffer(segment);
        }
    }

    // ---- streaming

    /** A streaming compressor; close it. */
    public ZipDeflater newDeflater(Format format) {
        return new ZipDeflater(format, pick(format).newSession(format, true));
    }

    /** A streaming decompressor (one stream / gzip member at a time); close it. */
    public ZipInflater newInflater(Format format) {
        return new ZipInflater(format, pick(format).newSession(format, false));
    }

    /** Compresses what is written into {@code out}; closing it closes {@code out}. */
    public CompressingOutputStream compressingStream(Format format, OutputStream out) {
        return new CompressingOutputStream(out, newDeflater(format), STREAM_BUFFER);
    }

    /** Decompresses {@code in} (gzip: concatenated members); closing it closes {@code in}. */
    public DecompressingInputStream decompressingStream(Format format, InputStream in) {
        return new DecompressingInputStream(in, newInflater(format), STREAM_BUFFER);
    }

    /** The engine for {@code format}: the device's, or software when the device lacks it in AUTO. */
    private Engine pick(Format format) {
        if (engine.supports(format)) {
            return engine;
        }
        if (mode == Mode.HARDWARE) {
            throw new UacceException("format " + format + " (\"" + format.algorithm() + "\") is not offered by "
                    + engine.description() + " and the mode is HARDWARE: use zlib or gzip, or mode AUTO/SOFTWARE");
        }
        if (mode == Mode.AUTO) {
            counters.softwareFallbacks.increment();
        }
        return software;
    }

    @Override
    public void close() {
        jmx.unregister();
        engine.close();
        if (software != engine) {
            software.close();
        }
        synchronized (this) {
            if (buffers != null) {
                buffers.close();
                buffers = null;
            }
        }
    }

    /** Configures an engine. */
    public static final class Builder {
        private Mode mode = Mode.AUTO;
        private int level = java.util.zip.Deflater.DEFAULT_COMPRESSION;
        private Uacce host;
        private int queues;
        private long timeoutMillis;

        private Builder() {
        }

        /** The mode; the system property {@value Mode#PROPERTY} overrides it when set. */
        public Builder mode(Mode m) {
            this.mode = Objects.requireNonNull(m);
            return this;
        }

        /** The uacce host (real kernel or a device model); default {@link Uacce#system()}. */
        public Builder host(Uacce h) {
            this.host = Objects.requireNonNull(h);
            return this;
        }

        /** Compression and decompression queues each; default from {@value DeviceSettings#PROP_QUEUES}, else 1. */
        public Builder queuesPerDirection(int n) {
            this.queues = n;
            return this;
        }

        /** Longest wait for one device request; default from {@value DeviceSettings#PROP_TIMEOUT}, else 30 s. */
        public Builder requestTimeout(java.time.Duration t) {
            this.timeoutMillis = Math.max(1, t.toMillis());
            return this;
        }

        /** Software compression level (0-9, -1 default); the device has no level (spec §4.3). */
        public Builder softwareLevel(int l) {
            this.level = l;
            return this;
        }

        public ZipEngine build() {
            Mode m = Mode.fromSystemProperty(mode);
            Engine soft = new SoftwareEngine(level);
            if (m == Mode.SOFTWARE) {
                return new ZipEngine(m, soft, soft);
            }
            Engine device = null;
            String why;
            try {
                DeviceSettings settings = DeviceSettings.fromSystemProperties();
                if (queues > 0) {
                    settings = settings.withQueues(queues);
                }
                if (timeoutMillis > 0) {
                    settings = settings.withTimeoutMillis(timeoutMillis);
                }
                device = DeviceEngine.open(host != null ? host : Uacce.system(), settings);
                why = null;
            } catch (UacceException e) {
                why = e.getMessage();
            } catch (IllegalCallerException e) {
                why = "native access is not enabled (" + e.getMessage() + "): run with --enable-native-access="
                        + "io.uacce.ffm (module path) or ALL-UNNAMED (class path)";
            } catch (RuntimeException | LinkageError e) {
                // AUTO must reach the software path on any failure to reach the device path
                why = "the device path failed to start: " + e;
            }
            if (device == null && m == Mode.HARDWARE) {
                throw new UacceException("mode HARDWARE but no usable ZIP device: " + why
                        + ". Use mode AUTO or SOFTWARE (-D" + Mode.PROPERTY + "=software)");
            }
            if (device == null) {
                if (FALLBACK_LOGGED.compareAndSet(false, true)) {
                    LOG.info("no usable ZIP device ({}); compressing in software (java.util.zip)", why);
                }
                return new ZipEngine(m, soft, soft);
            }
            return new ZipEngine(m, device, soft);
        }
    }
}
