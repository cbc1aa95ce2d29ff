package io.uacce.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.uacce.crypto.HpreWycheproofAccess;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.ProviderStatistics;
import io.uacce.crypto.WycheproofAccess;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestReporter;
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
 *
 * <p>For slow targets (the kernel stub and the CUSE daemon in a TCG VM) two properties cut the
 * work, and each run says what it left out (a report entry per file, a skip naming the property):
 * {@code -Duacce.it.hpre.wycheproofStride=N} runs every N-th test of each file in file order (tests
 * 0, N, 2N, ...; default 1 = all), {@code -Duacce.it.hpre.wycheproofFiles=REGEX} runs only the files
 * whose name matches (default: all).
 */
@ExtendWith(TargetExtension.class)
class HpreWycheproofTest {
    static final String STRIDE = "uacce.it.hpre.wycheproofStride";
    static final String FILES = "uacce.it.hpre.wycheproofFiles";

    static Stream<Arguments> files() {
        return HpreWycheproofAccess.files().stream().map(f -> Arguments.of(f[0], f[1]));
    }

    private static int stride() {
        String v = System.getProperty(STRIDE, "1").strip();
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("-D" + STRIDE + "=" + v + ": expected a whole number >= 1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void file(String file, String algorithm, ConformanceTarget t, TestReporter report) throws Exception {
        String only = System.getProperty(FILES, "").strip();
        assumeTrue(only.isEmpty() || Pattern.compile(only).matcher(file).find(),
                "skipped: not selected by -D" + FILES + "=" + only);
        int stride = stride();
        HpreDevices.run(t, CryptoMode.AUTO, (hpre, p) -> {
            boolean device = file.startsWith("rsa_") || HpreDevices.ecc(hpre);
            assumeTrue(device, "skipped on target " + t.name() + ": " + hpre.name() + " (" + hpre.api()
                    + ") has no ECC engine (spec §5); AUTO runs " + algorithm + " in software, which uacce-crypto's"
                    + " HpreWycheproofTest checks");
            ProviderStatistics before = p.statistics();
            HpreWycheproofAccess.Sampled s = HpreWycheproofAccess.run(file, algorithm, p, stride);
            WycheproofAccess.Outcome o = s.outcome();
            int ran = o.valid() + o.invalid();
            if (stride > 1) {
                report.publishEntry("sampled", file + ": every " + stride + "th test (-D" + STRIDE + "): ran " + ran
                        + " of " + s.tests() + " (" + s.strictlyValid() + " valid)");
            }
            assertTrue(o.valid() > 0, file + ": no valid test ran");
            assertEquals(List.of(), o.failures(), file + " on " + hpre.name() + " (" + hpre.api() + "): "
                    + o.failures().size() + " failures of " + ran + " tests run");
            SecDevices.reachedTheDevice(p, before, file + " on " + hpre.name());
            // each valid test needs at least one device request
            assertTrue(p.statistics().deviceRequests() - before.deviceRequests() >= s.strictlyValid(),
                    file + ": " + p.statistics() + " for " + s.strictlyValid() + " valid tests: some ran in software");
        });
    }
}
