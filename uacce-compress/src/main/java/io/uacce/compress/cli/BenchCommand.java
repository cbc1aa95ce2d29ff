package io.uacce.compress.cli;

import io.uacce.compress.ZipEngine;
import io.uacce.compress.types.Format;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Throughput and latency in the manner of uadk_tool benchmark. Timings are printed, not checked. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure compression/decompression: MB/s, ops/s, latency percentiles, which engine served.")
final class BenchCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Option(names = {"-a", "--algorithm", "-f", "--format"}, defaultValue = "gzip",
            description = "raw (deflate), zlib or gzip (default: ${DEFAULT-VALUE}); or a SEC algorithm through the"
                    + " UACCE provider: aes-128-gcm, aes-256-gcm, aes-128-cbc, aes-256-cbc, aes-128-ctr, aes-128-xts,"
                    + " sm4-cbc, sm4-gcm, hmac-sha256, hmac-sm3, aes-cmac, md5, sha1, sha224, sha256, sha384, sha512, sm3")
    String algorithm;

    Format format;

    @Option(names = "--op", defaultValue = "compress", description = "compress or decompress (default: ${DEFAULT-VALUE})")
    String op;

    @Option(names = {"-b", "--block"}, defaultValue = "64k", converter = SizeConverter.class,
            description = "block size: bytes, or with k/m (default: ${DEFAULT-VALUE})")
    int block;

    @Option(names = {"-t", "--threads"}, defaultValue = "1", description = "threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = {"-d", "--depth"}, defaultValue = "1",
            description = "requests in flight per thread, through the async API when > 1 (default: ${DEFAULT-VALUE})")
    int depth;

    @Option(names = {"-s", "--seconds"}, defaultValue = "3", description = "run time (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--data", defaultValue = "text",
            description = "text (compressible, about 3:1) or random (default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--input", arity = "1..*", paramLabel = "FILE",
            description = "real data instead of --data: the files, concatenated and cut into blocks of --block bytes")
    List<java.nio.file.Path> inputs;

    @Override
    public Integer call() throws Exception {
        if (CryptoBench.handles(algorithm)) {
            return CryptoBench.run(algorithm, engine.mode.name(), block, threads, seconds);
        }
        format = Format.parse(algorithm);
        boolean compress = switch (op) {
            case "compress" -> true;
            case "decompress" -> false;
            default -> throw new IllegalArgumentException("--op must be compress or decompress, not " + op);
        };
        byte[][] plains = inputs != null ? BenchData.blocks(inputs, block) : new byte[][] {BenchData.make(data, block)};
        try (ZipEngine zip = engine.open()) {
            byte[][] input = new byte[plains.length][];
            long plainTotal = 0;
            long compressedTotal = 0;
            for (int i = 0; i < plains.length; i++) {
                byte[] z = zip.compress(format, plains[i]);
                input[i] = compress ? plains[i] : z;
                plainTotal += plains[i].length;
                compressedTotal += z.length;
            }
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            AtomicBoolean failed = new AtomicBoolean();
            List<Worker> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(new Worker(zip, format, compress, input, plains, depth, deadline, failed));
            }
            long t0 = System.nanoTime();
            workers.forEach(Thread::start);
            for (Worker w : workers) {
                w.join();
            }
            long elapsed = System.nanoTime() - t0;
            for (Worker w : workers) {
                if (w.error != null) {
                    throw w.error;
                }
            }
            long ops = workers.stream().mapToLong(w -> w.ops).sum();
            long bytes = workers.stream().mapToLong(w -> w.plainBytes).sum();
            long[] lat = workers.stream().flatMapToLong(w -> Arrays.stream(w.latencies, 0, w.samples)).sorted().toArray();
            double secs = elapsed / 1e9;
            System.out.printf("engine    : %s%n", zip.description()); // after the run: lists the queues used
            System.out.printf("job       : %s %s, block %d B, %d thread(s), depth %d, %.1f s, %s%n",
                    op, format.algorithm(), block, threads, depth, secs,
                    inputs != null ? inputs.size() + " file(s), " + plainTotal + " B in " + plains.length + " block(s)"
                            : data + " data");
            System.out.printf("ratio     : %.3f (compressed / uncompressed bytes)%n",
                    plainTotal == 0 ? 0.0 : compressedTotal / (double) plainTotal);
            System.out.printf("throughput: %.1f MB/s (uncompressed bytes), %.0f ops/s%n",
                    bytes / secs / 1e6, ops / secs);
            System.out.printf("latency   : p50 %.1f us, p90 %.1f us, p99 %.1f us (%d samples)%n",
                    pct(lat, 0.50), pct(lat, 0.90), pct(lat, 0.99), lat.length);
        }
        return 0;
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e3;
    }

    private static final class Worker extends Thread {
        private static final int MAX_SAMPLES = 1 << 20;

        final ZipEngine zip;
        final Format format;
        final boolean compress;
        final byte[][] input;
        final byte[][] plain;
        final int depth;
        final long deadline;
        final AtomicBoolean failed;
        final long[] latencies = new long[MAX_SAMPLES];
        int samples;
        long ops;
        long plainBytes;
        Exception error;

        Worker(ZipEngine zip, Format format, boolean compress, byte[][] input, byte[][] plain, int depth, long deadline,
                AtomicBoolean failed) {
            this.zip = zip;
            this.format = format;
            this.compress = compress;
            this.input = input;
            this.plain = plain;
            this.depth = depth;
            this.deadline = deadline;
            this.failed = failed;
            setName("bench-" + getName());
        }

        @Override
        public void run() {
            try {
                BenchLoop.run(this);
            } catch (Exception e) {
                error = e;
                failed.set(true);
            }
        }

        void record(long nanos, int block) {
            ops++;
            plainBytes += plain[block].length;
            if (samples < MAX_SAMPLES) {
                latencies[samples++] = nanos;
            }
        }
    }

    /**
     * The measured loop over native segments (zero-copy on the device): synchronous calls, or a
     * window of {@code depth} asynchronous requests, oldest awaited first.
     */
    private static final class BenchLoop {
        static void run(Worker w) throws Exception {
            int blocks = w.input.length;
            long outSize = 1;
            for (int b = 0; b < blocks; b++) {
                outSize = Math.max(outSize, w.compress ? ZipEngine.maxCompressedLength(w.format, w.input[b].length)
                        : w.plain[b].length);
            }
            try (Arena arena = Arena.ofShared()) {
                MemorySegment[] src = new MemorySegment[blocks];
                for (int b = 0; b < blocks; b++) {
                    src[b] = arena.allocate(Math.max(1, w.input[b].length), 64).asSlice(0, w.input[b].length);
                    MemorySegment.copy(MemorySegment.ofArray(w.input[b]), 0, src[b], 0, w.input[b].length);
                }
                MemorySegment[] dst = new MemorySegment[w.depth];
                for (int i = 0; i < w.depth; i++) {
                    dst[i] = arena.allocate(outSize, 64);
                }
                int next = 0;
                if (w.depth == 1) {
                    while (System.nanoTime() < w.deadline && !w.failed.get()) {
                        int b = next;
                        next = (next + 1) % blocks;
                        long t = System.nanoTime();
                        long n = w.compress ? w.zip.compress(w.format, src[b], dst[0])
                                : w.zip.decompress(w.format, src[b], dst[0]);
                        w.record(System.nanoTime() - t, b);
                        check(w, n, b);
                    }
                    return;
                }
                @SuppressWarnings("unchecked")
                CompletableFuture<Long>[] inFlight = new CompletableFuture[w.depth];
                long[] started = new long[w.depth];
                int[] block = new int[w.depth];
                for (int i = 0; i < w.depth; i++) {
                    block[i] = next;
                    next = (next + 1) % blocks;
                    started[i] = System.nanoTime();
                    inFlight[i] = submit(w, src[block[i]], dst[i]);
                }
                for (int i = 0; ; i = (i + 1) % w.depth) {
                    long n = inFlight[i].get();
                    w.record(System.nanoTime() - started[i], block[i]);
                    check(w, n, block[i]);
                    if (System.nanoTime() >= w.deadline || w.failed.get()) {
                        for (CompletableFuture<Long> f : inFlight) {
                            f.exceptionally(x -> 0L).join(); // drain before the arena closes
                        }
                        return;
                    }
                    block[i] = next;
                    next = (next + 1) % blocks;
                    started[i] = System.nanoTime();
                    inFlight[i] = submit(w, src[block[i]], dst[i]);
                }
            }
        }

        private static CompletableFuture<Long> submit(Worker w, MemorySegment src, MemorySegment dst) {
            return w.compress ? w.zip.compressAsync(w.format, src, dst) : w.zip.decompressAsync(w.format, src, dst);
        }

        private static void check(Worker w, long n, int block) {
            if (!w.compress && n != w.plain[block].length) {
                throw new IllegalStateException("decompressed " + n + " bytes, expected " + w.plain[block].length);
            }
        }
    }

    /** "65536", "64k", "1m". */
    static final class SizeConverter implements picocli.CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String v) {
            String s = v.strip().toLowerCase(java.util.Locale.ROOT);
            long mult = s.endsWith("k") ? 1024 : s.endsWith("m") ? 1 << 20 : 1;
            long n = Long.parseLong(mult == 1 ? s : s.substring(0, s.length() - 1)) * mult;
            if (n < 1 || n > 64L << 20) {
                throw new IllegalArgumentException("block size " + v + " outside 1 byte .. 64m");
            }
            return (int) n;
        }
    }

    /** Benchmark input. */
    static final class BenchData {
        /** The files, concatenated, cut into blocks of {@code size} (the last one shorter). */
        static byte[][] blocks(List<java.nio.file.Path> files, int size) throws java.io.IOException {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (java.nio.file.Path f : files) {
                all.write(java.nio.file.Files.readAllBytes(f));
            }
            byte[] b = all.toByteArray();
            if (b.length == 0) {
                throw new IllegalArgumentException("--input: the files hold no data");
            }
            byte[][] blocks = new byte[(b.length + size - 1) / size][];
            for (int i = 0; i < blocks.length; i++) {
                blocks[i] = Arrays.copyOfRange(b, i * size, Math.min(b.length, (i + 1) * size));
            }
            return blocks;
        }

        static byte[] make(String kind, int size) {
            byte[] b = new byte[size];
            SplittableRandom r = new SplittableRandom(42);
            switch (kind) {
                case "random" -> r.nextBytes(b);
                case "text" -> {
                    String[] words = {"uacce ", "queue ", "doorbell ", "deflate ", "kunpeng ", "zip ", "ring ",
                            "completion ", "phase ", "segment ", "\n"};
                    int i = 0;
                    while (i < size) {
                        byte[] w = words[r.nextInt(words.length)].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                        int n = Math.min(w.length, size - i);
                        System.arraycopy(w, 0, b, i, n);
                        i += n;
                        if (r.nextInt(8) == 0 && i < size) {
                            b[i++] = (byte) ('0' + r.nextInt(10));
                        }
                    }
                }
                default -> throw new IllegalArgumentException("--data must be text or random, not " + kind);
            }
            return b;
        }
    }
}
