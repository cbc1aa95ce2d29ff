package io.uacce.compress.cli;

import io.uacce.crypto.UacceProvider;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.EngineStatistics;
import io.uacce.request.RequestCounters;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.function.BiConsumer;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code dfx --engine sec|hpre}: a self-check workload through a {@code UACCE} provider (SEC: AES-128-CBC
 * both ways and SHA-256; HPRE: RSA-2048 public operations and P-256 ECDH), each result compared with the
 * JDK's own providers, then the engine's counters ({@link EngineStatistics#counters()}) and the request
 * layer's, in total and per queue, one line each as {@code dfx} prints ZIP's.
 */
final class CryptoDfx {
    private final UacceProvider provider;
    private final int requests;
    private final int block;
    private int bad;

    CryptoDfx(UacceProvider provider, int requests, int block) {
        this.provider = provider;
        this.requests = requests;
        this.block = block & ~15;
    }

    /** Runs {@code engine}'s workload; the number of wrong results. */
    int run(String engine) throws Exception {
        if (engine.equals("sec")) {
            sec();
        } else {
            hpre();
        }
        return bad;
    }

    private void check(boolean ok) {
        if (!ok) {
            bad++;
        }
    }

    private void sec() throws Exception {
        byte[] data = new byte[Math.max(16, block)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ("uacce dfx self-check ".charAt(i % 21) ^ (i >>> 12));
        }
        SecretKeySpec key = new SecretKeySpec(Arrays.copyOf("dfx aes key 0123".getBytes(), 16), "AES");
        IvParameterSpec iv = new IvParameterSpec(new byte[16]);
        Cipher ref = Cipher.getInstance("AES/CBC/NoPadding", "SunJCE");
        ref.init(Cipher.ENCRYPT_MODE, key, iv);
        byte[] want = ref.doFinal(data);
        byte[] sha = MessageDigest.getInstance("SHA-256", "SUN").digest(data);
        for (int i = 0; i < requests; i++) {
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding", provider);
            c.init(Cipher.ENCRYPT_MODE, key, iv);
            byte[] ct = c.doFinal(data);
            check(Arrays.equals(want, ct));
            c.init(Cipher.DECRYPT_MODE, key, iv);
            check(Arrays.equals(data, c.doFinal(ct)));
            check(Arrays.equals(sha, MessageDigest.getInstance("SHA-256", provider).digest(data)));
        }
    }

    private void hpre() throws Exception {
        KeyPairGenerator rg = KeyPairGenerator.getInstance("RSA", "SunRsaSign");
        rg.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
        KeyPair rsa = rg.generateKeyPair();
        byte[] m = new byte[256];
        m[1] = 0x42;
        Arrays.fill(m, 2, m.length, (byte) 0x5a);
        Cipher ref = Cipher.getInstance("RSA/ECB/NoPadding", "SunJCE");
        ref.init(Cipher.ENCRYPT_MODE, rsa.getPublic());
        byte[] want = ref.doFinal(m);
        KeyPairGenerator eg = KeyPairGenerator.getInstance("EC", "SunEC");
        eg.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair a = eg.generateKeyPair(), b = eg.generateKeyPair();
        KeyAgreement refKa = KeyAgreement.getInstance("ECDH", "SunEC");
        refKa.init(a.getPrivate());
        refKa.doPhase(b.getPublic(), true);
        byte[] secret = refKa.generateSecret();
        for (int i = 0; i < requests; i++) {
            Cipher c = Cipher.getInstance("RSA/ECB/NoPadding", provider);
            c.init(Cipher.ENCRYPT_MODE, rsa.getPublic());
            check(Arrays.equals(want, c.doFinal(m)));
            KeyAgreement ka = KeyAgreement.getInstance("ECDH", provider);
            ka.init(a.getPrivate());
            ka.doPhase(b.getPublic(), true);
            check(Arrays.equals(secret, ka.generateSecret()));
        }
        check(new BigInteger(1, want).compareTo(BigInteger.ZERO) > 0);
    }

    private static boolean registered(String name) {
        try {
            return java.lang.management.ManagementFactory.getPlatformMBeanServer()
                    .isRegistered(new javax.management.ObjectName(name));
        } catch (javax.management.JMException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Prints one engine's counters, as {@code dfx} prints ZIP's. */
    static void print(UacceProvider p, EngineStatistics s, CryptoMode mode) {
        System.out.println("engine: " + s.engine() + " on the UACCE provider (mode " + mode.name().toLowerCase(
                java.util.Locale.ROOT) + ")" + (s.requestLayer().submitted() == 0 ? " (software)" : ""));
        System.out.println("jmx: " + p.jmxName() + (registered(p.jmxName()) ? "" : " (not registered: no device opened)"));
        s.counters().forEach((k, v) -> System.out.printf("%-34s %d%n", k, v));
        BiConsumer<String, RequestCounters> line = DfxCommand::line;
        line.accept(s.engine().toLowerCase(java.util.Locale.ROOT) + "_queues", s.requestLayer());
        s.queues().forEach(line);
    }
}
