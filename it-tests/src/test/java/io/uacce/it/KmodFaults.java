package io.uacce.it;

import io.uacce.DeviceInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Fault injection of the kernel-module stub {@code hisi_zip_stub} (native-stubs/kmod): debugfs
 * files {@code /sys/kernel/debug/hisi_zip_stub/<dev>/{reset,isolate,reserved,remove}} and the
 * writable module parameter {@code delay_us}. Everything but removal is undone after each test.
 */
final class KmodFaults implements Faults {
    private final Path debugfs = Path.of(System.getProperty("uacce.it.kmod.debugfs", "/sys/kernel/debug/hisi_zip_stub"));
    private final Path params = Path.of(System.getProperty("uacce.it.kmod.params", "/sys/module/hisi_zip_stub/parameters"));
    private final Set<DeviceInfo> touched = new LinkedHashSet<>();
    private boolean slowed;
    private ConformanceTarget target;

    Optional<KernelEra> moduleEra() {
        String e = KernelTargets.read(params.resolve("era"));
        return e == null || e.isEmpty() ? Optional.empty() : Optional.of(KernelEra.parse(e, params.resolve("era").toString()));
    }

    boolean moduleRemapEexist() {
        String v = KernelTargets.read(params.resolve("remap_eexist"));
        return "Y".equals(v) || "1".equals(v);
    }

    @Override
    public void attach(ConformanceTarget target) {
        this.target = target;
    }

    @Override
    public Optional<String> unsupported(Fault fault) {
        if (!Files.isDirectory(debugfs)) {
            return Optional.of("the hisi_zip_stub debugfs directory " + debugfs + " is missing: load the module and"
                    + " mount debugfs (native-stubs/vm/with-kmod.sh does both)");
        }
        if ((fault == Fault.SLOW_COMPLETIONS || fault == Fault.LATE_WRITES) && !Files.isWritable(params.resolve("delay_us"))) {
            return Optional.of(params.resolve("delay_us") + " is not writable");
        }
        if (fault == Fault.REMOVE && removable().isEmpty()) {
            return Optional.of("removal cannot be undone on the kernel stub, so the suite removes only a second"
                    + " device: load the module with devices=2 (docs/conformance.md)");
        }
        return Optional.empty();
    }

    private void write(Path file, String value) {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
            out.write((value + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write '" + value + "' to " + file, e);
        }
    }

    private Path dbg(DeviceInfo d, String file) {
        return debugfs.resolve(d.name()).resolve(file);
    }

    @Override
    public void reset(DeviceInfo device) {
        write(dbg(device, "reset"), "1");
    }

    @Override
    public void isolate(DeviceInfo device, boolean isolated) {
        touched.add(device);
        write(dbg(device, "isolate"), isolated ? "1" : "0");
    }

    @Override
    public void exhaustQueues(DeviceInfo device) {
        touched.add(device);
        String queues = KernelTargets.read(params.resolve("queues"));
        write(dbg(device, "reserved"), queues == null ? "64" : queues);
    }

    @Override
    public void restoreQueues(DeviceInfo device) {
        write(dbg(device, "reserved"), "0");
    }

    @Override
    public void slowCompletions(DeviceInfo device, Duration delay) {
        slowed = !delay.isZero();
        write(params.resolve("delay_us"), Long.toString(delay.toNanos() / 1000));
    }

    /** The stub sleeps {@code delay_us} after each SQE (one SQE per round then): the next SQE runs late. */
    @Override
    public void lateWrites(DeviceInfo device, Duration delay) {
        slowCompletions(device, delay);
    }

    @Override
    public Optional<DeviceInfo> removable() {
        return Faults.secondDevice(target, d -> Files.isDirectory(debugfs.resolve(d.name())));
    }

    @Override
    public void remove(DeviceInfo device) {
        write(dbg(device, "remove"), "1");
    }

    /** Undoes isolation, queue reservation and slow completions after a test. */
    @Override
    public void undo() {
        for (DeviceInfo d : touched) {
            if (Files.isDirectory(debugfs.resolve(d.name()))) {
                write(dbg(d, "isolate"), "0");
                write(dbg(d, "reserved"), "0");
            }
        }
        touched.clear();
        if (slowed) {
            write(params.resolve("delay_us"), "0");
            slowed = false;
        }
    }
}
