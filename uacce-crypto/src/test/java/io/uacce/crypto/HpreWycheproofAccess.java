package io.uacce.crypto;

import java.security.Provider;
import java.util.List;

/** Public access to the HPRE Wycheproof runner (RSA, ECDSA, ECDH, XDH files) for the conformance suite. */
public final class HpreWycheproofAccess {
    private HpreWycheproofAccess() {
    }

    /** The files and the JCA algorithm each runs through. */
    public static List<String[]> files() {
        return List.of(HpreWycheproofTest.FILES);
    }

    /** Runs {@code file} through {@code p}; valid counts valid and acceptable tests. */
    public static WycheproofAccess.Outcome run(String file, String algorithm, Provider p) throws Exception {
        Wycheproof.Outcome o = HpreWycheproofTest.check(p, file, algorithm);
        return new WycheproofAccess.Outcome(o.valid(), o.invalid(), o.failures());
    }

    /** What a sampled run did: the outcome, the tests in the file, and how many of those run are "valid". */
    public record Sampled(WycheproofAccess.Outcome outcome, int tests, int strictlyValid) {
    }

    /** Runs every {@code stride}-th test of {@code file} (in file order, from the first; 1 = all) through {@code p}. */
    public static Sampled run(String file, String algorithm, Provider p, int stride) throws Exception {
        int[] strict = new int[1];
        Wycheproof.Outcome o = HpreWycheproofTest.check(p, file, algorithm, stride, strict);
        int tests = 0;
        for (var g : Wycheproof.load(file).getAsJsonArray("testGroups")) {
            tests += g.getAsJsonObject().getAsJsonArray("tests").size();
        }
        return new Sampled(new WycheproofAccess.Outcome(o.valid(), o.invalid(), o.failures()), tests, strict[0]);
    }
}
