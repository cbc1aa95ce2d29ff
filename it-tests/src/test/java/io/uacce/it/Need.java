package io.uacce.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;

/** Skips a test on targets that cannot support it, always with the target and the reason. */
final class Need {
    private Need() {
    }

    private static void unless(ConformanceTarget t, Optional<String> reason) {
        reason.ifPresent(r -> assumeTrue(false, "skipped on target " + t.name() + ": " + r));
    }

    static void fault(ConformanceTarget t, Fault fault) {
        unless(t, t.faults().unsupported(fault));
    }

    static void eraAtLeastB(ConformanceTarget t, String why) {
        if (t.era() == KernelEra.A) {
            assumeTrue(false, "skipped on target " + t.name() + " with expected era A: " + why);
        }
    }

    static void crashCleanup(ConformanceTarget t) {
        unless(t, t.noCrashCleanup());
    }
}
