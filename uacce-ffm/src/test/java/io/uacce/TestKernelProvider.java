package io.uacce;

import io.uacce.spi.KernelTarget;
import io.uacce.spi.UacceKernelProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A provider registered only in the test resources (META-INF/services), to test the
 * ServiceLoader path of {@code uacce.target}. Its target is a {@link ScriptedKernel} with one
 * device in a temporary tree.
 */
public final class TestKernelProvider implements UacceKernelProvider {

    static volatile boolean available = true;
    static volatile boolean failStart;
    static volatile RuntimeException failStartWith;

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public boolean available() {
        return available;
    }

    @Override
    public KernelTarget start() {
        RuntimeException f = failStartWith;
        if (f != null) {
            throw f;
        }
        if (failStart) {
            throw new IllegalStateException("scripted start failure");
        }
        try {
            Path base = Files.createTempDirectory("uacce-test-provider");
            base.toFile().deleteOnExit();
            SysfsFixture fx = new SysfsFixture(base);
            fx.device("hisi_zip-0", 0, 4);
            return new KernelTarget(new ScriptedKernel(), fx.sysfs, fx.dev, "scripted test target");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
