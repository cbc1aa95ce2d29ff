package io.uacce.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.CryptoMode;
import java.security.Provider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every Wycheproof file of the SEC algorithms through the provider in SOFTWARE mode. */
class WycheproofSoftwareTest {
    private static final Provider P = new UacceProvider(new CryptoSettings(CryptoMode.SOFTWARE, 0, 1000));

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "aes_cbc_pkcs5_test.json, AES/CBC/PKCS5Padding, AES",
        "aes_gcm_test.json, AES/GCM/NoPadding, AES",
        "aes_ccm_test.json, AES/CCM/NoPadding, AES",
        "aes_xts_test.json, AES/XTS/NoPadding, AES",
        "aes_cmac_test.json, AES-CMAC, AES",
        "aes_gmac_test.json, AES-GMAC, AES",
        "sm4_gcm_test.json, SM4/GCM/NoPadding, SM4",
        "sm4_ccm_test.json, SM4/CCM/NoPadding, SM4",
        "hmac_sha1_test.json, HmacSHA1, HmacSHA1",
        "hmac_sha224_test.json, HmacSHA224, HmacSHA224",
        "hmac_sha256_test.json, HmacSHA256, HmacSHA256",
        "hmac_sha384_test.json, HmacSHA384, HmacSHA384",
        "hmac_sha512_test.json, HmacSHA512, HmacSHA512",
        "hmac_sm3_test.json, HmacSM3, HmacSM3",
    })
    void file(String file, String algorithm, String keyAlg) throws Exception {
        Wycheproof.Outcome o = Wycheproof.run(file, algorithm, keyAlg, P);
        assertTrue(o.valid() > 0, "no valid test ran");
        assertEquals(java.util.List.of(), o.failures(), file + ": " + o.failures().size() + " failures");
    }
}
