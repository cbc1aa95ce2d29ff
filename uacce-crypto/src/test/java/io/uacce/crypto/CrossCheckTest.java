package io.uacce.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.CryptoMode;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The provider (SOFTWARE) against an independent implementation (BouncyCastle; SunJCE for what it
 * has) on random keys, IVs and data of the sizes, fed through random update split points.
 */
class CrossCheckTest {
    private static final Provider P = new UacceProvider(new CryptoSettings(CryptoMode.SOFTWARE, 0, 1000));
    private static final Provider BC = new BouncyCastleProvider();
    private static final int[] SIZES = {0, 1, 15, 16, 17, 4095, 4096, 64 << 10, (1 << 20) + 1};

    /** Cipher: name, key bytes, IV kind (none / iv16 / gcm12 / ccm12), block-multiple only. */
    @ParameterizedTest(name = "{0} key {1}")
    @CsvSource({
        "SM4/ECB/PKCS5Padding, 16, none, false", "SM4/ECB/NoPadding, 16, none, true",
        "SM4/CBC/PKCS5Padding, 16, iv16, false", "SM4/CBC/NoPadding, 16, iv16, true",
        "SM4/CTR/NoPadding, 16, iv16, false", "SM4/GCM/NoPadding, 16, gcm12, false",
        "SM4/CCM/NoPadding, 16, ccm12, false", "AES/CCM/NoPadding, 16, ccm12, false",
        "AES/CCM/NoPadding, 32, ccm12, false", "AES/GCM/NoPadding, 32, gcm12, false",
        "AES/CBC/PKCS5Padding, 32, iv16, false", "AES/CTR/NoPadding, 16, iv16, false",
        "DESede/CBC/PKCS5Padding, 24, iv8, false",
    })
    void cipher(String alg, int keyLen, String ivKind, boolean blocksOnly) throws Exception {
        Random rnd = new Random(alg.hashCode() * 31L + keyLen);
        for (int size : SIZES) {
            if (blocksOnly && size % 16 != 0) {
                continue;
            }
            byte[] key = bytes(rnd, keyLen), data = bytes(rnd, size), aad = bytes(rnd, rnd.nextInt(40));
            String keyAlg = alg.substring(0, alg.indexOf('/'));
            AlgorithmParameterSpec spec = switch (ivKind) {
                case "iv16" -> new IvParameterSpec(bytes(rnd, 16));
                case "iv8" -> new IvParameterSpec(bytes(rnd, 8));
                case "gcm12" -> new GCMParameterSpec(128, bytes(rnd, 12));
                case "ccm12" -> new GCMParameterSpec(96, bytes(rnd, 12));
                default -> null;
            };
            boolean aead = ivKind.startsWith("gcm") || ivKind.startsWith("ccm");
            Cipher ref = Cipher.getInstance(alg, BC);
            ref.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, keyAlg), spec);
            if (aead) {
                ref.updateAAD(aad);
            }
            byte[] want = ref.doFinal(data);
            Cipher c = Cipher.getInstance(alg, P);
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, keyAlg), spec);
            if (aead) {
                c.updateAAD(aad);
            }
            assertArrayEquals(want, split(c, data, rnd), alg + " encrypt, " + size + " bytes");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, keyAlg), spec);
            if (aead) {
                c.updateAAD(aad);
            }
            assertArrayEquals(data, split(c, want, rnd), alg + " decrypt, " + size + " bytes");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"SM3, SM3, 0", "SHA-256, SHA-256, 0", "SHA-512/224, SHA-512/224, 0", "MD5, MD5, 0",
        "HmacSM3, HMACSM3, 32", "HmacSHA384, HmacSHA384, 48", "AES-CMAC, AESCMAC, 16", "AES-GMAC, AES-GMAC, 32"})
    void digestOrMac(String alg, String bcName, int keyLen) throws Exception {
        Random rnd = new Random(alg.hashCode());
        for (int size : SIZES) {
            byte[] data = bytes(rnd, size);
            if (keyLen == 0) {
                MessageDigest md = MessageDigest.getInstance(alg, P);
                int off = 0;
                while (off < size) {
                    int n = Math.min(size - off, rnd.nextInt(5000));
                    md.update(data, off, n);
                    off += n;
                }
                MessageDigest copy = (MessageDigest) md.clone();
                assertArrayEquals(MessageDigest.getInstance(bcName, BC).digest(data), md.digest(), alg + " " + size);
                assertArrayEquals(MessageDigest.getInstance(bcName, BC).digest(data), copy.digest(), alg + " clone");
                continue;
            }
            SecretKeySpec key = new SecretKeySpec(bytes(rnd, keyLen), alg.startsWith("AES") ? "AES" : alg);
            AlgorithmParameterSpec spec = alg.equals("AES-GMAC") ? new IvParameterSpec(bytes(rnd, 12)) : null;
            Mac ref = Mac.getInstance(bcName, BC);
            ref.init(key, spec);
            Mac m = Mac.getInstance(alg, P);
            m.init(key, spec);
            int off = 0;
            while (off < size) {
                int n = Math.min(size - off, rnd.nextInt(5000));
                m.update(data, off, n);
                off += n;
            }
            Mac copy = (Mac) m.clone();
            byte[] want = ref.doFinal(data);
            assertArrayEquals(want, m.doFinal(), alg + " " + size);
            assertArrayEquals(want, copy.doFinal(), alg + " clone " + size);
            assertArrayEquals(want, m.doFinal(data), alg + " after reset " + size);
        }
    }

    static byte[] split(Cipher c, byte[] in, Random rnd) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int off = 0;
        while (off < in.length && rnd.nextInt(4) != 0) {
            int n = Math.min(in.length - off, rnd.nextInt(in.length < 64 ? 20 : 70_000));
            byte[] r = c.update(in, off, n);
            if (r != null) {
                out.writeBytes(r);
            }
            off += n;
        }
        out.writeBytes(c.doFinal(in, off, in.length - off));
        return out.toByteArray();
    }

    static byte[] bytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }
}
