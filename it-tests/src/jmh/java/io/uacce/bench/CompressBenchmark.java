package io.uacce.bench;

import io.uacce.Uacce;
import io.uacce.compress.Mode;
import io.uacce.compress.ZipEngine;
import io.uacce.compress.types.Format;
import io.uacce.stubs.model.ModelHost;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * zlib compression and decompression of one block: the device path on the in-process model
 * (zero-copy MemorySegment API; synchronous, and a window of 2 x queues asynchronous requests)
 * against java.util.zip one-shot at the model's level (1) and at zlib's default (6).
 * Throughput in ops/s; multiply by the block size for bytes/s. Run with {@code -prof gc} for B/op.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class CompressBenchmark {
    @Param({"65536", "262144", "1048576"})
    int block;

    @Param({"1", "2"})
    int queues;

    private ModelHost model;
    private ZipEngine zip;
    private Arena arena;
    private MemorySegment src;
    private MemorySegment compressed;
    private long compressedLength;
    private MemorySegment compressedSlice;
    private MemorySegment[] dst;
    private byte[] plain;
    private byte[] plainZlib;
    private byte[] heapOut;
    private Deflater level1;
    private Deflater level6;
    private Inflater inflater;
    @SuppressWarnings("unchecked")
    private CompletableFuture<Long>[] window;

    @Setup(Level.Trial)
    public void setUp() {
        model = ModelHost.builder().build();
        zip = ZipEngine.builder().mode(Mode.HARDWARE).host(Uacce.builder().target(model.target()).build())
                .queuesPerDirection(queues).build();
        arena = Arena.ofShared();
        plain = text(block);
        src = arena.allocate(block, 64);
        MemorySegment.copy(MemorySegment.ofArray(plain), 0, src, 0, block);
        long bound = ZipEngine.maxCompressedLength(Format.ZLIB, block);
        int inFlight = 2 * queues;
        dst = new MemorySegment[inFlight];
        for (int i = 0; i < inFlight; i++) {
            dst[i] = arena.allocate(Math.max(bound, block), 64);
        }
        window = new CompletableFuture[inFlight];
        compressed = arena.allocate(bound, 64);
        compressedLength = zip.compress(Format.ZLIB, src, compressed);
        compressedSlice = compressed.asSlice(0, compressedLength);
        plainZlib = compressed.asSlice(0, compressedLength).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        heapOut = new byte[(int) Math.max(bound, block)];
        level1 = new Deflater(1);
        level6 = new Deflater(6);
        inflater = new Inflater();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        zip.close();
        model.close();
        arena.close();
        level1.end();
        level6.end();
        inflater.end();
    }

    private static byte[] text(int n) {
        String[] words = {"uacce ", "queue ", "doorbell ", "deflate ", "kunpeng ", "zip ", "ring ", "completion ",
                "phase ", "segment ", "\n"};
        SplittableRandom r = new SplittableRandom(42);
        StringBuilder sb = new StringBuilder(n + 16);
        while (sb.length() < n) {
            sb.append(words[r.nextInt(words.length)]);
            if (r.nextInt(8) == 0) {
                sb.append(r.nextInt(1000));
            }
        }
        return sb.substring(0, n).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Benchmark
    public long deviceCompress() {
        return zip.compress(Format.ZLIB, src, dst[0]);
    }

    /** Keeps 2 x queues requests in flight; one op = one block. */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(16)
    public long deviceCompressAsync() {
        long sum = 0;
        int n = window.length;
        for (int i = 0; i < n; i++) {
            window[i] = zip.compressAsync(Format.ZLIB, src, dst[i]);
        }
        for (int k = n; k < 16 + n; k++) {
            int i = k % n;
            sum += window[i].join();
            if (k < 16) {
                window[i] = zip.compressAsync(Format.ZLIB, src, dst[i]);
            }
        }
        return sum;
    }

    @Benchmark
    public int javaUtilZipCompressLevel1() {
        return deflate(level1);
    }

    @Benchmark
    public int javaUtilZipCompressLevel6() {
        return deflate(level6);
    }

    private int deflate(Deflater d) {
        d.reset();
        d.setInput(plain);
        d.finish();
        int n = 0;
        while (!d.finished()) {
            n += d.deflate(heapOut, n, heapOut.length - n);
        }
        return n;
    }

    @Benchmark
    public long deviceDecompress() throws DataFormatException {
        return zip.decompress(Format.ZLIB, compressedSlice, dst[0]);
    }

    @Benchmark
    public int javaUtilZipDecompress() throws DataFormatException {
        inflater.reset();
        inflater.setInput(plainZlib);
        int n = 0;
        while (!inflater.finished()) {
            n += inflater.inflate(heapOut, n, heapOut.length - n);
        }
        return n;
    }
}
