package io.uacce.bench;

import io.uacce.Uacce;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.UacceProvider;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelHost;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyAgreement;
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
 * Public-key operations through JCA: the {@code UACCE} provider on the in-process model's V3 HPRE
 * device (AUTO; its "silicon" is BigInteger and BouncyCastle on the same cores, so the figures
 * measure the driver plus a software device, not HPRE) against the JDK's providers (SunRsaSign,
 * SunEC). {@code op}: rsa2048-sign (CRT key), rsa2048-verify, rsa4096-sign, rsa4096-verify,
 * ecdsa-p256-sign, ecdsa-p256-verify, ecdh-p256, x25519. Run with {@code -t 1} and {@code -t 4}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class PkBenchmark {
    @Param({"rsa2048-sign", "rsa2048-verify", "rsa4096-sign", "rsa4096-verify", "ecdsa-p256-sign",
        "ecdsa-p256-verify", "ecdh-p256", "x25519"})
    String op;

    /** {@code uacce}: the provider on the model's HPRE device; {@code jdk}: SunRsaSign / SunEC. */
    @Param({"uacce", "jdk"})
    String provider;

    ModelHost model;
    UacceProvider uacce;
    Provider p;
    KeyPair keys;
    KeyPair peer;
    byte[] message = new byte[64];
    byte[] signature;
    String algorithm;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        model = ModelHost.builder().device(d -> d.engine(EngineKind.HPRE).api(ModelApi.V3).queues(8)).build();
        Uacce host = Uacce.builder().target(model.target()).build();
        uacce = new UacceProvider(new CryptoSettings(CryptoMode.AUTO, 0, 30_000), () -> host);
        boolean rsa = op.startsWith("rsa");
        p = provider.equals("uacce") ? uacce : Security.getProvider(rsa ? "SunRsaSign" : "SunEC");
        KeyPairGenerator g;
        if (rsa) {
            g = KeyPairGenerator.getInstance("RSA", "SunRsaSign");
            g.initialize(op.startsWith("rsa4096") ? 4096 : 2048);
            algorithm = "SHA256withRSA";
        } else if (op.equals("x25519")) {
            g = KeyPairGenerator.getInstance("X25519", "SunEC");
            algorithm = "X25519";
        } else {
            g = KeyPairGenerator.getInstance("EC", "SunEC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            algorithm = op.startsWith("ecdh") ? "ECDH" : "SHA256withECDSA";
        }
        keys = g.generateKeyPair();
        peer = g.generateKeyPair();
        if (algorithm.startsWith("SHA")) {
            Signature s = Signature.getInstance(algorithm, p);
            s.initSign(keys.getPrivate());
            s.update(message);
            signature = s.sign();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        uacce.close();
        model.close();
    }

    /** One JCA object per thread (JCA objects are not thread-safe). */
    @State(Scope.Thread)
    public static class PerThread {
        Signature signer;
        Signature verifier;
        KeyAgreement agreement;

        @Setup(Level.Trial)
        public void setUp(PkBenchmark b) throws GeneralSecurityException {
            if (b.algorithm.startsWith("SHA")) {
                signer = Signature.getInstance(b.algorithm, b.p);
                signer.initSign(b.keys.getPrivate());
                verifier = Signature.getInstance(b.algorithm, b.p);
                verifier.initVerify(b.keys.getPublic());
            } else {
                agreement = KeyAgreement.getInstance(b.algorithm, b.p);
                agreement.init(b.keys.getPrivate());
            }
        }
    }

    @Benchmark
    public Object run(PerThread t) throws GeneralSecurityException {
        if (op.endsWith("-sign")) {
            t.signer.update(message);
            return t.signer.sign();
        }
        if (op.endsWith("-verify")) {
            t.verifier.update(message);
            if (!t.verifier.verify(signature)) {
                throw new IllegalStateException("signature does not verify");
            }
            return Boolean.TRUE;
        }
        t.agreement.doPhase(peer.getPublic(), true);
        return t.agreement.generateSecret();
    }
}
