package io.uacce.stubs.cuse;

import io.uacce.spi.KernelTarget;
import io.uacce.spi.UacceKernelProvider;
import java.nio.file.Path;

/**
 * {@code -Duacce.target=cuse}: the CUSE mock daemon on this machine, whose sysfs tree is
 * {@code -Duacce.sysfs.root} (native-stubs/vm/with-cuse.sh sets both) and whose nodes are under
 * {@code -Duacce.dev.root} (default {@code /dev}). Only when named: {@code uacce.target=auto}
 * never picks it.
 */
public final class CuseKernelProvider implements UacceKernelProvider {

    @Override
    public String name() {
        return "cuse";
    }

    @Override
    public boolean available() {
        // Only when named (start() then says what is missing): never a guess of uacce.target=auto.
        return System.getProperty("uacce.target", "").strip().equalsIgnoreCase("cuse");
    }

    @Override
    public KernelTarget start() {
        String root = System.getProperty("uacce.sysfs.root", "");
        if (root.isBlank()) {
            throw new IllegalStateException("uacce.target=cuse needs -Duacce.sysfs.root=<the daemon's sysfs tree>:"
                    + " a CUSE node appears in /sys/class/cuse, not in /sys/class/uacce");
        }
        Path sysfs = Path.of(root.strip());
        Path dev = Path.of(System.getProperty("uacce.dev.root", "/dev").strip());
        return new KernelTarget(new CuseKernel(sysfs), sysfs, dev, "CUSE mock daemon (region files), sysfs " + sysfs);
    }
}
