package io.uacce.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.ProviderStatistics;
import io.uacce.crypto.WycheproofAccess;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Wycheproof (Apache-2.0; files and licence in uacce-crypto's test resources) through the
 * {@code UACCE} provider in AUTO mode with threshold 0 on the target's SEC device: every valid test
 * gives the expected output both ways, every invalid one is rejected, and — where the device's
 * generation offers the algorithm (spec §5) — the requests were counted on the device, so a silent
 * software path fails. {@code device}: {@code all} (V2 and V3), {@code v3} (V3+ only; V2 falls back
 * to software, which must still be right), {@code none} (the provider does not send it to the device).
 */
@ExtendWith(TargetExtension.class)
class SecWycheproofTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "hmac_sha1_test.json, HmacSHA1, HmacSHA1, all",
        "hmac_sha224_test.json, HmacSHA224, HmacSHA224, all",
        "hmac_sha256_test.json, HmacSHA256, HmacSHA256, all",
        "hmac_sha384_test.json, HmacSHA384, HmacSHA384, all",
        "hmac_sha512_test.json, HmacSHA512, HmacSHA512, all",
        "hmac_sm3_test.json, HmacSM3, HmacSM3, all",
        "aes_cbc_pkcs5_test.json, AES/CBC/PKCS5Padding, AES, none",
        "aes_gcm_test.json, AES/GCM/NoPadding, AES, all",
        "aes_ccm_test.json, AES/CCM/NoPadding, AES, all",
        "aes_xts_test.json, AES/XTS/NoPadding, AES, all",
        "aes_cmac_test.json, AES-CMAC, AES, v3",
        "aes_gmac_test.json, AES-GMAC, AES, v3",
        "sm4_gcm_test.json, SM4/GCM/NoPadding, SM4, v3",
        "sm4_ccm_test.json, SM4/CCM/NoPadding, SM4, v3",
    })
    void file(String file, String algorithm, String keyAlgorithm, String device, ConformanceTarget t) throws Exception {
        SecDevices.run(t, CryptoMode.AUTO, (sec, p) -> {
            ProviderStatistics before = p.statistics();
            WycheproofAccess.Outcome o = WycheproofAccess.run(file, algorithm, keyAlgorithm, p);
            assertTrue(o.valid() > 0, file + ": no valid test ran");
            assertEquals(List.of(), o.failures(), file + " on " + sec.name() + " (" + sec.api() + "): "
                    + o.failures().size() + " failures");
            boolean expected = device.equals("all") || (device.equals("v3") && SecDevices.v3(sec));
            if (expected) {
                SecDevices.reachedTheDevice(p, before, file + " on " + sec.name());
            }
        });
    }
}
