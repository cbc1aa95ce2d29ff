package io.uacce.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.uacce.crypto.HpreWycheproofAccess;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.ProviderStatistics;
import io.uacce.crypto.WycheproofAccess;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Wycheproof files of the public-key algorithms (RSA PKCS#1 v1.5/PSS signatures, OAEP, PKCS#1
 * encryption, ECDSA and ECDH on P-256/384/521, X25519, X448) through the {@code UACCE} provider in
 * AUTO mode on the target's HPRE device: every valid test right, every invalid one rejected, and
 * where the device's generation runs the algorithm (RSA everywhere, ECC on V3+) the requests were
 * counted on the device (at least one request per valid test), none failed — a silent software path
 * fails the test. On V2 (no ECC engine) the ECC files are skipped: AUTO runs them in software,
 * which the unit suite covers.
 */
@ExtendWith(TargetExtension.class)
class HpreWycheproofTest {
    static Stream<Arguments> files() {
        return HpreWycheproofAccess.files().stream().map(f -> Arguments.of(f[0], f[1]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void file(String file, String algorithm, ConformanceTarget t) throws Exception {
        HpreDevices.run(t, CryptoMode.AUTO, (hpre, p) -> {
            boolean device = file.startsWith("rsa_") || HpreDevices.ecc(hpre);
            assumeTrue(device, "skipped on target " + t.name() + ": " + hpre.name() + " (" + hpre.api()
                    + ") has no ECC engine (spec §5); AUTO runs " + algorithm + " in software, which uacce-crypto's"
                    + " HpreWycheproofTest checks");
            ProviderStatistics before = p.statistics();
            WycheproofAccess.Outcome o = HpreWycheproofAccess.run(file, algorithm, p);
            assertTrue(o.valid() > 0, file + ": no valid test ran");
            assertEquals(List.of(), o.failures(), file + " on " + hpre.name() + " (" + hpre.api() + "): "
                    + o.failures().size() + " failures");
            SecDevices.reachedTheDevice(p, before, file + " on " + hpre.name());
            int valid = HpreWycheproofAccess.strictlyValid(file); // each needs at least one device request
            assertTrue(p.statistics().deviceRequests() - before.deviceRequests() >= valid,
                    file + ": " + p.statistics() + " for " + valid + " valid tests: some ran in software");
        });
    }
}
