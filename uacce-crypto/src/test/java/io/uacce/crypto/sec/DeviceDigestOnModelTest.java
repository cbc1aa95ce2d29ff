package io.uacce.crypto.sec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Uacce;
import io.uacce.crypto.UacceProvider;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelDevice;
import io.uacce.stubs.model.ModelHost;
import java.security.MessageDigest;
import java.security.Provider;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** MessageDigest in AUTO mode on a model SEC device: the device above the threshold, software below, same bytes. */
class DeviceDigestOnModelTest {
    private static final Provider SOFT = new UacceProvider(new CryptoSettings(CryptoMode.SOFTWARE, 0, 1000));
    private static final String[] ALGS = {"SHA-1", "SHA-224", "SHA-256", "SHA-384", "SHA-512", "SHA-512/224",
        "SHA-512/256", "MD5", "SM3"};

    @ParameterizedTest
    @EnumSource(value = ModelApi.class, names = {"V2", "V3"})
    void digestsGoToTheDeviceAboveTheThreshold(ModelApi api) throws Exception {
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.SEC).api(api).queues(2)).build()) {
            Uacce uacce = Uacce.builder().target(host.target()).build();
            Provider p = new UacceProvider(new CryptoSettings(CryptoMode.AUTO, 1000, 10_000), () -> uacce);
            ModelDevice dev = host.devices().getFirst();
            Random rnd = new Random(api.ordinal());
            for (String alg : ALGS) {
                for (int size : new int[] {0, 1, 999, 1000, 4096, (64 << 10) + 3}) {
                    byte[] data = new byte[size];
                    rnd.nextBytes(data);
                    long before = dev.completions();
                    MessageDigest md = MessageDigest.getInstance(alg, p);
                    md.update(data, 0, size / 3);
                    MessageDigest copy = (MessageDigest) md.clone();
                    md.update(data, size / 3, size - size / 3);
                    copy.update(data, size / 3, size - size / 3);
                    byte[] want = MessageDigest.getInstance(alg, SOFT).digest(data);
                    assertArrayEquals(want, md.digest(), alg + " " + size + " bytes");
                    assertArrayEquals(want, copy.digest(), alg + " clone, " + size + " bytes");
                    long used = dev.completions() - before;
                    if (size < 1000) {
                        assertEquals(0, used, alg + " " + size + " bytes stays in software (threshold 1000)");
                    } else {
                        assertTrue(used >= 2, alg + " " + size + " bytes went to the device (" + used + " BDs)");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ModelApi.class, names = {"V3"})
    void noSecDeviceMeansSoftware(ModelApi api) throws Exception {
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.ZIP).api(api)).build()) {
            Uacce uacce = Uacce.builder().target(host.target()).build();
            Provider p = new UacceProvider(new CryptoSettings(CryptoMode.AUTO, 0, 10_000), () -> uacce);
            byte[] data = new byte[5000];
            assertArrayEquals(MessageDigest.getInstance("SM3", SOFT).digest(data),
                    MessageDigest.getInstance("SM3", p).digest(data));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ModelApi.class, names = {"V2", "V3"})
    void hmacsGoToTheDeviceWhenKeyAndSizeSuit(ModelApi api) throws Exception {
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.SEC).api(api).queues(2)).build()) {
            Uacce uacce = Uacce.builder().target(host.target()).build();
            Provider p = new UacceProvider(new CryptoSettings(CryptoMode.AUTO, 1000, 10_000), () -> uacce);
            ModelDevice dev = host.devices().getFirst();
            Random rnd = new Random(7 + api.ordinal());
            for (String alg : new String[] {"HmacMD5", "HmacSHA1", "HmacSHA224", "HmacSHA256", "HmacSHA384", "HmacSHA512",
                "HmacSM3"}) {
                int block = alg.endsWith("384") || alg.endsWith("512") ? 128 : 64;
                for (int keyLen : new int[] {20, 32, 13, block + 4}) {
                    for (int size : new int[] {999, 1000, 5000}) {
                        byte[] key = new byte[keyLen], data = new byte[size];
                        rnd.nextBytes(key);
                        rnd.nextBytes(data);
                        javax.crypto.spec.SecretKeySpec k = new javax.crypto.spec.SecretKeySpec(key, alg);
                        javax.crypto.Mac ref = javax.crypto.Mac.getInstance(alg, SOFT);
                        ref.init(k);
                        byte[] want = ref.doFinal(data);
                        long before = dev.completions();
                        javax.crypto.Mac m = javax.crypto.Mac.getInstance(alg, p);
                        m.init(k);
                        m.update(data, 0, size / 2);
                        javax.crypto.Mac copy = (javax.crypto.Mac) m.clone();
                        m.update(data, size / 2, size - size / 2);
                        copy.update(data, size / 2, size - size / 2);
                        assertArrayEquals(want, m.doFinal(), alg + " key " + keyLen + ", " + size + " bytes");
                        assertArrayEquals(want, copy.doFinal(), alg + " clone");
                        assertArrayEquals(want, m.doFinal(data), alg + " after reset");
                        boolean device = size >= 1000 && keyLen % 4 == 0 && keyLen <= block;
                        long used = dev.completions() - before;
                        assertTrue(device ? used >= 3 : used == 0, alg + " key " + keyLen + ", " + size + " bytes: "
                                + used + " BDs, device expected: " + device);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ModelApi.class, names = {"V2", "V3"})
    void hmacSm3EqualsBouncyCastleAtTheIssueSizes(ModelApi api) throws Exception {
        Provider bc = new org.bouncycastle.jce.provider.BouncyCastleProvider();
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.SEC).api(api).queues(2)).build()) {
            Uacce uacce = Uacce.builder().target(host.target()).build();
            UacceProvider p = new UacceProvider(new CryptoSettings(CryptoMode.AUTO, 4095, 10_000), () -> uacce);
            Random rnd = new Random(41 + api.ordinal());
            for (int size : new int[] {0, 1, 15, 16, 17, 4095, 4096, 65536}) {
                byte[] key = new byte[4 * (1 + rnd.nextInt(16))], data = new byte[size];
                rnd.nextBytes(key);
                rnd.nextBytes(data);
                javax.crypto.Mac ref = javax.crypto.Mac.getInstance("HMACSM3", bc);
                ref.init(new javax.crypto.spec.SecretKeySpec(key, "HMACSM3"));
                long before = p.statistics().deviceRequests();
                javax.crypto.Mac m = javax.crypto.Mac.getInstance("HmacSM3", p);
                m.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSM3"));
                int at = 0;
                while (at < size && rnd.nextInt(4) != 0) {
                    int n = Math.min(size - at, rnd.nextInt(6000));
                    m.update(data, at, n);
                    at += n;
                }
                m.update(data, at, size - at);
                assertArrayEquals(ref.doFinal(data), m.doFinal(), "HmacSM3 key " + key.length + ", " + size + " bytes");
                assertEquals(size >= 4095 ? 1 : 0, p.statistics().deviceRequests() - before,
                        "HmacSM3 " + size + " bytes on the device from the threshold on");
            }
            assertEquals(0, p.statistics().deviceFailures());
            p.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = ModelApi.class, names = {"V2", "V3"})
    void wycheproofHmacThroughTheDevice(ModelApi api) throws Exception {
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.SEC).api(api).queues(2)).build()) {
            Uacce uacce = Uacce.builder().target(host.target()).build();
            Provider p = new UacceProvider(new CryptoSettings(CryptoMode.AUTO, 0, 10_000), () -> uacce);
            long before = host.devices().getFirst().completions();
            for (String[] f : new String[][] {{"hmac_sha1_test.json", "HmacSHA1"}, {"hmac_sha224_test.json", "HmacSHA224"},
                {"hmac_sha256_test.json", "HmacSHA256"}, {"hmac_sha384_test.json", "HmacSHA384"},
                {"hmac_sha512_test.json", "HmacSHA512"}, {"hmac_sm3_test.json", "HmacSM3"}}) {
                io.uacce.crypto.WycheproofAccess.Outcome o = io.uacce.crypto.WycheproofAccess.run(f[0], f[1], f[1], p);
                assertEquals(java.util.List.of(), o.failures(), f[0] + " on api " + api);
            }
            assertTrue(host.devices().getFirst().completions() - before > 100, "most Wycheproof HMAC tests ran on the device");
        }
    }
}
