package io.uacce.crypto;

import java.security.Provider;
import java.util.List;

/** Public access to the Wycheproof runner for tests in other packages. */
public final class WycheproofAccess {
    private WycheproofAccess() {
    }

    /** The outcome of one file: failures (empty = passes). */
    public record Outcome(int valid, int invalid, List<String> failures) {
    }

    public static Outcome run(String file, String algorithm, String keyAlg, Provider p) throws Exception {
        Wycheproof.Outcome o = Wycheproof.run(file, algorithm, keyAlg, p);
        return new Outcome(o.valid(), o.invalid(), o.failures());
    }
}
