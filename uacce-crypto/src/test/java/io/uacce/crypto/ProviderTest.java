package io.uacce.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.SecDeviceException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Security;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ProviderTest {
    @Test
    void serviceLoaderFindsTheProvider() {
        boolean found = false;
        for (Provider p : ServiceLoader.load(Provider.class)) {
            found |= p.getName().equals("UACCE");
        }
        assertTrue(found, "META-INF/services/java.security.Provider must list UacceProvider");
    }

    @Test
    void installPutsItFirstOnce() {
        try {
            Provider p = UacceProvider.install();
            assertEquals("UACCE", Security.getProviders()[0].getName());
            UacceProvider.install();
            assertEquals(p, Security.getProviders()[0]);
            long count = java.util.Arrays.stream(Security.getProviders()).filter(x -> x.getName().equals("UACCE")).count();
            assertEquals(1, count);
        } finally {
            Security.removeProvider("UACCE");
        }
    }

    @Test
    void modeParsing() {
        assertEquals(CryptoMode.HARDWARE, CryptoMode.parse(" HW "));
        assertEquals(CryptoMode.SOFTWARE, CryptoMode.parse("software"));
        assertThrows(IllegalArgumentException.class, () -> CryptoMode.parse("fast"));
        assertThrows(IllegalArgumentException.class, () -> new CryptoSettings(CryptoMode.AUTO, -1, 1));
    }

    @Test
    void digestByNameAliasAndOid() throws Exception {
        Provider p = new UacceProvider(new CryptoSettings(CryptoMode.SOFTWARE, 0, 1000));
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        byte[] want = java.util.HexFormat.of().parseHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        for (String n : new String[] {"SHA-256", "SHA256", "2.16.840.1.101.3.4.2.1", "OID.2.16.840.1.101.3.4.2.1"}) {
            MessageDigest md = MessageDigest.getInstance(n, p);
            assertEquals(p, md.getProvider());
            assertArrayEquals(want, md.digest(abc), n);
        }
    }

    @Test
    void hardwareModeDoesNotFallBackToSoftware() {
        Provider p = new UacceProvider(new CryptoSettings(CryptoMode.HARDWARE, 0, 1000));
        SecDeviceException e = assertThrows(SecDeviceException.class,
                () -> MessageDigest.getInstance("SM3", p).digest(new byte[100]), "no SEC device on the build host");
        assertEquals("none", e.device());
        assertEquals("SM3", e.algorithm());
        assertThrows(java.security.NoSuchAlgorithmException.class, () -> javax.crypto.Mac.getInstance("HmacSHA512/256", p));
        assertThrows(java.security.NoSuchAlgorithmException.class, () -> javax.crypto.Cipher.getInstance("DESede", p));
        javax.crypto.Cipher des = assertDoesNotThrow(() -> javax.crypto.Cipher.getInstance("DESede/CBC/PKCS5Padding", p),
                "padded DESede: padding in software, blocks on the device");
        assertDoesNotThrow(() -> des.init(javax.crypto.Cipher.ENCRYPT_MODE,
                new javax.crypto.spec.SecretKeySpec(new byte[24], "DESede"), new javax.crypto.spec.IvParameterSpec(new byte[8])));
        SecDeviceException d = assertThrows(SecDeviceException.class, () -> des.doFinal(new byte[40]));
        assertEquals("none", d.device());
        assertEquals("DESede/CBC/NoPadding", d.algorithm());
        javax.crypto.Cipher padded = assertDoesNotThrow(() -> javax.crypto.Cipher.getInstance("AES/CBC/PKCS5Padding", p),
                "padded AES: padding in software, blocks on the device");
        assertDoesNotThrow(() -> padded.init(javax.crypto.Cipher.ENCRYPT_MODE,
                new javax.crypto.spec.SecretKeySpec(new byte[16], "AES"), new javax.crypto.spec.IvParameterSpec(new byte[16])));
        SecDeviceException blocks = assertThrows(SecDeviceException.class, () -> padded.doFinal(new byte[40]),
                "the blocks of a padded cipher never run in software in HARDWARE mode");
        assertEquals("none", blocks.device());
    }
}
