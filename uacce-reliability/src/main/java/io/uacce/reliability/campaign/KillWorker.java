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
 * software), every result checked against java.util.zip; or, with {@code --work crypto}, a
 * {@code UACCE} JCA provider in {@link CryptoMode#HARDWARE} on the SEC and HPRE devices
 * ({@link CryptoWork}: AES-CBC/GCM, SHA-1/2, HMAC, RSA-2048, ECDH and ECDSA on P-256), every result
 * checked against the JDK's providers.
 *
 * <p>Protocol on stdout, one line each: {@code READY queues=N} once both pools hold their queues
 * (crypto: once the SEC, HPRE RSA and HPRE ECC pools do), {@code OK n} (requests verified so far)
 * about every 250 ms, {@code DONE n} at a clean end;
 * {@code WRONG ...} or {@code ERROR ...} then exit 3 / 4 on a wrong result or any exception. The
 * worker stops cleanly (finishes its requests, closes the engine) when its stdin reaches EOF.
 *
 * <pre>
 *   java ... KillWorker [--threads 2] [--queues 1] [--max-size 262144] [--formats zlib,gzip,raw] [--seed N]
 *   java ... KillWorker --work crypto [--threads 2] [--max-size 65536] [--seed N]
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

    private KillWorker(ZipEngine zip, UacceProvider provider, int maxSize, Format[] formats, long seed)
            throws java.security.GeneralSecurityException {
        this.zip = zip;
        this.provider = provider;
        this.crypto = provider == null ? null : new CryptoWork(provider, maxSize, seed);
        this.maxSize = maxSize;
        this.formats = formats;
        this.data = new CampaignData(Math.max(maxSize, 1), seed);
    }

    public static void main(String[] args) throws Exception {
        int threads = 2;
        int queues = 1;
        int maxSize = 256 << 10;
        long seed = ProcessHandle.current().pid();
        List<Format> formats = List.of(Format.ZLIB, Format.GZIP);
        boolean cryptoWork = false;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(v);
                case "--queues" -> queues = Integer.parseInt(v);
                case "--max-size" -> maxSize = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--work" -> cryptoWork = switch (v) {
                    case "crypto" -> true;
                    case "zip" -> false;
                    default -> throw new IllegalArgumentException("--work zip or crypto, not " + v);
                };
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
        try {
            KillWorker w;
            if (cryptoWork) { // the provider opens one queue per pool (uacce.crypto.queues, default 1)
                w = new KillWorker(null, new UacceProvider(new CryptoSettings(CryptoMode.HARDWARE, 0, 30_000)), maxSize,
                        new Format[0], seed);
            } else {
                w = new KillWorker(ZipEngine.builder().mode(Mode.HARDWARE).queuesPerDirection(queues)
                        .requestTimeout(Duration.ofSeconds(30)).build(), null, maxSize, formats.toArray(Format[]::new), seed);
            }
            w.run(threads, cryptoWork ? 3 : 2 * queues, seed);
        } catch (Throwable e) {
            fail(4, "ERROR " + e);
        }
    }

    private void run(int threads, int queues, long seed) throws Exception {
        for (Format f : formats) { // opens both pools: the worker now holds all its queues
            check(f, true, data.text, 0, 4096, Api.HEAP, new SplittableRandom(seed));
            check(f, false, data.text, 0, 4096, Api.HEAP, new SplittableRandom(seed));
        }
        if (crypto != null) { // every kind of request once: the three pools are open
            wrong(crypto.warmUp(new SplittableRandom(seed)));
        }
        say("READY queues=" + queues);
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
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + t);
            ts[t] = Thread.ofPlatform().name("kill-worker-" + t).start(() -> {
                try {
                    while (!stop.get()) {
                        one(r);
                    }
                } catch (Throwable e) {
                    fail(4, "ERROR " + e);
                }
            });
        }
        long last = 0;
        while (Arrays.stream(ts).anyMatch(Thread::isAlive)) {
            Thread.sleep(250);
            if (ok.sum() != last) {
                last = ok.sum();
                say("OK " + last);
            }
        }
        if (zip != null) {
            zip.close();
        } else {
            provider.close();
        }
        say("DONE " + ok.sum());
        System.exit(0);
    }

    private void one(SplittableRandom r) throws Exception {
        if (crypto != null) {
            wrong(crypto.one(r));
            ok.increment();
            return;
        }
        Format format = formats[r.nextInt(formats.length)];
        int size = CampaignData.size(r, maxSize);
        byte[] source = r.nextInt(4) == 0 ? data.random : data.text;
        check(format, r.nextBoolean(), source, r.nextInt(source.length - size + 1), size,
                Api.values()[r.nextInt(Api.values().length)], r);
        ok.increment();
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
