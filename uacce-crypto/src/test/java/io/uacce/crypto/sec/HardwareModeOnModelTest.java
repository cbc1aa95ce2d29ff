package io.uacce.crypto.sec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Uacce;
import io.uacce.crypto.UacceProvider;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.SecDeviceException;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelDevice;
import io.uacce.stubs.model.ModelHost;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** HARDWARE mode: device-backed services only, every request on the device, typed errors naming device and algorithm. */
class HardwareModeOnModelTest {
    private static final Provider SOFT = new UacceProvider(new CryptoSettings(CryptoMode.SOFTWARE, 0, 1000));

    @Test
    void everyRequestRunsOnTheDeviceOrFailsTyped() throws Exception {
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.SEC).api(ModelApi.V2)).build()) {
            Uacce uacce = Uacce.builder().target(host.target()).build();
            Provider p = new UacceProvider(new CryptoSettings(CryptoMode.HARDWARE, 4096, 10_000), () -> uacce);
            ModelDevice dev = host.devices().getFirst();
            byte[] data = new byte[32]; // below the AUTO threshold: HARDWARE ignores it
            long before = dev.completions();
            assertArrayEquals(MessageDigest.getInstance("SHA-256", SOFT).digest(data),
                    MessageDigest.getInstance("SHA-256", p).digest(data));
            assertEquals(2, dev.completions() - before, "self-test + request on the device");

            SecretKeySpec k = new SecretKeySpec(new byte[16], "AES");
            Cipher ref = Cipher.getInstance("AES/CBC/NoPadding", SOFT);
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding", p);
            ref.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(new byte[16]));
            c.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(new byte[16]));
            assertArrayEquals(ref.doFinal(data), c.doFinal(data));

            Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding", p);
            ctr.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(new byte[16]));
            SecDeviceException e = assertThrows(SecDeviceException.class, () -> ctr.doFinal(data), "V2 has no CTR");
            assertEquals(dev.name(), e.device());
            assertEquals("AES/CTR/NoPadding", e.algorithm());
            assertTrue(e.getMessage().contains(dev.name()) && e.getMessage().contains("AES/CTR"), e.getMessage());

            assertThrows(SecDeviceException.class, () -> MessageDigest.getInstance("SHA-1", p).digest(),
                    "V2 hashes no empty message");
            Mac m = Mac.getInstance("HmacSHA256", p);
            assertThrows(java.security.InvalidKeyException.class, () -> m.init(new SecretKeySpec(new byte[13], "HmacSHA256")));
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding", p);
            Cipher gcmRef = Cipher.getInstance("AES/GCM/NoPadding", SOFT);
            gcm.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(128, new byte[12]));
            gcmRef.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(128, new byte[12]));
            before = dev.completions();
            assertArrayEquals(gcmRef.doFinal(data), gcm.doFinal(data));
            assertEquals(4, dev.completions() - before, "3 self-test BDs (encrypt, decrypt, wrong tag) + the request");
            Cipher longIv = Cipher.getInstance("AES/GCM/NoPadding", p);
            longIv.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(128, new byte[16]));
            assertThrows(SecDeviceException.class, () -> longIv.doFinal(data), "the BD carries a 12-byte GCM IV only");
            Cipher sm4 = Cipher.getInstance("SM4/GCM/NoPadding", p);
            sm4.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[16], "SM4"), new GCMParameterSpec(128, new byte[12]));
            assertThrows(SecDeviceException.class, () -> sm4.doFinal(data), "V2 has no SM4 AEAD");
            Mac cmac = Mac.getInstance("AES-CMAC", p);
            cmac.init(k);
            assertThrows(SecDeviceException.class, () -> cmac.doFinal(data), "V2 has no AES-CMAC");
            // DESede, SM4/XTS and HmacSM3: offered by V2 (§5), so on the device (self-test BDs + the request)
            SecretKeySpec des = new SecretKeySpec(new byte[24], "DESede");
            for (String t : new String[] {"DESede/CBC/NoPadding", "DESede/ECB/PKCS5Padding"}) {
                Cipher dref = Cipher.getInstance(t, SOFT);
                Cipher d = Cipher.getInstance(t, p);
                IvParameterSpec iv8 = t.contains("CBC") ? new IvParameterSpec(new byte[8]) : null;
                dref.init(Cipher.ENCRYPT_MODE, des, iv8);
                d.init(Cipher.ENCRYPT_MODE, des, iv8);
                before = dev.completions();
                assertArrayEquals(dref.doFinal(data), d.doFinal(data), t);
                assertTrue(dev.completions() - before >= 1, t + " on the device");
                assertThrows(java.security.InvalidKeyException.class,
                        () -> d.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[16], "DESede"), iv8),
                        "SunJCE's key rule: 24-byte DESede keys only");
            }
            Cipher xts = Cipher.getInstance("SM4/XTS/NoPadding", p);
            Cipher xtsRef = Cipher.getInstance("SM4/XTS/NoPadding", SOFT);
            byte[] xk = new byte[32];
            xk[0] = 1; // the halves differ
            xts.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(xk, "SM4"), new IvParameterSpec(new byte[16]));
            xtsRef.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(xk, "SM4"), new IvParameterSpec(new byte[16]));
            before = dev.completions();
            assertArrayEquals(xtsRef.doFinal(data), xts.doFinal(data), "SM4/XTS");
            assertEquals(5, dev.completions() - before, "4 self-test BDs (KAT and the 56-byte unit, both ways) + the request");
            Mac sm3 = Mac.getInstance("HmacSM3", p);
            Mac sm3Ref = Mac.getInstance("HmacSM3", SOFT);
            sm3.init(new SecretKeySpec(new byte[32], "HmacSM3"));
            sm3Ref.init(new SecretKeySpec(new byte[32], "HmacSM3"));
            before = dev.completions();
            assertArrayEquals(sm3Ref.doFinal(data), sm3.doFinal(data), "HmacSM3");
            assertEquals(2, dev.completions() - before, "HmacSM3: self-test + request");
            assertThrows(java.security.InvalidKeyException.class, () -> sm3.init(new SecretKeySpec(new byte[13], "HmacSM3")),
                    "a key the BD cannot carry");
            assertThrows(NoSuchAlgorithmException.class, () -> Mac.getInstance("HmacSHA512/256", p));
        }
    }
}
