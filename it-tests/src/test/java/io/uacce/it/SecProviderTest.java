package io.uacce.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.ProviderStatistics;
import io.uacce.crypto.types.SecDeviceException;
import io.uacce.crypto.UacceProvider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SEC device behind the {@code UACCE} provider (public JCA API only): the standards' known
 * answers (FIPS 180-4 examples, RFC 1321, GB/T 32905/32907, NIST SP 800-38A) and cross-checks
 * against BouncyCastle on random data with random split points, in AUTO with threshold 0 and in
 * HARDWARE mode, with the device requests counted.
 */
@ExtendWith(TargetExtension.class)
class SecProviderTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] TWO_BLOCKS = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_TWO_BLOCKS = ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
            + "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SM3_64 = "abcd".repeat(16).getBytes(StandardCharsets.US_ASCII);
    /** NIST SP 800-38A appendix F: key, IVs, the four plaintext blocks. */
    private static final String K128 = "2b7e151628aed2a6abf7158809cf4f3c";
    private static final String PT = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";

    @Test
    void digestsGiveTheStandardsAnswersOnTheDevice(ConformanceTarget t) throws Exception {
        SecDevices.run(t, CryptoMode.AUTO, (sec, p) -> {
            ProviderStatistics before = p.statistics();
            // FIPS 180-4 examples (two-block messages), RFC 1321 A.5, GB/T 32905-2016 A.2
            digest(p, "SHA-1", TWO_BLOCKS, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
            digest(p, "SHA-224", TWO_BLOCKS, "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525");
            digest(p, "SHA-256", TWO_BLOCKS, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
            digest(p, "SHA-384", SHA512_TWO_BLOCKS, "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712"
                    + "fcc7c71a557e2db966c3e9fa91746039");
            digest(p, "SHA-512", SHA512_TWO_BLOCKS, "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
                    + "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909");
            digest(p, "MD5", "message digest".getBytes(StandardCharsets.US_ASCII), "f96b697d7cb7938d525a2f31aaf161d0");
            digest(p, "SM3", SM3_64, "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
            SecDevices.reachedTheDevice(p, before, "digests on " + sec.name());
            assertTrue(p.statistics().deviceRequests() - before.deviceRequests() >= 7,
                    "every digest on the device: " + p.statistics());
        });
    }

    private static void digest(UacceProvider p, String alg, byte[] msg, String expected) throws Exception {
        MessageDigest md = MessageDigest.getInstance(alg, p);
        md.update(msg, 0, 5); // a split: the device sees the whole message in one BD
        md.update(msg, 5, msg.length - 5);
        assertEquals(expected, HEX.formatHex(md.digest()), alg);
    }

    @Test
    void blockCiphersGiveSp80038aAnswersOnTheDevice(ConformanceTarget t) throws Exception {
        SecDevices.run(t, CryptoMode.AUTO, (sec, p) -> {
            ProviderStatistics before = p.statistics();
            cipher(p, "AES/ECB/NoPadding", null, "3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf"
                    + "43b1cd7f598ece23881b00e3ed0306887b0c785e27e8ad3f8223207104725dd4"); // F.1.1
            cipher(p, "AES/CBC/NoPadding", "000102030405060708090a0b0c0d0e0f", "7649abac8119b246cee98e9b12e9197d"
                    + "5086cb9b507219ee95db113a917678b273bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7"); // F.2.1
            cipher(p, "AES/CTR/NoPadding", "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff", "874d6191b620e3261bef6864990db6ce"
                    + "9806f66b7970fdff8617187bb9fffdff5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee"); // F.5.1
            SecDevices.reachedTheDevice(p, before, "AES ECB/CBC on " + sec.name());
            // GB/T 32907-2016 appendix A, example 1
            Cipher sm4 = Cipher.getInstance("SM4/ECB/NoPadding", p);
            byte[] k = HEX.parseHex("0123456789abcdeffedcba9876543210");
            sm4.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "SM4"));
            assertEquals("681edf34d206965e86b3e94f536e4246", HEX.formatHex(sm4.doFinal(k)));
        });
    }

    private static void cipher(UacceProvider p, String transformation, String iv, String expected) throws Exception {
        Cipher c = Cipher.getInstance(transformation, p);
        SecretKeySpec key = new SecretKeySpec(HEX.parseHex(K128), "AES");
        byte[] pt = HEX.parseHex(PT);
        if (iv == null) {
            c.init(Cipher.ENCRYPT_MODE, key);
        } else {
            c.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(HEX.parseHex(iv)));
        }
        assertEquals(expected, HEX.formatHex(c.doFinal(pt)), transformation + " encrypt");
        if (iv == null) {
            c.init(Cipher.DECRYPT_MODE, key);
        } else {
            c.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(HEX.parseHex(iv)));
        }
        assertArrayEquals(pt, c.doFinal(HEX.parseHex(expected)), transformation + " decrypt");
    }

    private static final int[] SIZES = {0, 1, 15, 16, 17, 4095, 4096, 64 << 10, (1 << 20) + 1};

    @Test
    void agreesWithBouncyCastleOnRandomDataAndSplits(ConformanceTarget t) throws Exception {
        Random rnd = new Random(9);
        SecDevices.run(t, CryptoMode.AUTO, (sec, p) -> {
            ProviderStatistics before = p.statistics();
            for (int size : SIZES) {
                byte[] data = new byte[size];
                rnd.nextBytes(data);
                for (String alg : new String[] {"SHA-256", "SHA-512", "SM3", "MD5"}) {
                    MessageDigest md = MessageDigest.getInstance(alg, p);
                    int cut = size == 0 ? 0 : rnd.nextInt(size);
                    md.update(data, 0, cut);
                    md.update(data, cut, size - cut);
                    assertArrayEquals(MessageDigest.getInstance(alg, SecDevices.BC).digest(data), md.digest(),
                            alg + " " + size + " bytes");
                }
                byte[] hk = new byte[32];
                rnd.nextBytes(hk);
                Mac m = Mac.getInstance("HmacSHA256", p);
                m.init(new SecretKeySpec(hk, "HmacSHA256"));
                Mac ref = Mac.getInstance("HmacSHA256", SecDevices.BC);
                ref.init(new SecretKeySpec(hk, "HmacSHA256"));
                assertArrayEquals(ref.doFinal(data), m.doFinal(data), "HmacSHA256 " + size + " bytes");
                Mac sm3 = Mac.getInstance("HmacSM3", p);
                sm3.init(new SecretKeySpec(hk, "HmacSM3"));
                Mac sm3Ref = Mac.getInstance("HMACSM3", SecDevices.BC);
                sm3Ref.init(new SecretKeySpec(hk, "HMACSM3"));
                assertArrayEquals(sm3Ref.doFinal(data), sm3.doFinal(data), "HmacSM3 " + size + " bytes");
                int whole = size & ~15;
                for (String tr : new String[] {"AES/CBC/NoPadding", "AES/ECB/NoPadding", "SM4/CBC/NoPadding",
                    "AES/CTR/NoPadding", "DESede/CBC/NoPadding", "DESede/ECB/NoPadding"}) {
                    String alg = tr.substring(0, tr.indexOf('/'));
                    boolean des = alg.equals("DESede");
                    byte[] key = new byte[alg.equals("AES") ? 32 : des ? 24 : 16];
                    byte[] iv = new byte[des ? 8 : 16];
                    rnd.nextBytes(key);
                    rnd.nextBytes(iv);
                    int n = tr.contains("CTR") ? size : whole;
                    crossCheck(p, tr, new SecretKeySpec(key, alg), tr.contains("ECB") ? null : iv, data, n, rnd);
                }
            }
            SecDevices.reachedTheDevice(p, before, "random data on " + sec.name());
        });
    }

    private static void crossCheck(UacceProvider p, String tr, SecretKeySpec key, byte[] iv, byte[] data, int n,
            Random rnd) throws Exception {
        Cipher ref = Cipher.getInstance(tr, SecDevices.BC);
        Cipher c = Cipher.getInstance(tr, p);
        for (int mode : new int[] {Cipher.ENCRYPT_MODE, Cipher.DECRYPT_MODE}) {
            if (iv == null) {
                ref.init(mode, key);
                c.init(mode, key);
            } else {
                ref.init(mode, key, new IvParameterSpec(iv));
                c.init(mode, key, new IvParameterSpec(iv));
            }
            byte[] want = ref.doFinal(data, 0, n);
            int cut = n == 0 ? 0 : rnd.nextInt(n + 1) & ~15; // block-aligned first part: it may go to the device
            byte[] first = c.update(data, 0, cut);
            byte[] rest = c.doFinal(data, cut, n - cut);
            byte[] got = new byte[(first == null ? 0 : first.length) + rest.length];
            if (first != null) {
                System.arraycopy(first, 0, got, 0, first.length);
            }
            System.arraycopy(rest, 0, got, got.length - rest.length, rest.length);
            assertArrayEquals(want, got, tr + (mode == Cipher.ENCRYPT_MODE ? " encrypt " : " decrypt ") + n
                    + " bytes split at " + cut);
        }
    }

    @Test
    void hardwareModeRunsOnTheDeviceOrThrowsTyped(ConformanceTarget t) throws Exception {
        SecDevices.run(t, CryptoMode.HARDWARE, (sec, p) -> {
            ProviderStatistics before = p.statistics();
            byte[] data = new byte[100];
            new Random(3).nextBytes(data);
            assertArrayEquals(MessageDigest.getInstance("SHA-256", SecDevices.BC).digest(data),
                    MessageDigest.getInstance("SHA-256", p).digest(data));
            SecretKeySpec k = new SecretKeySpec(new byte[16], "AES");
            Cipher ref = Cipher.getInstance("AES/CBC/NoPadding", SecDevices.BC);
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding", p);
            ref.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(new byte[16]));
            c.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(new byte[16]));
            assertArrayEquals(ref.doFinal(data, 0, 96), c.doFinal(data, 0, 96));
            SecDevices.reachedTheDevice(p, before, "HARDWARE mode on " + sec.name());
            assertEquals(2, p.statistics().deviceRequests() - before.deviceRequests(), "both requests on the device");
            if (!SecDevices.v3(sec)) { // §5: CTR and the empty hash are V3+ only
                Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding", p);
                ctr.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(new byte[16]));
                SecDeviceException e = assertThrows(SecDeviceException.class, () -> ctr.doFinal(data),
                        "a V2 device has no CTR");
                assertEquals(sec.name(), e.device(), e.getMessage());
                assertTrue(e.getMessage().contains(sec.name()) && e.getMessage().contains("AES/CTR/NoPadding"),
                        e.getMessage());
                assertThrows(SecDeviceException.class, () -> MessageDigest.getInstance("SHA-1", p).digest(),
                        "V2 hashes no empty message");
            } else {
                assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709",
                        HEX.formatHex(MessageDigest.getInstance("SHA-1", p).digest()), "empty SHA-1 on V3 (FIPS 180-4)");
            }
            p.close();
            assertThrows(SecDeviceException.class, () -> MessageDigest.getInstance("SHA-256", p).digest(new byte[64]),
                    "a closed HARDWARE provider uses no device and never software");
        });
    }

    /**
     * Direct buffers: AES-CBC through {@code doFinal(ByteBuffer, ByteBuffer)} on the device, the bytes
     * BouncyCastle gives; on an SVA device without a copy (a zero-copy request), on a no-SVA device
     * staged in its SS region (none).
     */
    @Test
    void directBuffersReachTheDeviceWithoutACopyOnSva(ConformanceTarget t) throws Exception {
        SecDevices.run(t, CryptoMode.HARDWARE, (sec, p) -> {
            byte[] data = new byte[64 << 10];
            new Random(21).nextBytes(data);
            SecretKeySpec k = new SecretKeySpec(new byte[32], "AES");
            IvParameterSpec iv = new IvParameterSpec(new byte[16]);
            Cipher ref = Cipher.getInstance("AES/CBC/NoPadding", SecDevices.BC);
            ref.init(Cipher.ENCRYPT_MODE, k, iv);
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding", p);
            c.init(Cipher.ENCRYPT_MODE, k, iv);
            java.nio.ByteBuffer in = java.nio.ByteBuffer.allocateDirect(data.length).put(data).flip();
            java.nio.ByteBuffer out = java.nio.ByteBuffer.allocateDirect(data.length);
            ProviderStatistics before = p.statistics();
            assertEquals(data.length, c.doFinal(in, out));
            byte[] got = new byte[data.length];
            out.flip().get(got);
            assertArrayEquals(ref.doFinal(data), got, "AES-256-CBC from and to direct buffers on " + sec.name());
            SecDevices.reachedTheDevice(p, before, "direct buffers");
            assertEquals(sec.sva() ? 1 : 0, p.statistics().zeroCopyRequests() - before.zeroCopyRequests(),
                    sec.name() + (sec.sva() ? " (SVA) reads the caller's buffers" : " (no SVA) gets a staged copy")
                    + ": " + p.statistics());
        });
    }

    /** A message past the device's one-BD limit (16 MiB - 512): the right digest, as a long hash or in software. */
    @Test
    void messagesPastOneBdGiveTheJdksDigest(ConformanceTarget t) throws Exception {
        SecDevices.run(t, CryptoMode.AUTO, (sec, p) -> {
            byte[] data = new byte[0xFFFE00 + 4097];
            new Random(22).nextBytes(data);
            MessageDigest md = MessageDigest.getInstance("SHA-256", p);
            md.update(data, 0, 5000);
            md.update(data, 5000, data.length - 5000);
            assertArrayEquals(MessageDigest.getInstance("SHA-256", "SUN").digest(data), md.digest(),
                    "SHA-256 of 16 MiB + 3585 bytes on " + sec.name());
            assertEquals(0, p.statistics().deviceFailures(), p.statistics().toString());
        });
    }
}
