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
            assertThrows(NoSuchAlgorithmException.class, () -> Mac.getInstance("HmacSM3", p));
        }
    }
}
