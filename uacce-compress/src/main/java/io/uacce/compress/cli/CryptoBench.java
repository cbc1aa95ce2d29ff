package io.uacce.compress.cli;

import io.uacce.crypto.UacceProvider;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code bench -a aes-128-gcm} and the other SEC algorithms: one request = one {@code doFinal} /
 * {@code digest} of a block through the {@code UACCE} provider (threshold 0 in AUTO unless
 * {@code -Duacce.crypto.threshold} is set, so the device is measured), each thread with its own
 * Cipher/Mac/MessageDigest. Timings are printed, not checked.
 */
final class CryptoBench {
    /** The algorithms {@code -a} takes here (everything else is a compression format). */
    static final List<String> NAMES = List.of("aes-128-gcm", "aes-256-gcm", "aes-128-cbc", "aes-256-cbc",
            "aes-128-ctr", "aes-128-xts", "sm4-cbc", "sm4-gcm", "hmac-sha256", "hmac-sm3", "aes-cmac", "md5", "sha1",
            "sha224", "sha256", "sha384", "sha512", "sm3", "rsa2048-sign", "rsa2048-verify", "rsa4096-sign",
            "rsa4096-verify", "ecdsa-p256-sign", "ecdsa-p256-verify", "ecdh-p256", "x25519");

    private CryptoBench() {
    }

    static boolean handles(String algorithm) {
        return NAMES.contains(algorithm.strip().toLowerCase(Locale.ROOT));
    }

    /** One thread's request: a fresh object per thread. */
    private interface Op {
        void run() throws GeneralSecurityException;
    }

    private static Op op(UacceProvider p, String alg, byte[] in, byte[] out) throws GeneralSecurityException {
        if (PkBench.handles(alg)) {
            return PkBench.op(p, alg, in)::run;
        }
        SplittableRandom rnd = new SplittableRandom(alg.hashCode());
        String[] parts = alg.split("-");
        if (!alg.contains("-") || alg.startsWith("sha512-")) {
            MessageDigest md = MessageDigest.getInstance(CryptoCli.digest(alg), p);
            return () -> md.digest(in);
        }
        if (alg.startsWith("hmac-") || alg.equals("aes-cmac")) {
            String name = alg.equals("aes-cmac") ? "AES-CMAC" : "Hmac" + parts[1].toUpperCase(Locale.ROOT);
            byte[] key = new byte[alg.equals("aes-cmac") ? 16 : 32];
            rnd.nextBytes(key);
            Mac m = Mac.getInstance(name, p);
            m.init(new SecretKeySpec(key, alg.equals("aes-cmac") ? "AES" : name));
            return () -> {
                m.update(in);
                m.doFinal(out, 0);
            };
        }
        boolean sm4 = parts[0].equals("sm4");
        String mode = (sm4 ? parts[1] : parts[2]).toUpperCase(Locale.ROOT);
        int keyBytes = sm4 ? 16 : Integer.parseInt(parts[1]) / 8 * (mode.equals("XTS") ? 2 : 1);
        byte[] key = new byte[keyBytes];
        rnd.nextBytes(key);
        for (int i = keyBytes / 2; mode.equals("XTS") && i < keyBytes; i++) {
            key[i] ^= (byte) 0x5A; // the XTS halves must differ
        }
        SecretKeySpec k = new SecretKeySpec(key, sm4 ? "SM4" : "AES");
        Cipher c = Cipher.getInstance((sm4 ? "SM4/" : "AES/") + mode + "/NoPadding", p);
        if (mode.equals("GCM")) {
            byte[] iv = new byte[12];
            long[] counter = {rnd.nextLong()};
            return () -> {
                ByteBuffer.wrap(iv).putLong(4, counter[0]++); // a fresh IV per encryption
                c.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(128, iv));
                c.doFinal(in, 0, in.length, out, 0);
            };
        }
        c.init(Cipher.ENCRYPT_MODE, k, mode.equals("ECB") ? null : new IvParameterSpec(new byte[16]));
        return () -> c.doFinal(in, 0, in.length, out, 0);
    }

    static int run(String algorithm, String mode, int block, int threads, double seconds) throws Exception {
        String alg = algorithm.strip().toLowerCase(Locale.ROOT);
        if ((alg.contains("cbc") || alg.contains("ecb")) && block % 16 != 0) {
            throw new IllegalArgumentException(alg + " needs a block size that is a multiple of 16, not " + block);
        }
        int threshold = System.getProperty(io.uacce.crypto.types.CryptoSettings.PROP_THRESHOLD) == null ? 0 : -1;
        UacceProvider p = CryptoCli.provider(CryptoCli.mode(mode), threshold);
        try {
            List<Thread> workers = new ArrayList<>();
            long[] ops = new long[threads];
            long[][] lat = new long[threads][];
            Exception[] error = new Exception[1];
            long[] deadline = new long[1];
            byte[] data = new byte[block];
            new SplittableRandom(1).nextBytes(data);
            for (int t = 0; t < threads; t++) {
                int id = t;
                Op op = op(p, alg, data.clone(), new byte[block + 64]);
                for (int i = 0; i < 20; i++) {
                    op.run(); // warm-up: queue open, known-answer test, JIT; not timed
                }
                workers.add(Thread.ofPlatform().name("bench-" + t).unstarted(() -> {
                    long[] l = new long[1 << 16];
                    int n = 0;
                    try {
                        while (System.nanoTime() < deadline[0]) {
                            long t0 = System.nanoTime();
                            op.run();
                            if (n < l.length) {
                                l[n] = System.nanoTime() - t0;
                            }
                            n++;
                        }
                    } catch (Exception e) {
                        synchronized (error) {
                            error[0] = e;
                        }
                    }
                    ops[id] = n;
                    lat[id] = Arrays.copyOf(l, Math.min(n, l.length));
                }));
            }
            long t0 = System.nanoTime();
            deadline[0] = t0 + (long) (seconds * 1e9);
            workers.forEach(Thread::start);
            for (Thread w : workers) {
                w.join();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            if (error[0] != null) {
                throw error[0];
            }
            long total = Arrays.stream(ops).sum();
            long[] all = Arrays.stream(lat).flatMapToLong(Arrays::stream).sorted().toArray();
            System.out.printf("engine    : UACCE provider, mode %s; %s%n", mode, CryptoCli.served(p));
            System.out.printf("job       : %s, block %d B, %d thread(s), %.1f s%n", alg, block, threads, secs);
            System.out.printf("throughput: %.1f MB/s, %.0f ops/s%n", total * (double) block / secs / 1e6, total / secs);
            System.out.printf("latency   : p50 %.1f us, p90 %.1f us, p99 %.1f us (%d samples)%n",
                    pct(all, 0.50), pct(all, 0.90), pct(all, 0.99), all.length);
            return 0;
        } finally {
            p.close();
        }
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e3;
    }
}
