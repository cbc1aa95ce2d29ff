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

    /** The number of tests of {@code file} whose result is "valid" (not "acceptable"). */
    public static int strictlyValid(String file) throws Exception {
        int n = 0;
        for (var g : Wycheproof.load(file).getAsJsonArray("testGroups")) {
            for (var t : g.getAsJsonObject().getAsJsonArray("tests")) {
                n += t.getAsJsonObject().get("result").getAsString().equals("valid") ? 1 : 0;
            }
        }
        return n;
    }

    /** Runs {@code file} through {@code p}; valid counts valid and acceptable tests. */
    public static WycheproofAccess.Outcome run(String file, String algorithm, Provider p) throws Exception {
        Wycheproof.Outcome o = HpreWycheproofTest.check(p, file, algorithm);
        return new WycheproofAccess.Outcome(o.valid(), o.invalid(), o.failures());
    }
}
