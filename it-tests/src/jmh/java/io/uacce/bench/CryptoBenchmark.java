package io.uacce.bench;

import io.uacce.Uacce;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.UacceProvider;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelHost;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Security;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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
 * The {@code UACCE} provider against the JDK's providers (SunJCE / SUN) and, for SM3/SM4 which the
 * JDK lacks, BouncyCastle, at the sizes. {@code impl}: {@code device} = the provider in AUTO
 * with threshold 0 on an in-process model SEC device (V3, BD3; its "silicon" is BouncyCastle and the
 * JDK on the same cores, so this measures the driver's path, not a device), {@code software} = the
 * provider in SOFTWARE mode, {@code reference} = SunJCE/SUN (BouncyCastle for SM3/SM4). One request =
 * one {@code doFinal}/{@code digest} (GCM: init with a fresh IV + doFinal). Throughput in ops/s; run
 * with {@code -t 4} for four threads (each with its own Cipher/Mac/MessageDigest, one provider).
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class CryptoBenchmark {
    @Param({"AES-128-GCM", "AES-256-CBC", "SHA-256", "HmacSHA256", "SM4-CBC", "SM3"})
    String algorithm;

    @Param({"16", "1024", "16384", "1048576"})
    int size;

    @Param({"device", "software", "reference"})
    String impl;

    ModelHost model;
    UacceProvider provider;
    Provider p;

    @Setup(Level.Trial)
    public void setUp() {
        switch (impl) {
            case "device" -> {
                model = ModelHost.builder().device(d -> d.engine(EngineKind.SEC).api(ModelApi.V3).queues(8)).build();
                Uacce host = Uacce.builder().target(model.target()).build();
                provider = new UacceProvider(new CryptoSettings(CryptoMode.AUTO, 0, 30_000), () -> host);
                p = provider;
            }
            case "software" -> p = new UacceProvider(new CryptoSettings(CryptoMode.SOFTWARE, 0, 30_000));
            default -> p = algorithm.startsWith("SM") ? new org.bouncycastle.jce.provider.BouncyCastleProvider()
                    : Security.getProvider(algorithm.startsWith("SHA") ? "SUN" : "SunJCE");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (provider != null) {
            long used = provider.statistics().deviceRequests();
            provider.close();
            if (used == 0) {
                throw new IllegalStateException("impl=device but no request reached the model device");
            }
        }
        if (model != null) {
            model.close();
        }
    }

    /** One thread's objects. */
    @State(Scope.Thread)
    public static class Worker {
        byte[] in;
        byte[] out;
        byte[] key;
        byte[] iv = new byte[12];
        long counter;
        Cipher cipher;
        Mac mac;
        MessageDigest md;
        SecretKeySpec k;

        @Setup(Level.Trial)
        public void setUp(CryptoBenchmark b) throws Exception {
            SplittableRandom rnd = new SplittableRandom(7);
            in = new byte[b.size];
            rnd.nextBytes(in);
            out = new byte[b.size + 16];
            switch (b.algorithm) {
                case "AES-128-GCM" -> {
                    key = new byte[16];
                    cipher = Cipher.getInstance("AES/GCM/NoPadding", b.p);
                }
                case "AES-256-CBC" -> {
                    key = new byte[32];
                    cipher = Cipher.getInstance("AES/CBC/NoPadding", b.p);
                }
                case "SM4-CBC" -> {
                    key = new byte[16];
                    cipher = Cipher.getInstance("SM4/CBC/NoPadding", b.p);
                }
                case "HmacSHA256" -> {
                    key = new byte[32];
                    mac = Mac.getInstance("HmacSHA256", b.p);
                }
                default -> md = MessageDigest.getInstance(b.algorithm, b.p);
            }
            if (key != null) {
                rnd.nextBytes(key);
                k = new SecretKeySpec(key, b.algorithm.startsWith("SM4") ? "SM4" : b.algorithm.startsWith("Hmac")
                        ? "HmacSHA256" : "AES");
            }
            if (mac != null) {
                mac.init(k);
            } else if (cipher != null && !b.algorithm.endsWith("GCM")) {
                cipher.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(new byte[16]));
            }
        }
    }

    @Benchmark
    public int request(Worker w) throws Exception {
        if (w.md != null) {
            w.md.update(w.in);
            return w.md.digest(w.out, 0, w.md.getDigestLength());
        }
        if (w.mac != null) {
            w.mac.update(w.in);
            w.mac.doFinal(w.out, 0);
            return w.out[0];
        }
        if (algorithm.endsWith("GCM")) {
            ByteBuffer.wrap(w.iv).putLong(4, ++w.counter); // a fresh IV per encryption (SunJCE refuses reuse)
            w.cipher.init(Cipher.ENCRYPT_MODE, w.k, new GCMParameterSpec(128, w.iv));
        }
        return w.cipher.doFinal(w.in, 0, w.in.length, w.out, 0);
    }
}
