package io.uacce.reliability.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.uacce.Uacce;
import io.uacce.crypto.UacceProvider;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelHost;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fuzzes the UACCE provider on the Java model's SEC (V3) and HPRE (V3) devices with ciphertexts,
 * tags, IVs and keys: AES/GCM/NoPadding and AES/CBC/PKCS5Padding decryption (valid ciphertexts made
 * by the JDK and then damaged, or raw fuzzer bytes), CBC encryption, HmacSHA256, and
 * SHA256withECDSA / SHA256withRSA verification of damaged or arbitrary signatures. Oracle: the
 * JDK's providers (SunJCE, SunEC, SunRsaSign): the same bytes or verdict, or an exception of the
 * same family (bad tag, bad padding, block size, key/parameter, signature encoding); anything
 * else (a device error leaking out, a runtime exception, a different verdict) is a finding.
 */
class ProviderFuzzTest {
    private static Provider uacce;
    private static ModelHost model;
    private static KeyPair ec;
    private static KeyPair rsa;

    @FuzzTest(maxDuration = "60s")
    void provider(FuzzedDataProvider data) throws Exception {
        fuzzerTestOneInput(data);
    }

    private static synchronized void setUp() throws Exception {
        if (uacce != null) {
            return;
        }
        model = ModelHost.builder().device(d -> d.engine(EngineKind.SEC).api(ModelApi.V3))
                .device(d -> d.engine(EngineKind.HPRE).api(ModelApi.V3)).build();
        Uacce host = Uacce.builder().target(model.target()).build();
        uacce = new UacceProvider(new CryptoSettings(CryptoMode.AUTO, 0, 10_000), () -> host); // threshold 0: device
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "SunEC");
        g.initialize(new ECGenParameterSpec("secp256r1"), seeded(1));
        ec = g.generateKeyPair();
        KeyPairGenerator r = KeyPairGenerator.getInstance("RSA", "SunRsaSign");
        r.initialize(2048, seeded(2));
        rsa = r.generateKeyPair();
    }

    private static SecureRandom seeded(long seed) throws GeneralSecurityException {
        SecureRandom s = SecureRandom.getInstance("SHA1PRNG");
        s.setSeed(seed);
        return s;
    }

    public static void fuzzerTestOneInput(FuzzedDataProvider data) throws Exception {
        setUp();
        switch (data.consumeInt(0, 5)) {
            case 0 -> gcmDecrypt(data);
            case 1 -> cbcDecrypt(data);
            case 2 -> cbcEncrypt(data);
            case 3 -> hmac(data);
            case 4 -> verify(data, "SHA256withECDSA", "SunEC", ec);
            default -> verify(data, "SHA256withRSA", "SunRsaSign", rsa);
        }
    }

    private static byte[] key(FuzzedDataProvider data) {
        int n = data.consumeBoolean() ? 16 + 8 * data.consumeInt(0, 2) : data.consumeInt(1, 40);
        return data.consumeBytes(n);
    }

    private static void gcmDecrypt(FuzzedDataProvider data) throws Exception {
        byte[] k = key(data);
        int tagBits = data.consumeBoolean() ? 128 : data.consumeInt(0, 20) * 8;
        byte[] iv = data.consumeBytes(data.consumeBoolean() ? 12 : data.consumeInt(1, 40));
        byte[] aad = data.consumeBytes(data.consumeInt(0, 64));
        boolean valid = data.consumeBoolean();
        int flip = data.consumeInt(-1, 200);
        byte[] body = data.consumeBytes(data.consumeInt(0, 2048));
        if (iv.length == 0) {
            return; // GCMParameterSpec refuses an empty IV itself
        }
        byte[] ct = body;
        if (valid && (k.length == 16 || k.length == 24 || k.length == 32) && tagBits >= 96 && tagBits <= 128) {
            Cipher enc = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
            enc.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"), new GCMParameterSpec(tagBits, iv));
            enc.updateAAD(aad);
            ct = damage(enc.doFinal(body), flip);
        }
        byte[] c = ct;
        same("AES/GCM decrypt", () -> {
            Cipher d = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
            d.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k, "AES"), new GCMParameterSpec(tagBits, iv));
            d.updateAAD(aad);
            return d.doFinal(c);
        }, () -> {
            Cipher d = Cipher.getInstance("AES/GCM/NoPadding", uacce);
            d.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k, "AES"), new GCMParameterSpec(tagBits, iv));
            d.updateAAD(aad);
            return d.doFinal(c);
        });
    }

    private static void cbcDecrypt(FuzzedDataProvider data) throws Exception {
        byte[] k = key(data);
        byte[] iv = data.consumeBytes(data.consumeBoolean() ? 16 : data.consumeInt(1, 32));
        boolean valid = data.consumeBoolean();
        int flip = data.consumeInt(-1, 200);
        byte[] body = data.consumeBytes(data.consumeInt(0, 2048));
        byte[] ct = body;
        if (valid && iv.length == 16 && (k.length == 16 || k.length == 24 || k.length == 32)) {
            Cipher enc = Cipher.getInstance("AES/CBC/PKCS5Padding", "SunJCE");
            enc.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"), new IvParameterSpec(iv));
            ct = damage(enc.doFinal(body), flip);
        }
        byte[] c = ct;
        if (c.length == 0 && iv.length == 16 && (k.length == 16 || k.length == 24 || k.length == 32)) {
            // the provider's one documented difference from SunJCE (JdkCipher, docs/crypto.md): an empty
            // padded ciphertext is refused (SunJCE returns an empty plaintext; Wycheproof calls it invalid)
            org.junit.jupiter.api.Assertions.assertThrows(BadPaddingException.class,
                    () -> cbc(null, uacce, Cipher.DECRYPT_MODE, k, iv, c));
            return;
        }
        same("AES/CBC/PKCS5Padding decrypt", () -> cbc("SunJCE", null, Cipher.DECRYPT_MODE, k, iv, c),
                () -> cbc(null, uacce, Cipher.DECRYPT_MODE, k, iv, c));
    }

    private static void cbcEncrypt(FuzzedDataProvider data) throws Exception {
        byte[] k = key(data);
        byte[] iv = data.consumeBytes(data.consumeBoolean() ? 16 : data.consumeInt(1, 32));
        byte[] plain = data.consumeRemainingAsBytes();
        same("AES/CBC/PKCS5Padding encrypt", () -> cbc("SunJCE", null, Cipher.ENCRYPT_MODE, k, iv, plain),
                () -> cbc(null, uacce, Cipher.ENCRYPT_MODE, k, iv, plain));
    }

    private static byte[] cbc(String name, Provider p, int mode, byte[] k, byte[] iv, byte[] in) throws Exception {
        Cipher c = p != null ? Cipher.getInstance("AES/CBC/PKCS5Padding", p) : Cipher.getInstance("AES/CBC/PKCS5Padding", name);
        c.init(mode, new SecretKeySpec(k, "AES"), new IvParameterSpec(iv));
        return c.doFinal(in);
    }

    private static void hmac(FuzzedDataProvider data) throws Exception {
        byte[] k = data.consumeBytes(data.consumeInt(1, 200));
        if (k.length == 0) {
            return;
        }
        int split = data.consumeInt(0, 4096);
        byte[] msg = data.consumeRemainingAsBytes();
        int cut = Math.min(split, msg.length);
        same("HmacSHA256", () -> mac(Mac.getInstance("HmacSHA256", "SunJCE"), k, msg, cut),
                () -> mac(Mac.getInstance("HmacSHA256", uacce), k, msg, cut));
    }

    private static byte[] mac(Mac m, byte[] k, byte[] msg, int cut) throws Exception {
        m.init(new SecretKeySpec(k, "HmacSHA256"));
        m.update(msg, 0, cut);
        m.update(msg, cut, msg.length - cut);
        return m.doFinal();
    }

    private static void verify(FuzzedDataProvider data, String alg, String jdk, KeyPair kp) throws Exception {
        boolean valid = data.consumeBoolean();
        int flip = data.consumeInt(-1, 600);
        byte[] raw = data.consumeBytes(data.consumeInt(0, 600));
        byte[] msg = data.consumeRemainingAsBytes();
        byte[] sig = raw;
        if (valid) {
            Signature s = Signature.getInstance(alg, jdk);
            s.initSign(kp.getPrivate(), seeded(3));
            s.update(msg);
            sig = damage(s.sign(), flip);
        }
        byte[] g = sig;
        boolean der = alg.endsWith("ECDSA");
        same(alg + " verify of " + java.util.HexFormat.of().formatHex(g), () -> verdict(Signature.getInstance(alg, jdk), kp,
                msg, g, der), () -> verdict(Signature.getInstance(alg, uacce), kp, msg, g, der));
    }

    /**
     * 1 accepted, 0 rejected. For DER-encoded ECDSA a {@code SignatureException} (improper encoding)
     * is a rejection too: our strict DER refuses encodings SunEC reads leniently and then rejects
     * (found: a negative INTEGER r), so there "false" and "SignatureException" are one outcome;
     * acceptance must agree exactly. RSA must match SunRsaSign's exceptions exactly.
     */
    private static byte[] verdict(Signature s, KeyPair kp, byte[] msg, byte[] sig, boolean der) throws Exception {
        s.initVerify(kp.getPublic());
        s.update(msg);
        try {
            return new byte[] {(byte) (s.verify(sig) ? 1 : 0)};
        } catch (SignatureException e) {
            if (der) {
                return new byte[] {0};
            }
            throw e;
        }
    }

    /** Flips one bit at {@code at} (modulo the length; -1: none). */
    private static byte[] damage(byte[] b, int at) {
        if (at >= 0 && b.length > 0) {
            b[at % b.length] ^= (byte) (1 << (at % 8));
        }
        return b;
    }

    /** The JDK's outcome and ours: equal bytes, or exceptions of one family. */
    private static void same(String what, Callable<byte[]> jdk, Callable<byte[]> ours) {
        Object a = outcome(jdk);
        Object b = outcome(ours);
        if (a instanceof byte[] x && b instanceof byte[] y) {
            assertArrayEquals(x, y, what + ": result differs from the JDK's");
            return;
        }
        assertEquals(family(a), family(b), what + ": JDK " + describe(a) + ", UACCE " + describe(b));
    }

    private static Object outcome(Callable<byte[]> c) {
        try {
            return c.call();
        } catch (Exception e) {
            return e;
        }
    }

    /** Exception families the provider must match, in order (AEADBadTagException is a BadPaddingException). */
    private static final List<Map.Entry<Class<?>, String>> FAMILIES = List.of(Map.entry(byte[].class, "result"),
            Map.entry(AEADBadTagException.class, "bad tag"), Map.entry(BadPaddingException.class, "bad padding"),
            Map.entry(IllegalBlockSizeException.class, "block size"),
            Map.entry(InvalidKeyException.class, "key or parameter"),
            Map.entry(InvalidAlgorithmParameterException.class, "key or parameter"),
            Map.entry(InvalidParameterException.class, "key or parameter"),
            Map.entry(SignatureException.class, "signature"));

    /** The family of an outcome; anything outside the table must be the same class. */
    static String family(Object o) {
        for (Map.Entry<Class<?>, String> f : FAMILIES) {
            if (f.getKey().isInstance(o)) {
                return f.getValue();
            }
        }
        return o.getClass().getName();
    }

    private static String describe(Object o) {
        return o instanceof byte[] b ? "result " + b.length + " bytes " + Arrays.toString(Arrays.copyOf(b, Math.min(8, b.length)))
                : o.toString();
    }
}
