package io.uacce.it;

import io.uacce.Uacce;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The targets behind the real Linux kernel (FFM system calls): the kernel-module stub in the VM,
 * the CUSE daemon, and real hardware. They differ only in fault injection, mmap support and the
 * default expected era.
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
        return new KernelTarget("kmod", "kernel-module stub hisi_zip_stub", era, remap, faults, null);
    }

    static ConformanceTarget cuse() {
        if (System.getProperty(SYSFS_ROOT) == null) {
            throw new IllegalStateException("target cuse needs -D" + SYSFS_ROOT + "=<the daemon's sysfs tree>: a CUSE"
                    + " node appears in /sys/class/cuse, not in /sys/class/uacce (spec §6)");
        }
        return new KernelTarget("cuse", "CUSE daemon", Targets.era(KernelEra.B), Targets.remapAfterMunmap(true),
                Faults.none("the CUSE daemon (branch cuse) offers no fault-injection interface the suite knows yet;"
                        + " add one to CuseFaults when the daemon has it"),
                "CUSE character devices have no mmap (the kernel's cuse_frontend_fops has no .mmap, so mmap gives"
                        + " ENODEV; spec §6): regions and the ring cannot be reached");
    }

    static ConformanceTarget hardware() {
        return new KernelTarget("hardware", "real hardware", Targets.era(KernelEra.B), Targets.remapAfterMunmap(true),
                Faults.none("real hardware: faults (reset, isolation, removal, queue exhaustion, slow completions)"
                        + " cannot be injected from a test"), null);
    }

    private static final class KernelTarget extends AbstractTarget {
        private final String what;
        private final Faults faults;
        private final String noMmap;

        KernelTarget(String name, String what, KernelEra era, boolean remap, Faults faults, String noMmap) {
            super(name, era, remap);
            this.what = what;
            this.faults = faults;
            this.noMmap = noMmap;
            Uacce.Builder b = Uacce.builder();
            String sys = System.getProperty(SYSFS_ROOT);
            String dev = System.getProperty(DEV_ROOT);
            if (sys != null) {
                b.sysfsRoot(Path.of(sys));
            }
            if (dev != null) {
                b.devRoot(Path.of(dev));
            }
            host(b.build());
            if (faults instanceof KmodFaults k) {
                k.attach(this);
            }
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
        public Optional<String> noMmap() {
            return Optional.ofNullable(noMmap);
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
            List<String> out = new ArrayList<>();
            out.add("-D" + Targets.PROPERTY + "=" + name());
            for (String p : List.of(SYSFS_ROOT, DEV_ROOT, "uacce.it.device", KernelEra.PROPERTY)) {
                String v = System.getProperty(p);
                if (v != null) {
                    out.add("-D" + p + "=" + v);
                }
            }
            return out;
        }

        @Override
        public void close() {
            if (faults instanceof KmodFaults k) {
                k.undo();
            }
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
