package io.uacce.it;

import io.uacce.Uacce;
import io.uacce.stubs.cuse.CuseKernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The targets behind the real Linux kernel (FFM system calls): the kernel-module stub in the VM,
 * the CUSE daemon (started beside the suite or in a container, {@link CuseContainerTarget}), and
 * real hardware. They differ only in fault injection, raw region mapping (CUSE: the daemon's side
 * channel) and the default expected era.
 */
final class KernelTargets {
    static final String SYSFS_ROOT = "uacce.sysfs.root";
    static final String DEV_ROOT = "uacce.dev.root";

    private KernelTargets() {
    }

    static ConformanceTarget kmod() {
        KmodFaults faults = new KmodFaults();
        KernelEra era = Targets.era(faults.moduleEra().orElse(KernelEra.B));
        boolean remap = Targets.remapAfterMunmap(!faults.moduleRemapEexist());
        Uacce host = configuredHost();
        return new KernelAbiTarget("kmod", "kernel-module stub hisi_zip_stub", era, remap, host, faults,
                RawRegions.of(host.kernel()), childOptions("kmod", null));
    }

    /**
     * The CUSE daemon started beside the suite (native-stubs/vm/with-cuse.sh): real {@code /dev}
     * nodes, the daemon's sysfs tree from {@code -Duacce.sysfs.root} or the environment variable
     * {@code UACCE_SYSFS_ROOT} (with-cuse.sh exports both).
     */
    static ConformanceTarget cuse() {
        String root = System.getProperty(SYSFS_ROOT, System.getenv("UACCE_SYSFS_ROOT"));
        if (root == null || root.isBlank()) {
            throw new IllegalStateException("target cuse needs -D" + SYSFS_ROOT + "=<the daemon's sysfs tree> (or"
                    + " UACCE_SYSFS_ROOT): a CUSE node appears in /sys/class/cuse, not in /sys/class/uacce (spec §6);"
                    + " native-stubs/vm/with-cuse.sh sets both");
        }
        Uacce.Builder b = Uacce.builder().kernel(new CuseKernel(Path.of(root))).sysfsRoot(Path.of(root));
        String dev = System.getProperty(DEV_ROOT);
        if (dev != null) {
            b.devRoot(Path.of(dev));
        }
        return cuse("cuse", "CUSE daemon", b.build(), root);
    }

    /** A CUSE daemon's target on {@code host}; a child JVM reaches it as target "cuse" with {@code sysfsRoot}. */
    static ConformanceTarget cuse(String name, String what, Uacce host, String sysfsRoot) {
        return new KernelAbiTarget(name, what, Targets.era(KernelEra.B), Targets.remapAfterMunmap(true), host,
                new CuseFaults(host.kernel()), new CuseRegions(host.kernel()), childOptions("cuse", sysfsRoot));
    }

    static ConformanceTarget hardware() {
        Uacce host = configuredHost();
        return new KernelAbiTarget("hardware", "real hardware", Targets.era(KernelEra.B), Targets.remapAfterMunmap(true),
                host, Faults.none("real hardware: faults (reset, isolation, removal, queue exhaustion, slow completions)"
                        + " cannot be injected from a test"), RawRegions.of(host.kernel()), childOptions("hardware", null));
    }

    /** The real kernel with the roots of {@code -Duacce.sysfs.root} / {@code -Duacce.dev.root}. */
    private static Uacce configuredHost() {
        Uacce.Builder b = Uacce.builder();
        String sys = System.getProperty(SYSFS_ROOT);
        String dev = System.getProperty(DEV_ROOT);
        if (sys != null) {
            b.sysfsRoot(Path.of(sys));
        }
        if (dev != null) {
            b.devRoot(Path.of(dev));
        }
        return b.build();
    }

    /** The {@code -D} options of a child JVM that reaches the same devices as target {@code name}. */
    private static List<String> childOptions(String name, String sysfsRoot) {
        List<String> out = new ArrayList<>();
        out.add("-D" + Targets.PROPERTY + "=" + name);
        if (sysfsRoot != null) {
            out.add("-D" + SYSFS_ROOT + "=" + sysfsRoot);
        }
        for (String p : List.of(SYSFS_ROOT, DEV_ROOT, "uacce.it.device", KernelEra.PROPERTY)) {
            String v = System.getProperty(p);
            if (v != null && !(p.equals(SYSFS_ROOT) && sysfsRoot != null)) {
                out.add("-D" + p + "=" + v);
            }
        }
        return out;
    }

    private static final class KernelAbiTarget extends AbstractTarget {
        private final String what;
        private final Faults faults;
        private final RawRegions rawRegions;
        private final List<String> childOptions;

        KernelAbiTarget(String name, String what, KernelEra era, boolean remap, Uacce host, Faults faults,
                RawRegions rawRegions, List<String> childOptions) {
            super(name, era, remap);
            this.what = what;
            this.faults = faults;
            this.rawRegions = rawRegions;
            this.childOptions = childOptions;
            host(host);
            faults.attach(this);
        }

        @Override
        String what() {
            return what;
        }

        @Override
        public Faults faults() {
            return faults;
        }

        @Override
        public RawRegions rawRegions() {
            return rawRegions;
        }

        @Override
        public Optional<String> noCrashCleanup() {
            return Optional.empty();
        }

        @Override
        public boolean charDeviceNodes() {
            return true;
        }

        @Override
        public List<String> childJvmOptions() {
            return childOptions;
        }

        @Override
        public void close() {
            faults.undo();
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (IOException e) {
            return null;
        }
    }
}
