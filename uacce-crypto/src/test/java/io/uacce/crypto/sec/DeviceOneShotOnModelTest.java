package io.uacce.crypto.sec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Uacce;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.ProviderStatistics;
import io.uacce.crypto.UacceProvider;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelHost;
import java.security.Provider;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * GCM, CCM, XTS (AES and SM4), AES-CMAC and AES-GMAC in AUTO mode on model SEC devices (BD2/V2 and BD3/V3): the
 * same bytes as the SOFTWARE provider for random keys, IVs, AAD and text with random update splits,
 * the requests counted on the device where the generation has the algorithm (§5) and in software
 * where it does not; a wrong tag is an {@link AEADBadTagException} with nothing written.
 */
class DeviceOneShotOnModelTest {
    private static final Provider SOFT = new UacceProvider(new CryptoSettings(CryptoMode.SOFTWARE, 0, 1000));

    private static UacceProvider provider(ModelHost host) {
        Uacce uacce = Uacce.builder().target(host.target()).build();
        return new UacceProvider(new CryptoSettings(CryptoMode.AUTO, 0, 10_000), () -> uacce);
    }

    @ParameterizedTest
    @EnumSource(value = ModelApi.class, names = {"V2", "V3"})
    void aeadEqualsSoftwareAndRunsOnTheDeviceWhereOffered(ModelApi api) throws Exception {
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.SEC).api(api).queues(2)).build()) {
            UacceProvider p = provider(host);
            Random rnd = new Random(21 + api.ordinal());
            boolean v3 = api == ModelApi.V3;
            for (String t : new String[] {"AES/GCM/NoPadding", "AES/CCM/NoPadding", "SM4/GCM/NoPadding", "SM4/CCM/NoPadding"}) {
                boolean gcm = t.contains("GCM");
                for (int size : new int[] {0, 1, 16, 17, 4095, 65_000}) { // CCM with a 13-byte nonce: < 64 KiB
                    int keyLen = t.startsWith("AES") ? 16 + 8 * rnd.nextInt(3) : 16;
                    byte[] key = new byte[keyLen], iv = new byte[gcm ? 12 : 7 + rnd.nextInt(7)];
                    byte[] aad = new byte[rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(300)], data = new byte[size];
                    rnd.nextBytes(key);
                    rnd.nextBytes(iv);
                    rnd.nextBytes(aad);
                    rnd.nextBytes(data);
                    int tagBits = gcm ? 96 + 8 * rnd.nextInt(5) : 32 + 16 * rnd.nextInt(7);
                    SecretKeySpec k = new SecretKeySpec(key, t.substring(0, 3));
                    GCMParameterSpec spec = new GCMParameterSpec(tagBits, iv);
                    Cipher ref = Cipher.getInstance(t, SOFT);
                    ref.init(Cipher.ENCRYPT_MODE, k, spec);
                    ref.updateAAD(aad);
                    byte[] want = ref.doFinal(data);
                    ProviderStatistics before = p.statistics();
                    Cipher c = Cipher.getInstance(t, p);
                    c.init(Cipher.ENCRYPT_MODE, k, spec);
                    int cut = rnd.nextInt(aad.length + 1);
                    c.updateAAD(aad, 0, cut);
                    c.updateAAD(aad, cut, aad.length - cut);
                    int split = rnd.nextInt(size + 1);
                    byte[] first = c.update(data, 0, split);
                    assertEquals(0, first == null ? 0 : first.length, "output is released at doFinal");
                    String what = t + " " + api + " " + size + " bytes, AAD " + aad.length + ", tag " + tagBits;
                    assertArrayEquals(want, c.doFinal(data, split, size - split), what);
                    assertThrows(IllegalStateException.class, () -> c.doFinal(data), "a new IV is needed: " + what);
                    c.init(Cipher.DECRYPT_MODE, k, spec);
                    c.updateAAD(aad);
                    assertArrayEquals(data, c.doFinal(want), what + " decrypt");
                    boolean device = (v3 || t.startsWith("AES")) && (v3 || size > 0);
                    long used = p.statistics().deviceRequests() - before.deviceRequests();
                    assertEquals(device ? 2 : 0, used, what + ": device requests " + p.statistics());
                    byte[] bad = want.clone();
                    bad[bad.length - 1] ^= 1;
                    c.init(Cipher.DECRYPT_MODE, k, spec);
                    c.updateAAD(aad);
                    byte[] out = new byte[size + 16];
                    Arrays.fill(out, (byte) 0x5A);
                    assertThrows(AEADBadTagException.class, () -> c.doFinal(bad, 0, bad.length, out, 0), what);
                    for (byte b : out) {
                        assertEquals((byte) 0x5A, b, what + ": no plaintext released before the tag verified");
                    }
                    assertEquals(device ? 3 : 0, p.statistics().deviceRequests() - before.deviceRequests(),
                            what + ": the wrong tag was checked by the device");
                }
            }
            assertEquals(0, p.statistics().deviceFailures(), "no device request failed: " + p.statistics());
            p.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = ModelApi.class, names = {"V2", "V3"})
    void xtsAndAesMacsEqualSoftware(ModelApi api) throws Exception {
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.SEC).api(api).queues(2)).build()) {
            UacceProvider p = provider(host);
            Random rnd = new Random(31 + api.ordinal());
            boolean v3 = api == ModelApi.V3;
            for (int size : new int[] {16, 17, 31, 4096, (64 << 10) + 5}) {
                for (int half : new int[] {16, 24, 32}) {
                    byte[] key = new byte[2 * half], tweak = new byte[16], data = new byte[size];
                    rnd.nextBytes(key);
                    rnd.nextBytes(tweak);
                    rnd.nextBytes(data);
                    SecretKeySpec k = new SecretKeySpec(key, "AES");
                    Cipher ref = Cipher.getInstance("AES/XTS/NoPadding", SOFT);
                    ref.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(tweak));
                    byte[] want = ref.doFinal(data);
                    ProviderStatistics before = p.statistics();
                    Cipher c = Cipher.getInstance("AES/XTS/NoPadding", p);
                    c.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(tweak));
                    c.update(data, 0, size / 2);
                    assertArrayEquals(want, c.doFinal(data, size / 2, size - size / 2), "XTS " + half + " " + size);
                    c.init(Cipher.DECRYPT_MODE, k, new IvParameterSpec(tweak));
                    assertArrayEquals(data, c.doFinal(want), "XTS decrypt " + half + " " + size);
                    assertEquals(half == 24 ? 0 : 2, p.statistics().deviceRequests() - before.deviceRequests(),
                            "XTS-AES-" + 8 * half + " on the device (XTS-AES-192 in software [choice])");
                }
                byte[] sk = new byte[32], st = new byte[16], sd = new byte[size];
                rnd.nextBytes(sk);
                rnd.nextBytes(st);
                rnd.nextBytes(sd);
                SecretKeySpec sm4 = new SecretKeySpec(sk, "SM4");
                Cipher sref = Cipher.getInstance("SM4/XTS/NoPadding", SOFT);
                sref.init(Cipher.ENCRYPT_MODE, sm4, new IvParameterSpec(st));
                byte[] swant = sref.doFinal(sd);
                ProviderStatistics sBefore = p.statistics();
                Cipher sc = Cipher.getInstance("SM4/XTS/NoPadding", p);
                sc.init(Cipher.ENCRYPT_MODE, sm4, new IvParameterSpec(st));
                int cut = rnd.nextInt(size + 1);
                sc.update(sd, 0, cut);
                assertArrayEquals(swant, sc.doFinal(sd, cut, size - cut), "SM4-XTS " + size);
                sc.init(Cipher.DECRYPT_MODE, sm4, new IvParameterSpec(st));
                assertArrayEquals(sd, sc.doFinal(swant), "SM4-XTS decrypt " + size);
                assertEquals(2, p.statistics().deviceRequests() - sBefore.deviceRequests(),
                        "SM4-XTS (IEEE 1619 convention, V2 and V3) on the device on " + api);
                for (String mac : new String[] {"AES-CMAC", "AES-GMAC"}) {
                    for (int keyLen : new int[] {16, 32}) {
                        byte[] key = new byte[keyLen], iv = new byte[12], data = new byte[size];
                        rnd.nextBytes(key);
                        rnd.nextBytes(iv);
                        rnd.nextBytes(data);
                        Mac ref = Mac.getInstance(mac, SOFT);
                        Mac m = Mac.getInstance(mac, p);
                        SecretKeySpec k = new SecretKeySpec(key, "AES");
                        if (mac.endsWith("GMAC")) {
                            ref.init(k, new IvParameterSpec(iv));
                            m.init(k, new IvParameterSpec(iv));
                        } else {
                            ref.init(k);
                            m.init(k);
                        }
                        ProviderStatistics before = p.statistics();
                        m.update(data, 0, size / 3);
                        m.update(data, size / 3, size - size / 3);
                        assertArrayEquals(ref.doFinal(data), m.doFinal(), mac + " " + keyLen + " " + size);
                        boolean device = v3 && (keyLen == 16 || mac.endsWith("GMAC"));
                        assertEquals(device ? 1 : 0, p.statistics().deviceRequests() - before.deviceRequests(),
                                mac + " key " + keyLen + " on " + api + " (V2 has no AES MACs; CMAC keys of 16 bytes only)");
                    }
                }
            }
            assertTrue(p.statistics().selfTestRequests() > 0);
            p.close();
        }
    }
}
