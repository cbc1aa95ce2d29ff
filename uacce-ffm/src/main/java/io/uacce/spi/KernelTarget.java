package io.uacce.spi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A kernel together with the sysfs class directory and the device-node directory it serves.
 * For the real kernel: {@code /sys/class/uacce} and {@code /dev}. A device model supplies its
 * own trees.
 *
 * @param kernel     the kernel-ABI implementation
 * @param sysfsRoot  the directory holding one sub-directory per uacce device
 * @param devRoot    the directory holding the device nodes ({@code devRoot/<name>})
 * @param description one line for logs, e.g. "in-process hisi_zip model (2 devices)"
 */
public record KernelTarget(UacceKernel kernel, Path sysfsRoot, Path devRoot, String description) {
    public KernelTarget {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(sysfsRoot, "sysfsRoot");
        Objects.requireNonNull(devRoot, "devRoot");
        Objects.requireNonNull(description, "description");
    }
}
