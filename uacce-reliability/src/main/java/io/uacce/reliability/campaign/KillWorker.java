package io.uacce.reliability.campaign;

import io.uacce.compress.Mode;
import io.uacce.compress.ZipEngine;
import io.uacce.compress.types.Format;
import io.uacce.crypto.UacceProvider;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.CryptoSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * One worker process of the multi-process kill campaign on the kernel stub (docs/reliability.md
 * "Kill campaign"; {@code native-stubs/kmod/test/kill-campaign.sh} runs several of these and
 * {@code hzs_kill_campaign}, which SIGKILLs one of them every few seconds). It speaks only the
 * public API: a {@link ZipEngine} in {@link Mode#HARDWARE} (so no request silently goes to
 * software), every result checked against java.util.zip; with {@code --work crypto}, a
 * {@code UACCE} JCA provider in {@link CryptoMode#HARDWARE} on the SEC and HPRE devices
 * ({@link CryptoWork}: AES-CBC/GCM, SHA-1/2, HMAC, RSA-2048, ECDH and ECDSA on P-256), every result
 * checked against the JDK's providers or published known answers; {@code --work zip,crypto} runs
 * both in one JVM ({@code --threads} ZIP threads, {@code --crypto-threads} crypto threads), so one
 * JVM start-up covers the ZIP, SEC and HPRE devices.
 *
 * <p>Protocol on stdout, one line each: {@code READY queues=N ...} once every pool holds its queues
 * (crypto: the SEC, HPRE RSA and HPRE ECC pools too), {@code OK n zip=a sec=b hpre=c} (requests
 * verified so far, in all and per device kind it runs) about every 250 ms while it makes progress,
 * {@code DONE n ...} at a clean end; {@code WRONG ...} or {@code ERROR ...} then exit 3 / 4 on a
 * wrong result or any exception. A crypto thread runs the kinds of request in turn (random sizes and
 * keys), so each SEC and HPRE kind makes progress. The worker stops cleanly (finishes its requests,
 * closes the engine) when its stdin reaches EOF. {@code --stall KIND:N} (test-only, for the killer's
 * progress check): the threads of {@code zip} or {@code crypto} stop making requests after N of them.
 * {@code --profile N} (crypto): the start-up phases and every step of N requests of each kind timed,
 * then exit.
 *
 * <pre>
 *   java ... KillWorker [--threads 2] [--queues 1] [--max-size 262144] [--formats zlib,gzip,raw] [--seed N]
 *   java ... KillWorker --work crypto [--threads 2] [--crypto-max-size 65536] [--seed N]
 *   java ... KillWorker --work zip,crypto [--threads 1] [--crypto-threads 1] ...
 *   java ... KillWorker --work crypto --profile 5
 * </pre>
 */
public final class KillWorker {
    private enum Api { HEAP, ASYNC, SEGMENT, STREAM }

    private final int maxSize;
    private final Format[] formats;
    private final CampaignData data;
    private final ZipEngine zip;
    private final CryptoWork crypto;
    private final UacceProvider provider;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final LongAdder ok = new LongAdder();
    private final LongAdder okZip = new LongAdder();
    private final LongAdder okSec = new LongAdder();
    private final LongAdder okHpre = new LongAdder();

    private KillWorker(ZipEngine zip, UacceProvider provider, int maxSize, int cryptoMaxSize, Format[] formats, long seed,
            Steps steps) throws java.security.GeneralSecurityException {
        this.zip = zip;
        this.provider = provider;
        this.crypto = provider == null ? null : new CryptoWork(provider, cryptoMaxSize, seed, steps);
        this.maxSize = maxSize;
        this.formats = zip == null ? new Format[0] : formats;
        this.data = zip == null ? null : new CampaignData(Math.max(maxSize, 1), seed);
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        int threads = 2;
        int cryptoThreads = -1;
        int queues = 1;
        int maxSize = 256 << 10;
        int cryptoMaxSize = -1;
        int profile = 0;
        String stall = null;
        long seed = ProcessHandle.current().pid();
        List<Format> formats = List.of(Format.ZLIB, Format.GZIP);
        boolean zipWork = true;
        boolean cryptoWork = false;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(v);
                case "--crypto-threads" -> cryptoThreads = Integer.parseInt(v);
                case "--queues" -> queues = Integer.parseInt(v);
                case "--max-size" -> maxSize = Integer.parseInt(v);
                case "--crypto-max-size" -> cryptoMaxSize = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--profile" -> profile = Integer.parseInt(v);
                case "--stall" -> stall = v;
                case "--work" -> {
                    List<String> w = List.of(v.split(","));
                    if (w.isEmpty() || !List.of("zip", "crypto").containsAll(w)) {
                        throw new IllegalArgumentException("--work zip, crypto or zip,crypto, not " + v);
                    }
                    zipWork = w.contains("zip");
                    cryptoWork = w.contains("crypto");
                }
                case "--formats" -> {
                    List<Format> f = new ArrayList<>();
                    for (String s : v.split(",")) {
                        f.add(Format.valueOf(s.toUpperCase(Locale.ROOT)));
                    }
                    formats = f;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (cryptoMaxSize < 0) { // --work crypto alone: --max-size is the crypto size (as before)
            cryptoMaxSize = zipWork ? 64 << 10 : maxSize;
        }
        if (cryptoThreads < 0) {
            cryptoThreads = threads;
        }
        try {
            Steps steps = profile > 0 ? new Steps() : null;
            // the provider opens one queue per pool (uacce.crypto.queues, default 1)
            UacceProvider p = cryptoWork ? new UacceProvider(new CryptoSettings(CryptoMode.HARDWARE, 0, 30_000)) : null;
            ZipEngine z = zipWork ? ZipEngine.builder().mode(Mode.HARDWARE).queuesPerDirection(queues)
                    .requestTimeout(Duration.ofSeconds(30)).build() : null;
            KillWorker w = new KillWorker(z, p, maxSize, cryptoMaxSize, formats.toArray(Format[]::new), seed, steps);
            long t1 = System.nanoTime();
            if (profile > 0) {
                w.profile(profile, seed, steps, t0, t1);
                return;
            }
            w.run(zipWork ? threads : 0, cryptoWork ? cryptoThreads : 0, (zipWork ? 2 * queues : 0) + (cryptoWork ? 3 : 0),
                    seed, stall);
        } catch (Throwable e) {
            fail(4, "ERROR " + e);
        }
    }

    /** Seconds since the JVM started (its process start time), for the start-up figures. */
    private static double sinceJvmStart() {
        return ProcessHandle.current().info().startInstant()
                .map(i -> Duration.between(i, java.time.Instant.now()).toMillis() / 1000.0).orElse(-1.0);
    }

    private void warmUp(long seed) throws Exception {
        for (Format f : formats) { // opens both pools: the worker now holds all its queues
            check(f, true, data.text, 0, 4096, Api.HEAP, new SplittableRandom(seed));
            check(f, false, data.text, 0, 4096, Api.HEAP, new SplittableRandom(seed));
        }
        if (crypto != null) { // every kind of request once: the three pools are open
            wrong(crypto.warmUp(new SplittableRandom(seed)));
        }
    }

    private void profile(int n, long seed, Steps steps, long t0, long t1) throws Exception {
        double jvm = sinceJvmStart() - (System.nanoTime() - t0) / 1e9;
        long t2 = System.nanoTime();
        if (zip != null) {
            warmUp(seed);
        } else {
            wrong(crypto.warmUp(new SplittableRandom(seed)));
        }
        long t3 = System.nanoTime();
        say(String.format(Locale.ROOT, "PROFILE start: JVM to main %.1f s, provider/engine and keys %.1f s, warm-up %.1f s",
                jvm, (t1 - t0) / 1e9, (t3 - t2) / 1e9));
        SplittableRandom r = new SplittableRandom(seed);
        if (crypto != null) {
            for (CryptoWork.Op op : CryptoWork.Op.values()) {
                long a = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    wrong(steps.time(op + " whole call", () -> crypto.one(op, r)));
                }
                say(String.format(Locale.ROOT, "PROFILE %s: %d calls, %.1f ms a call", op, n, (System.nanoTime() - a) / 1e6 / n));
            }
            crypto.profileAvoided(r);
        }
        System.out.print(steps.report());
        System.out.flush();
        if (zip != null) {
            zip.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    private void run(int zipThreads, int cryptoThreads, int queues, long seed, String stall) throws Exception {
        warmUp(seed);
        say(String.format(Locale.ROOT, "READY queues=%d work=%s%s %.1f s after the JVM started", queues,
                zip != null ? "zip" : "", crypto != null ? (zip != null ? ",crypto" : "crypto") : "", sinceJvmStart()));
        Thread.ofPlatform().daemon().name("stdin").start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // any input is ignored; EOF stops the worker
                }
            } catch (java.io.IOException e) {
                // same as EOF
            }
            stop.set(true);
        });
        String stallKind = stall == null ? "" : stall.substring(0, stall.indexOf(':'));
        long stallAfter = stall == null ? Long.MAX_VALUE : Long.parseLong(stall.substring(stall.indexOf(':') + 1));
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < zipThreads + cryptoThreads; t++) {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + t);
            boolean c = t >= zipThreads;
            long limit = stallKind.equals(c ? "crypto" : "zip") ? stallAfter : Long.MAX_VALUE;
            ts.add(Thread.ofPlatform().name((c ? "kill-worker-crypto-" : "kill-worker-zip-") + t).start(() -> {
                try {
                    CryptoWork.Op[] ops = CryptoWork.Op.values();
                    int next = r.nextInt(ops.length);
                    for (long done = 0; !stop.get(); done++) {
                        if (done >= limit) { // test-only: no more progress, as a hung request would show
                            Thread.sleep(Long.MAX_VALUE);
                        }
                        if (c) {
                            CryptoWork.Op op = ops[next];
                            next = (next + 1) % ops.length;
                            wrong(crypto.one(op, r));
                            (op.kind == CryptoWork.Kind.SEC ? okSec : okHpre).increment();
                        } else {
                            one(r);
                            okZip.increment();
                        }
                        ok.increment();
                    }
                } catch (Throwable e) {
                    fail(4, "ERROR " + e);
                }
            }));
        }
        long last = 0;
        while (ts.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(250);
            if (ok.sum() != last) {
                last = ok.sum();
                say("OK " + counts());
            }
        }
        if (zip != null) {
            zip.close();
        }
        if (provider != null) {
            provider.close();
        }
        say("DONE " + counts());
        System.exit(0);
    }

    /** {@code n zip=a sec=b hpre=c}: in all, then per device kind this worker runs. */
    private String counts() {
        return ok.sum() + (zip != null ? " zip=" + okZip.sum() : "")
                + (crypto != null ? " sec=" + okSec.sum() + " hpre=" + okHpre.sum() : "");
    }

    private void one(SplittableRandom r) throws Exception {
        Format format = formats[r.nextInt(formats.length)];
        int size = CampaignData.size(r, maxSize);
        byte[] source = r.nextInt(4) == 0 ? data.random : data.text;
        check(format, r.nextBoolean(), source, r.nextInt(source.length - size + 1), size,
                Api.values()[r.nextInt(Api.values().length)], r);
    }

    /** One request on a slice of {@code source}; a result that differs from java.util.zip ends the process. */
    private void check(Format format, boolean compress, byte[] source, int off, int size, Api api, SplittableRandom r)
            throws Exception {
        byte[] plain = Arrays.copyOfRange(source, off, off + size);
        byte[] in = compress ? plain : Campaign.jdkCompress(format, plain);
        byte[] out = call(format, compress, in, plain.length, api, r);
        byte[] back = compress ? Campaign.jdkDecompress(format, out) : out;
        if (!Arrays.equals(back, plain)) {
            fail(3, "WRONG " + api + " " + format + (compress ? " compress " : " decompress ") + size
                    + " bytes: result differs from java.util.zip");
        }
    }

    private byte[] call(Format format, boolean compress, byte[] in, int plainLength, Api api, SplittableRandom r)
            throws Exception {
        switch (api) {
            case HEAP:
                return compress ? zip.compress(format, in) : zip.decompress(format, in);
            case ASYNC:
                return (compress ? zip.compressAsync(format, in) : zip.decompressAsync(format, in))
                        .get(120, TimeUnit.SECONDS);
            case SEGMENT: {
                long room = compress ? ZipEngine.maxCompressedLength(format, in.length) : plainLength + 64L;
                MemorySegment src = zip.allocateBuffer(Math.max(1, in.length));
                MemorySegment dst = zip.allocateBuffer(room);
                try {
                    MemorySegment.copy(in, 0, src, ValueLayout.JAVA_BYTE, 0, in.length);
                    MemorySegment s = src.asSlice(0, in.length);
                    long n = compress ? zip.compress(format, s, dst) : zip.decompress(format, s, dst);
                    return dst.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
                } finally {
                    zip.freeBuffer(src);
                    zip.freeBuffer(dst);
                }
            }
            default: { // streams: the stateful path, in random pieces
                ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 2 + 64);
                int piece = 1 + r.nextInt(64 << 10);
                if (!compress) {
                    try (var s = zip.decompressingStream(format, new ByteArrayInputStream(in))) {
                        s.transferTo(out);
                    }
                    return out.toByteArray();
                }
                try (OutputStream c = zip.compressingStream(format, out)) {
                    int done = 0;
                    while (done < in.length) {
                        int n = Math.min(piece, in.length - done);
                        c.write(in, done, n);
                        done += n;
                    }
                }
                return out.toByteArray();
            }
        }
    }

    /** A crypto result that differs from the JDK's ends the process. */
    private static void wrong(String what) {
        if (what != null) {
            fail(3, "WRONG " + what);
        }
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void fail(int status, String line) {
        say(line);
        Runtime.getRuntime().halt(status);
    }
}
