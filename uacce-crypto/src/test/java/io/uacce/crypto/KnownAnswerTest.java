package io.uacce.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.CryptoMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Provider;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Known answers from the standards (never from our own output). */
class KnownAnswerTest {
    private static final Provider P = new UacceProvider(new CryptoSettings(CryptoMode.SOFTWARE, 0, 1000));
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void sm3GbT32905AppendixA() throws Exception {
        MessageDigest md = MessageDigest.getInstance("SM3", P);
        assertArrayEquals(HEX.parseHex("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"),
                md.digest("abc".getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals(HEX.parseHex("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"),
                md.digest("abcd".repeat(16).getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals(MessageDigest.getInstance("SM3", P).digest(new byte[0]),
                MessageDigest.getInstance("OID.1.2.156.10197.1.401", P).digest(new byte[0]));
    }

    @Test
    void sm4GbT32907AppendixA() throws Exception {
        byte[] k = HEX.parseHex("0123456789abcdeffedcba9876543210");
        Cipher c = Cipher.getInstance("SM4/ECB/NoPadding", P);
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "SM4"));
        byte[] x = c.doFinal(k);
        assertArrayEquals(HEX.parseHex("681edf34d206965e86b3e94f536e4246"), x);
        for (int i = 1; i < 1_000_000; i++) {
            x = c.doFinal(x);
        }
        assertArrayEquals(HEX.parseHex("595298c7c6fd271f0402f804c33d3f66"), x);
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k, "SM4"));
        assertArrayEquals(k, c.doFinal(HEX.parseHex("681edf34d206965e86b3e94f536e4246")));
    }

    @Test
    void aesCmacRfc4493() throws Exception {
        Mac m = Mac.getInstance("AES-CMAC", P);
        m.init(new SecretKeySpec(HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c"), "AES"));
        assertArrayEquals(HEX.parseHex("bb1d6929e95937287fa37d129b756746"), m.doFinal());
        assertArrayEquals(HEX.parseHex("070a16b46b4d4144f79bdd9dd04a287c"),
                m.doFinal(HEX.parseHex("6bc1bee22e409f96e93d7e117393172a")));
        assertArrayEquals(HEX.parseHex("51f0bebf7e3b9d92fc49741779363cfe"), m.doFinal(HEX.parseHex(
                "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52ef"
                + "f69f2445df4f9b17ad2b417be66c3710")));
    }

    @Test
    void aesXtsIeee1619Vector2() throws Exception {
        // IEEE 1619-2007 annex B, vector 2 (vector 1 has equal key halves, which XTS refuses)
        Cipher c = Cipher.getInstance("AES/XTS/NoPadding", P);
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(HEX.parseHex(
                "1111111111111111111111111111111122222222222222222222222222222222"), "AES"),
                new javax.crypto.spec.IvParameterSpec(HEX.parseHex("33333333330000000000000000000000")));
        assertArrayEquals(HEX.parseHex("c454185e6a16936e39334038acef838bfb186fff7480adc4289382ecd6d394f0"),
                c.doFinal(HEX.parseHex("4444444444444444444444444444444444444444444444444444444444444444")));
    }
}
