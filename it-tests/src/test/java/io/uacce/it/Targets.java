package io.uacce.it;

import java.util.Locale;

/**
 * Creates the {@link ConformanceTarget} named by {@code -Duacce.it.target} (default "model").
 *
 * <p>Other properties: {@code uacce.it.era} (A|B|C, expected PUT_Q era, default B; the kmod
 * target defaults to the loaded module's {@code era} parameter), {@code uacce.it.remap}
 * (true|false: re-map after munmap allowed, default true), {@code uacce.it.device} (device to
 * test), {@code uacce.sysfs.root} / {@code uacce.dev.root} (kernel targets; cuse also reads the
 * environment variable UACCE_SYSFS_ROOT), {@code uacce.it.cuse.daemonOptions} (cuse-container), and for the model
 * {@code uacce.it.model.api} (V1|V2|V3) and {@code uacce.it.model.pageSize} (4096|16384|65536).
 */
public final class Targets {
    /** System property choosing the target. */
    public static final String PROPERTY = "uacce.it.target";

    private Targets() {
    }

    /** The configured target's name. */
    public static String configured() {
        String t = System.getProperty(PROPERTY, "model").strip().toLowerCase(Locale.ROOT);
        return t.isEmpty() ? "model" : t;
    }

    /** A new target instance for one test. */
    public static ConformanceTarget open() {
        String name = configured();
        return switch (name) {
            case "model" -> new ModelTarget();
            case "kmod" -> KernelTargets.kmod();
            case "cuse" -> KernelTargets.cuse();
            case "cuse-container" -> CuseContainerTarget.open();
            case "hardware" -> KernelTargets.hardware();
            default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + name
                    + ": expected model, kmod, cuse, cuse-container or hardware (docs/conformance.md)");
        };
    }

    static KernelEra era(KernelEra fallback) {
        String v = System.getProperty(KernelEra.PROPERTY);
        return v == null || v.isBlank() ? fallback : KernelEra.parse(v, "-D" + KernelEra.PROPERTY);
    }

    static boolean remapAfterMunmap(boolean fallback) {
        String v = System.getProperty("uacce.it.remap");
        return v == null || v.isBlank() ? fallback : Boolean.parseBoolean(v.strip());
    }
}
