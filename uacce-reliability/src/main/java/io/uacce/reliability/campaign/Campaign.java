package io.uacce.reliability.campaign;

import io.uacce.Uacce;
import io.uacce.UacceException;
import io.uacce.compress.types.Format;
import io.uacce.compress.Mode;
import io.uacce.compress.types.OutputTooSmallException;
import io.uacce.compress.ZipEngine;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelDevice;
import io.uacce.stubs.model.ModelHost;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.GZIPInputStream;

/**
 * Load and fault campaigns on the in-process device model (docs/reliability.md). Many threads
 * share one {@link ZipEngine}; each sends mixed requests (compress and decompress, raw/zlib/gzip,
 * sizes 0 B to 8 MiB, synchronous on arrays and native segments, asynchronous, streams) and checks
 * every result against java.util.zip. The fault campaign runs the same load on two devices while
 * {@link FaultInjector} resets, slows, reorders, overflows, exhausts and finally removes one of them;
 * a request must then be right or end in a typed error (after the client's retries), never wrong,
 * lost or hanging past its bound.
 *
 * <pre>
 *   java ... io.uacce.reliability.campaign.Campaign load   --threads 64 --requests 100000
 *   java ... io.uacce.reliability.campaign.Campaign faults --threads 64 --requests 100000
 * </pre>
 * (uacce-reliability/campaign.sh builds the class path and runs it.)
 */
public final class Campaign {
    /** How a campaign is sized. */
    public record Config(boolean faults, int threads, int requests, int maxSize, long seed, Duration timeout,
            int retries, Duration faultInterval, int phases) {
        public static Config parse(String[] args) {
            boolean faults = args.length > 0 && args[0].equals("faults");
            if (args.length == 0 || !(args[0].equals("load") || faults)) {
                throw new IllegalArgumentException("usage: Campaign load|faults [--threads N] [--requests N] "
                        + "[--max-size BYTES] [--seed N] [--timeout-ms N] [--retries N] [--fault-interval-ms N] [--phases N]");
            }
            int threads = 64, requests = 100_000, maxSize = 8 << 20, retries = 2, phases = 1;
            long seed = 1;
            Duration timeout = Duration.ofSeconds(faults ? 2 : 30), faultInterval = Duration.ofMillis(300);
            for (int i = 1; i + 1 < args.length; i += 2) {
                long v = Long.parseLong(args[i + 1]);
                switch (args[i]) {
                    case "--threads" -> threads = (int) v;
                    case "--requests" -> requests = (int) v;
                    case "--max-size" -> maxSize = (int) v;
                    case "--seed" -> seed = v;
                    case "--timeout-ms" -> timeout = Duration.ofMillis(v);
                    case "--retries" -> retries = (int) v;
                    case "--fault-interval-ms" -> faultInterval = Duration.ofMillis(v);
                    case "--phases" -> phases = (int) v;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Config(faults, threads, requests, maxSize, seed, timeout, retries, faultInterval, phases);
        }

        /** The longest a request may take before it counts as hanging: every attempt times out once, plus slack. */
        long boundNanos() {
            return (retries + 1) * (3 * timeout.toNanos()) + TimeUnit.SECONDS.toNanos(10);
        }
    }

    /** The figures of one run. */
    public record Result(String text, long requests, long ok, long wrong, long hung, long failed, long retried,
            long leakedQueues) {
    }

    private static final Format[] FORMATS = Format.values();

    private enum Api { HEAP, SEGMENT, ASYNC, STREAM }

    private final Config config;
    private final CampaignData data;
    private final CampaignStats stats;
    /** NMT "Other" after each phase (engine still open), when there are several. */
    private final List<Long> phaseMemory = new ArrayList<>();

    private Campaign(Config config) {
        this.config = config;
        this.data = new CampaignData(Math.max(config.maxSize, 1), config.seed);
        this.stats = new CampaignStats(config.threads,
                (config.requests + config.threads - 1) / config.threads * Math.max(1, config.phases));
    }

    public static void main(String[] args) throws Exception {
        Config c = Config.parse(args);
        Result r = run(c);
        System.out.println(r.text());
        String out = System.getProperty("uacce.campaign.report");
        if (out != null) {
            Files.writeString(Path.of(out), r.text() + "\n");
        }
        System.exit(r.wrong() == 0 && r.hung() == 0 && r.leakedQueues() == 0 && (c.faults || r.failed() == 0) ? 0 : 1);
    }

    /** Runs one campaign and returns its figures. */
    public static Result run(Config c) throws Exception {
        return new Campaign(c).execute();
    }

    private Result execute() throws Exception {
        ModelHost.Builder b = ModelHost.builder();
        if (config.faults) {
            // device 1 has a shallow ring and the host a short CQ grace, so CQ overflows happen under load
            b.cqGrace(Duration.ofMillis(1)).device(s -> s.api(ModelApi.V3)).device(s -> s.api(ModelApi.V3).depth(16));
        } else {
            b.device(s -> s.api(ModelApi.V3));
        }
        long[] before;
        long[] loaded;
        long[] after;
        String figures;
        FaultInjector faults = null;
        long wall;
        int leaked;
        try (ModelHost model = b.build()) {
            ZipEngine zip = ZipEngine.builder().mode(Mode.AUTO).host(Uacce.builder().target(model.target()).build())
                    .queuesPerDirection(4).requestTimeout(config.timeout).build();
            try {
                warmUp(zip);
                before = nativeMemory();
                if (config.faults) {
                    faults = new FaultInjector(model, config.faultInterval, config.seed);
                    faults.start();
                }
                long t0 = System.nanoTime();
                for (int phase = 0; phase < Math.max(1, config.phases); phase++) {
                    Thread[] workers = new Thread[config.threads];
                    for (int t = 0; t < workers.length; t++) {
                        int id = t;
                        long seed = config.seed * 1_000_003L + t + (long) phase * config.threads;
                        int share = config.requests / config.threads + (t < config.requests % config.threads ? 1 : 0);
                        workers[t] = Thread.ofPlatform().name("campaign-" + t).start(() -> work(zip, id, seed, share));
                    }
                    for (Thread w : workers) {
                        w.join();
                    }
                    if (config.phases > 1) {
                        System.gc();
                        phaseMemory.add(nativeMemory()[0]); // engine open, between two phases
                    }
                }
                wall = System.nanoTime() - t0;
                if (faults != null) {
                    faults.stop();
                }
                System.gc();
                loaded = nativeMemory();
            } finally {
                zip.close();
            }
            // Every queue the engine opened is closed with it (a queue dropped unclosed was issue 13's leak).
            leaked = model.devices().stream().mapToInt(ModelDevice::openQueues).sum();
            figures = model.devices().stream().map(d -> d.name() + (d.removed() ? " (removed)" : "") + ": "
                    + d.completions() + " completions, " + d.overflows() + " CQ overflows")
                    .reduce((x, y) -> x + "; " + y).orElse("");
        }
        System.gc();
        Thread.sleep(200);
        after = nativeMemory();
        return report(wall, before, loaded, after, figures, faults, leaked);
    }

    private void warmUp(ZipEngine zip) throws Exception {
        byte[] in = Arrays.copyOf(data.text, Math.min(data.text.length, 256 << 10));
        for (int i = 0; i < 20; i++) {
            for (Format f : FORMATS) {
                zip.decompress(f, zip.compress(f, in));
            }
        }
    }

    private void work(ZipEngine zip, int thread, long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        Buffers buffers = new Buffers();
        try {
            for (int i = 0; i < count; i++) {
                one(zip, thread, r, buffers);
            }
        } finally {
            buffers.close();
        }
    }

    private void one(ZipEngine zip, int thread, SplittableRandom r, Buffers buffers) {
        Format format = FORMATS[r.nextInt(FORMATS.length)];
        boolean compress = r.nextBoolean();
        int size = CampaignData.size(r, config.maxSize);
        byte[] source = r.nextInt(4) == 0 ? data.random : data.text;
        int off = r.nextInt(source.length - size + 1);
        Api api = Api.values()[r.nextInt(Api.values().length)];
        if (api == Api.SEGMENT || api == Api.ASYNC) {
            size = Math.min(size, 1 << 20); // native buffers per thread stay small
        }
        byte[] plain = Arrays.copyOfRange(source, off, off + size);
        byte[] input = compress ? plain : jdkCompress(format, plain);
        stats.requests.increment();
        stats.byApi.computeIfAbsent(api + (compress ? " compress" : " decompress"), k -> new java.util.concurrent.atomic.LongAdder()).increment();
        long start = System.nanoTime();
        Throwable last = null;
        for (int attempt = 0; attempt <= config.retries; attempt++) {
            if (attempt > 0) {
                stats.retried.increment();
            }
            try {
                byte[] out = call(zip, api, format, compress, input, plain.length, r, buffers);
                long took = System.nanoTime() - start;
                stats.latency(thread, took);
                if (took > config.boundNanos()) {
                    stats.hung.increment();
                    stats.problem("request took " + took / 1_000_000 + " ms (bound " + config.boundNanos() / 1_000_000 + ")");
                }
                byte[] back = compress ? jdkDecompress(format, out) : out;
                if (!Arrays.equals(back, plain)) {
                    stats.wrong.increment();
                    stats.problem(api + " " + format + (compress ? " compress " : " decompress ") + size
                            + " bytes: result differs from java.util.zip");
                    return;
                }
                stats.ok.increment();
                stats.bytesIn.add(input.length);
                stats.bytesOut.add(out.length);
                if (attempt > 0) {
                    stats.recovered.increment();
                }
                FaultInjector.noteSuccess(start);
                return;
            } catch (UacceException e) {
                if (e instanceof OutputTooSmallException) {
                    stats.wrong.increment(); // destinations are sized for the worst case
                    stats.problem(api + " " + format + ": " + e);
                    return;
                }
                last = e;
                stats.typed(e);
            } catch (TimeoutException e) {
                stats.hung.increment();
                stats.problem(api + " " + format + ": no completion within the bound: " + e);
                return;
            } catch (Throwable e) {
                Throwable cause = e instanceof IOException && e.getCause() instanceof UacceException u ? u : e;
                if (cause instanceof UacceException u) {
                    last = u;
                    stats.typed(u);
                    continue;
                }
                stats.wrong.increment();
                stats.problem(api + " " + format + (compress ? " compress " : " decompress ") + size + " bytes: " + e);
                return;
            }
        }
        stats.failed.increment();
        stats.latency(thread, System.nanoTime() - start);
        if (!config.faults) {
            stats.problem("typed error without faults: " + last);
        }
    }

    private byte[] call(ZipEngine zip, Api api, Format format, boolean compress, byte[] in, int plainLength,
            SplittableRandom r, Buffers buffers) throws Exception {
        switch (api) {
            case HEAP:
                return compress ? zip.compress(format, in) : zip.decompress(format, in);
            case SEGMENT:
            case ASYNC: {
                long room = compress ? ZipEngine.maxCompressedLength(format, in.length) : plainLength + 64L;
                MemorySegment src = buffers.src(in.length);
                MemorySegment.copy(in, 0, src, ValueLayout.JAVA_BYTE, 0, in.length);
                MemorySegment dst = buffers.dst(room);
                long n;
                if (api == Api.SEGMENT) {
                    n = compress ? zip.compress(format, src, dst) : zip.decompress(format, src, dst);
                } else {
                    CompletableFuture<Long> f = compress ? zip.compressAsync(format, src, dst)
                            : zip.decompressAsync(format, src, dst);
                    try {
                        n = f.get(config.boundNanos(), TimeUnit.NANOSECONDS);
                    } catch (ExecutionException e) {
                        throw e.getCause() instanceof Exception x ? x : e;
                    }
                }
                return dst.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
            }
            default: {
                ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 2 + 64);
                int chunk = 1 + r.nextInt(256 << 10);
                if (compress) {
                    try (OutputStream c = zip.compressingStream(format, out)) {
                        for (int i = 0; i < in.length; i += chunk) {
                            c.write(in, i, Math.min(chunk, in.length - i));
                        }
                    }
                } else {
                    try (var s = zip.decompressingStream(format, new ByteArrayInputStream(in))) {
                        byte[] buf = new byte[chunk];
                        int n;
                        while ((n = s.read(buf)) > 0) {
                            out.write(buf, 0, n);
                        }
                    }
                }
                return out.toByteArray();
            }
        }
    }

    /** Per-thread native buffers, grown on demand, freed when the thread ends. */
    private static final class Buffers implements AutoCloseable {
        private Arena arena = Arena.ofShared();
        private MemorySegment src = MemorySegment.NULL;
        private MemorySegment dst = MemorySegment.NULL;

        MemorySegment src(long n) {
            if (src.byteSize() < n) {
                src = arena.allocate(Math.max(n, 4096));
            }
            return src.asSlice(0, n);
        }

        MemorySegment dst(long n) {
            if (dst.byteSize() < n) {
                dst = arena.allocate(Math.max(n, 4096));
            }
            return dst.asSlice(0, n);
        }

        @Override
        public void close() {
            arena.close();
        }
    }

    static byte[] jdkCompress(Format format, byte[] data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(data.length / 2 + 64);
        Deflater def = new Deflater(Deflater.BEST_SPEED, format == Format.RAW);
        try (OutputStream o = format == Format.GZIP ? new GZIPOutputStream(b) : new DeflaterOutputStream(b, def)) {
            o.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            def.end();
        }
        return b.toByteArray();
    }

    static byte[] jdkDecompress(Format format, byte[] data) throws IOException {
        Inflater inf = new Inflater(format == Format.RAW);
        try (var in = format == Format.GZIP ? new GZIPInputStream(new ByteArrayInputStream(data))
                : new InflaterInputStream(new ByteArrayInputStream(data), inf)) {
            return in.readAllBytes();
        } finally {
            inf.end();
        }
    }

    /**
     * Native memory the JVM's Native Memory Tracking puts under "Other" (Unsafe/FFM allocations:
     * the arenas of queues, sessions and buffers; -1 when NMT is off; campaign.sh turns it on) and
     * the process RSS, bytes.
     */
    private static long[] nativeMemory() {
        long other = -1;
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("-\\s+Other \\(reserved=(\\d+)KB, committed=(\\d+)KB")
                    .matcher(String.valueOf(text));
            if (m.find()) {
                other = Long.parseLong(m.group(2)) * 1024;
            }
        } catch (javax.management.JMException | RuntimeException e) {
            // no NMT
        }
        long rss = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: RSS unknown
        }
        return new long[] {other, rss};
    }

    private Result report(long wall, long[] before, long[] loaded, long[] after, String devices, FaultInjector faults,
            int leaked) {
        double[] p = stats.percentiles();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "campaign %s: %d threads x %d requests%s (sizes 0 B - %d KiB, seed %d, "
                + "timeout %d ms, %d retries), %.1f s%n", config.faults ? "faults" : "load", config.threads,
                config.requests, config.phases > 1 ? " x " + config.phases + " phases" : "", config.maxSize >> 10, config.seed, config.timeout.toMillis(), config.retries, wall / 1e9));
        s.append(String.format(Locale.ROOT, "  requests %d: ok %d, wrong %d, hung %d, failed (typed, after retries) %d; "
                + "retried %d, recovered on retry %d%n", stats.requests.sum(), stats.ok.sum(), stats.wrong.sum(),
                stats.hung.sum(), stats.failed.sum(), stats.retried.sum(), stats.recovered.sum()));
        s.append(String.format(Locale.ROOT, "  bytes in %.1f MiB, out %.1f MiB; %.0f requests/s%n",
                stats.bytesIn.sum() / 1048576.0, stats.bytesOut.sum() / 1048576.0, stats.requests.sum() / (wall / 1e9)));
        s.append(String.format(Locale.ROOT, "  latency p50 %.0f us, p99 %.0f us, p99.9 %.0f us, max %.0f ms%n", p[0], p[1],
                p[2], stats.maxLatencyNanos.get() / 1e6));
        s.append(String.format(Locale.ROOT, "  native memory (NMT \"Other\": FFM/Unsafe) engine open before the load %.1f MiB, "
                + "after it %.1f MiB, all closed %.1f MiB; RSS %.0f / %.0f / %.0f MiB%n", before[0] / 1048576.0,
                loaded[0] / 1048576.0, after[0] / 1048576.0, before[1] / 1048576.0, loaded[1] / 1048576.0,
                after[1] / 1048576.0));
        if (!phaseMemory.isEmpty()) {
            s.append("  native memory after each of ").append(config.phases).append(" phases (engine open):");
            for (long m : phaseMemory) {
                s.append(String.format(Locale.ROOT, " %.1f", m / 1048576.0));
            }
            s.append(" MiB\n");
        }
        s.append("  typed errors: ").append(stats.typedErrors.isEmpty() ? "none" : stats.typedErrors.toString()).append('\n');
        stats.typedSamples.forEach((k, v) -> s.append("    first ").append(k).append(": ").append(v).append('\n'));
        s.append("  mix: ").append(new java.util.TreeMap<>(stats.byApi)).append('\n');
        s.append("  devices: ").append(devices).append('\n');
        s.append("  queues left open after the engine closed: ").append(leaked);
        if (faults != null) {
            s.append('\n').append("  faults: ").append(faults.summary());
        }
        for (String pr : stats.firstProblems) {
            s.append('\n').append("  problem: ").append(pr);
        }
        return new Result(s.toString(), stats.requests.sum(), stats.ok.sum(), stats.wrong.sum(), stats.hung.sum(),
                stats.failed.sum(), stats.retried.sum(), leaked);
    }
}
