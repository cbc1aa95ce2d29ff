package io.uacce.crypto.sec.bd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.DeviceInfo;
import io.uacce.Uacce;
import io.uacce.crypto.UacceProvider;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.qm.QmOptions;
import io.uacce.qm.QmQueue;
import io.uacce.qm.QmRing;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelHost;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.Provider;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The driver's BD codec against the in-process model's SEC engine (an independent reading of the
 * spec, BouncyCastle inside), over the QM ring: V2 devices get BD2, V3 devices BD3; every result
 * is compared with the provider's software path (the JDK, or our pure-Java code).
 */
class SecOnModelTest {
    private static final Provider SOFT = new UacceProvider(new CryptoSettings(CryptoMode.SOFTWARE, 0, 1000));
    private static ModelHost host;
    private static Uacce uacce;
    private static Arena arena;

    @BeforeAll
    static void start() {
        host = ModelHost.builder()
                .device(d -> d.engine(EngineKind.SEC).api(ModelApi.V2).queues(4))
                .device(d -> d.engine(EngineKind.SEC).api(ModelApi.V3).queues(4))
                .build();
        uacce = Uacce.builder().target(host.target()).build();
        arena = Arena.ofShared();
    }

    @AfterAll
    static void stop() {
        arena.close();
        host.close();
    }

    /** One open queue with its BD codec. */
    private record Dev(QmQueue q, SecBd bd, boolean v3) implements AutoCloseable {
        SecResult run(SecRequest r, int tag) {
            QmRing ring = q.ring();
            int slot = ring.tryReserve();
            bd.encode(r, ring.sqe(slot), tag);
            ring.publish();
            int done = ring.awaitCompletion(10, TimeUnit.SECONDS);
            SecResult out = new SecResult();
            bd.decode(ring.sqe(done), out);
            ring.release(done);
            assertEquals(tag & (v3 ? 0xFFFFFFFF : 0xFFFF), out.tag, "tag echoed");
            return out;
        }

        @Override
        public void close() {
            q.close();
        }
    }

    private static Dev open(int api) {
        DeviceInfo d = uacce.devices().get(api == 2 ? 0 : 1);
        assertEquals(api == 2 ? "hisi_qm_v2" : "hisi_qm_v3", d.api());
        return new Dev(QmQueue.open(uacce, d, QmOptions.defaults()), SecBd.of(api), api == 3);
    }

    private static MemorySegment seg(byte[] b) {
        MemorySegment s = arena.allocate(Math.max(1, b.length), 16);
        MemorySegment.copy(MemorySegment.ofArray(b), 0, s, 0, b.length);
        return s;
    }

    private static byte[] bytes(MemorySegment s, int n) {
        return s.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
    }

    private static byte[] random(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    @ParameterizedTest(name = "api v{0}")
    @ValueSource(ints = {2, 3})
    void sysfsAlgorithmsAndDeviceNames() throws Exception {
        for (DeviceInfo d : uacce.devices()) {
            assertTrue(d.name().startsWith("hisi_sec2-"), d.name());
            assertEquals("cipher\ndigest\naead", Files.readString(host.sysfsRoot().resolve(d.name()).resolve("algorithms")));
        }
    }

    @ParameterizedTest(name = "api v{0}")
    @ValueSource(ints = {2, 3})
    void ciphersMatchSoftware(int api) throws Exception {
        Random rnd = new Random(api);
        try (Dev dev = open(api)) {
            Object[][] cases = {
                {"AES/CBC/NoPadding", "AES", SecCodes.C_ALG_AES, SecCodes.C_MODE_CBC, 32, 4096},
                {"AES/ECB/NoPadding", "AES", SecCodes.C_ALG_AES, SecCodes.C_MODE_ECB, 24, 64},
                {"SM4/CBC/NoPadding", "SM4", SecCodes.C_ALG_SM4, SecCodes.C_MODE_CBC, 16, 1024},
                {"AES/XTS/NoPadding", "AES", SecCodes.C_ALG_AES, SecCodes.C_MODE_XTS, 64, 4095},
                {"SM4/XTS/NoPadding", "SM4", SecCodes.C_ALG_SM4, SecCodes.C_MODE_XTS, 32, 17},
                {"DESede/CBC/NoPadding", "DESede", SecCodes.C_ALG_3DES, SecCodes.C_MODE_CBC, 24, 800},
                {"DESede/ECB/NoPadding", "DESede", SecCodes.C_ALG_3DES, SecCodes.C_MODE_ECB, 24, 64},
                // 2-key TDEA (16 bytes, c_key_len 3, §2.3): K1 K2 K1; SunJCE takes 24-byte keys only, BouncyCastle 16
                {"DESede/CBC/NoPadding", "DESede", SecCodes.C_ALG_3DES, SecCodes.C_MODE_CBC, 16, 808},
                {"AES/CTR/NoPadding", "AES", SecCodes.C_ALG_AES, SecCodes.C_MODE_CTR, 16, 4097},
                {"SM4/CTR/NoPadding", "SM4", SecCodes.C_ALG_SM4, SecCodes.C_MODE_CTR, 16, 15},
            };
            for (Object[] c : cases) {
                String alg = (String) c[0];
                int cAlg = (int) c[2], mode = (int) c[3], keyLen = (int) c[4], len = (int) c[5];
                boolean xts = mode == SecCodes.C_MODE_XTS;
                byte[] key = random(rnd, keyLen), data = random(rnd, len);
                int ivLen = cAlg == SecCodes.C_ALG_3DES ? 8 : 16;
                byte[] iv = random(rnd, ivLen);
                Cipher soft = Cipher.getInstance(alg, cAlg == SecCodes.C_ALG_3DES && keyLen == 16
                        ? new org.bouncycastle.jce.provider.BouncyCastleProvider() : SOFT);
                SecretKeySpec k = new SecretKeySpec(key, (String) c[1]);
                if (mode == SecCodes.C_MODE_ECB) {
                    soft.init(Cipher.ENCRYPT_MODE, k);
                } else {
                    soft.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(iv));
                }
                byte[] want = soft.doFinal(data);
                MemorySegment src = seg(data), dst = arena.allocate(len), kseg = seg(key), ivseg = seg(iv);
                int code = SecCodes.keyLengthCode(cAlg, xts ? keyLen / 2 : keyLen);
                SecResult r = dev.run(new SecRequest().cipher(true, cAlg, mode, code, src.address(), dst.address(), len,
                        kseg.address(), ivseg.address()), 7);
                if (mode == SecCodes.C_MODE_CTR && !dev.v3()) {
                    assertNotEquals(0, r.errorType, "V2 has no CTR (§5)");
                    continue;
                }
                assertTrue(r.ok(dev.bd().type()), alg + ": " + r);
                assertEquals(2, r.flag, "cipher flag");
                assertArrayEquals(want, bytes(dst, len), alg + " encrypt on the device");
                MemorySegment back = arena.allocate(len);
                r = dev.run(new SecRequest().cipher(false, cAlg, mode, code, dst.address(), back.address(), len,
                        kseg.address(), ivseg.address()), 8);
                assertTrue(r.ok(dev.bd().type()), alg + " decrypt: " + r);
                assertArrayEquals(data, bytes(back, len), alg + " decrypt on the device");
            }
        }
    }

    @ParameterizedTest(name = "api v{0}")
    @ValueSource(ints = {2, 3})
    void digestsAndMacsMatchSoftware(int api) throws Exception {
        Random rnd = new Random(10 + api);
        try (Dev dev = open(api)) {
            Object[][] cases = {
                {"SHA-256", SecCodes.A_SHA256, 0}, {"SHA-1", SecCodes.A_SHA1, 0}, {"SHA-512/224", SecCodes.A_SHA512_224, 0},
                {"MD5", SecCodes.A_MD5, 0}, {"SM3", SecCodes.A_SM3, 0}, {"HmacSHA256", SecCodes.A_HMAC | SecCodes.A_SHA256, 32},
                {"HmacSHA384", SecCodes.A_HMAC | SecCodes.A_SHA384, 48}, {"HmacSM3", SecCodes.A_HMAC_SM3, 20},
                {"AES-CMAC", SecCodes.A_AES_CMAC, 16}, {"AES-GMAC", SecCodes.A_AES_GMAC, 32},
            };
            for (Object[] c : cases) {
                String alg = (String) c[0];
                int aAlg = (int) c[1], keyLen = (int) c[2];
                byte[] data = random(rnd, 1000), key = random(rnd, keyLen), iv = random(rnd, 12);
                byte[] want;
                if (keyLen == 0) {
                    want = MessageDigest.getInstance(alg, SOFT).digest(data);
                } else {
                    Mac m = Mac.getInstance(alg, SOFT);
                    SecretKeySpec k = new SecretKeySpec(key, alg.startsWith("AES") ? "AES" : alg);
                    if (aAlg == SecCodes.A_AES_GMAC) {
                        m.init(k, new IvParameterSpec(iv));
                    } else {
                        m.init(k);
                    }
                    want = m.doFinal(data);
                }
                MemorySegment src = seg(data), mac = arena.allocate(64), kseg = seg(key), ivseg = seg(iv);
                SecResult r = dev.run(new SecRequest().digest(aAlg, want.length / 4, src.address(), data.length,
                        mac.address(), keyLen == 0 ? 0 : kseg.address(), keyLen, ivseg.address()), 9);
                boolean aesMac = aAlg == SecCodes.A_AES_CMAC || aAlg == SecCodes.A_AES_GMAC;
                if (aesMac && !dev.v3()) {
                    assertNotEquals(0, r.errorType, alg + ": V2 has no AES MACs (§5)");
                    continue;
                }
                assertTrue(r.ok(dev.bd().type()), alg + ": " + r);
                assertArrayEquals(want, bytes(mac, want.length), alg + " on the device");
            }
            // zero-length single-block hash: V2 refuses, V3 computes it (§2.4)
            MemorySegment mac = arena.allocate(32);
            SecResult r = dev.run(new SecRequest().digest(SecCodes.A_SHA256, 8, 0, 0, mac.address(), 0, 0, 0), 10);
            if (dev.v3()) {
                assertTrue(r.ok(3), r.toString());
                assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(new byte[0]), bytes(mac, 32));
            } else {
                assertNotEquals(0, r.errorType);
            }
        }
    }

    @ParameterizedTest(name = "api v{0}")
    @ValueSource(ints = {2, 3})
    void aeadMatchesSoftwareAndATamperedTagReleasesNothing(int api) throws Exception {
        Random rnd = new Random(20 + api);
        try (Dev dev = open(api)) {
            for (String alg : new String[] {"AES/GCM/NoPadding", "AES/CCM/NoPadding", "SM4/GCM/NoPadding"}) {
                boolean gcm = alg.contains("GCM");
                int cAlg = alg.startsWith("SM4") ? SecCodes.C_ALG_SM4 : SecCodes.C_ALG_AES;
                byte[] key = random(rnd, 16), nonce = random(rnd, 12), aad = random(rnd, 20), text = random(rnd, 100);
                int tagLen = gcm ? 16 : 12;
                Cipher soft = Cipher.getInstance(alg, SOFT);
                soft.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, alg.substring(0, 3)),
                        new GCMParameterSpec(tagLen * 8, nonce));
                soft.updateAAD(aad);
                byte[] want = soft.doFinal(text);
                byte[] aadText = Arrays.copyOf(aad, aad.length + text.length);
                System.arraycopy(text, 0, aadText, aad.length, text.length);
                MemorySegment src = seg(aadText), dst = arena.allocate(aadText.length), kseg = seg(key);
                MemorySegment iv = seg(gcm ? nonce : SecCcm.counterBlock(nonce));
                MemorySegment b0 = seg(SecCcm.b0(nonce, tagLen, true, text.length));
                MemorySegment tag = arena.allocate(16);
                SecResult r = dev.run(new SecRequest().aead(true, cAlg, gcm ? SecCodes.C_MODE_GCM : SecCodes.C_MODE_CCM, 0,
                        src.address(), dst.address(), aad.length, text.length, kseg.address(), iv.address(),
                        b0.address(), tag.address(), tagLen), 11);
                if (cAlg == SecCodes.C_ALG_SM4 && !dev.v3()) {
                    assertNotEquals(0, r.errorType, "V2 has no SM4 AEAD (§5)");
                    continue;
                }
                assertTrue(r.ok(dev.bd().type()), alg + ": " + r);
                assertEquals(3, r.flag, "AEAD flag");
                byte[] got = Arrays.copyOf(bytes(dst.asSlice(aad.length), text.length), text.length + tagLen);
                System.arraycopy(bytes(tag, tagLen), 0, got, text.length, tagLen);
                assertArrayEquals(want, got, alg + " seal on the device");
                // open: ciphertext placed after the AAD, expected tag at mac_addr
                MemorySegment ct = seg(aadText);
                MemorySegment.copy(dst, aad.length, ct, aad.length, text.length);
                MemorySegment out = arena.allocate(aadText.length);
                r = dev.run(new SecRequest().aead(false, cAlg, gcm ? SecCodes.C_MODE_GCM : SecCodes.C_MODE_CCM, 0,
                        ct.address(), out.address(), aad.length, text.length, kseg.address(), iv.address(), b0.address(),
                        tag.address(), tagLen), 12);
                assertTrue(r.ok(dev.bd().type()), alg + " open: " + r);
                assertArrayEquals(text, bytes(out.asSlice(aad.length), text.length));
                tag.set(ValueLayout.JAVA_BYTE, 0, (byte) (tag.get(ValueLayout.JAVA_BYTE, 0) ^ 1));
                MemorySegment out2 = arena.allocate(aadText.length);
                r = dev.run(new SecRequest().aead(false, cAlg, gcm ? SecCodes.C_MODE_GCM : SecCodes.C_MODE_CCM, 0,
                        ct.address(), out2.address(), aad.length, text.length, kseg.address(), iv.address(),
                        b0.address(), tag.address(), tagLen), 13);
                assertEquals(2, r.icv, alg + ": tag mismatch reported as icv 2");
                assertTrue(!r.ok(dev.bd().type()));
                assertArrayEquals(new byte[aadText.length], bytes(out2, aadText.length), "no plaintext released");
            }
        }
    }

    @ParameterizedTest(name = "api v{0}")
    @ValueSource(ints = {2, 3})
    void errorsAndGates(int api) {
        try (Dev dev = open(api)) {
            MemorySegment buf = arena.allocate(64), key = arena.allocate(32), iv = arena.allocate(16);
            // the other BD format is refused (§6)
            SecBd other = SecBd.of(api == 2 ? 3 : 2);
            QmRing ring = dev.q().ring();
            int slot = ring.tryReserve();
            other.encode(new SecRequest().cipher(true, SecCodes.C_ALG_AES, SecCodes.C_MODE_CBC, 0, buf.address(),
                    buf.address(), 16, key.address(), iv.address()), ring.sqe(slot), 1);
            ring.publish();
            int done = ring.awaitCompletion(10, TimeUnit.SECONDS);
            SecResult r = new SecResult();
            dev.bd().decode(ring.sqe(done), r);
            ring.release(done);
            assertNotEquals(0, r.errorType, "BD type " + other.type() + " on api v" + api);
            // CBC length not a multiple of the block
            r = dev.run(new SecRequest().cipher(true, SecCodes.C_ALG_AES, SecCodes.C_MODE_CBC, 0, buf.address(),
                    buf.address(), 17, key.address(), iv.address()), 2);
            assertNotEquals(0, r.errorType);
            // bad key-length code for SM4
            r = dev.run(new SecRequest().cipher(true, SecCodes.C_ALG_SM4, SecCodes.C_MODE_CBC, 2, buf.address(),
                    buf.address(), 16, key.address(), iv.address()), 3);
            assertNotEquals(0, r.errorType);
            // address 0
            r = dev.run(new SecRequest().cipher(true, SecCodes.C_ALG_AES, SecCodes.C_MODE_CBC, 0, 0, buf.address(), 16,
                    key.address(), iv.address()), 4);
            assertNotEquals(0, r.errorType);
            // an unmapped address: a fault, not a crash
            r = dev.run(new SecRequest().cipher(true, SecCodes.C_ALG_AES, SecCodes.C_MODE_CBC, 0, 0x10, buf.address(),
                    16, key.address(), iv.address()), 5);
            assertNotEquals(0, r.errorType);
            // XTS shorter than one block
            r = dev.run(new SecRequest().cipher(true, SecCodes.C_ALG_AES, SecCodes.C_MODE_XTS, 0, buf.address(),
                    buf.address(), 15, key.address(), iv.address()), 6);
            assertNotEquals(0, r.errorType);
            // the invalid-BD bit: completes, touches nothing
            buf.fill((byte) 0x33);
            SecRequest skip = new SecRequest().cipher(true, SecCodes.C_ALG_AES, SecCodes.C_MODE_CBC, 0, buf.address(),
                    buf.address(), 16, key.address(), iv.address());
            skip.invalid = true;
            r = dev.run(skip, 7);
            assertTrue(r.ok(dev.bd().type()), r.toString());
            byte[] same = new byte[64];
            Arrays.fill(same, (byte) 0x33);
            assertArrayEquals(same, bytes(buf, 64));
        }
    }
}
