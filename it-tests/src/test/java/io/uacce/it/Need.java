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

    /** The target's SEC device, or a skip naming what is missing. */
    static io.uacce.DeviceInfo secDevice(ConformanceTarget t) {
        return engineDevice(t, t.secDevice(), "uacce.it.secDevice", "hisi_sec2");
    }

    /** The target's HPRE device, or a skip naming what is missing. */
    static io.uacce.DeviceInfo hpreDevice(ConformanceTarget t) {
        return engineDevice(t, t.hpreDevice(), "uacce.it.hpreDevice", "hisi_hpre");
    }

    private static io.uacce.DeviceInfo engineDevice(ConformanceTarget t, Optional<io.uacce.DeviceInfo> d,
            String property, String prefix) {
        if (d.isEmpty()) {
            String wanted = System.getProperty(property);
            assumeTrue(false, "skipped on target " + t.name() + ": no " + (wanted != null ? "device /dev/" + wanted
                    + " (-D" + property + ")" : "/dev/" + prefix + "-* device") + " (devices: "
                    + t.host().devices().stream().map(io.uacce.DeviceInfo::name).toList() + ")");
        }
        return d.orElseThrow();
    }

    static void crashCleanup(ConformanceTarget t) {
        unless(t, t.noCrashCleanup());
    }
}
