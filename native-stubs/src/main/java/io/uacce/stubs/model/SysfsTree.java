package io.uacce.stubs.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The model's sysfs class directory and device-node directory in a temporary tree. Attribute files
 * hold what the kernel would print (spec §2.1); they are replaced atomically (write + rename) so a
 * concurrent reader never sees half a value.
 */
final class SysfsTree {
    private final Path base;
    private final Path sysfsRoot;
    private final Path devRoot;

    SysfsTree() {
        try {
            base = Files.createTempDirectory("uacce-model-");
            sysfsRoot = Files.createDirectories(base.resolve("sys/class/uacce"));
            devRoot = Files.createDirectories(base.resolve("dev"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the model's sysfs tree in java.io.tmpdir", e);
        }
    }

    Path sysfsRoot() {
        return sysfsRoot;
    }

    Path devRoot() {
        return devRoot;
    }

    /** Writes every attribute of a new device and its placeholder device node. */
    void addDevice(ModelDevice d) {
        Path dir = sysfsRoot.resolve(d.name());
        try {
            Files.createDirectories(dir.resolve("device"));
            Files.writeString(devRoot.resolve(d.name()), "", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        write(d.name(), "api", d.apiValue() + "\n");
        write(d.name(), "flags", d.spec().addressMode.flags() + "\n");
        StringBuilder algs = new StringBuilder();
        for (String a : d.algorithms()) {
            algs.append(a).append('\n');
        }
        write(d.name(), "algorithms", d.spec().engine == EngineKind.SEC ? SecEngine.ALGORITHMS : algs.toString());
        write(d.name(), "region_mmio_size", d.mmioSize() + "\n");
        write(d.name(), "region_dus_size", d.dusSize() + "\n");
        write(d.name(), "isolate", "0\n");
        write(d.name(), "isolate_strategy", d.spec().isolateStrategy + "\n");
        write(d.name(), "node_id", d.spec().numaNode + "\n");
        // numa_distance is relative to the reading CPU's node; the model assumes node 0.
        int distance = d.spec().numaNode == 0 ? 10 : d.spec().numaNode < 0 ? -1 : 20;
        write(d.name(), "numa_distance", distance + "\n");
        write(d.name(), "dev_state", "0\n");
        write(d.name(), "device/numa_node", d.spec().numaNode + "\n");
        write(d.name(), "available_instances", d.availableInstances() + "\n");
    }

    /** Replaces one attribute file of a device (no-op once the device is removed). */
    void write(String device, String attribute, String content) {
        Path dir = sysfsRoot.resolve(device);
        if (!Files.isDirectory(dir)) {
            return;
        }
        Path target = dir.resolve(attribute);
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.NoSuchFileException e) {
            // removed meanwhile (removeDevice): nothing to update
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model sysfs attribute " + target, e);
        }
    }

    /** Removes a device's sysfs directory and node, as an unbind of the parent does. */
    void removeDevice(String device) {
        // At once for readers, as kernfs removes a directory: moved out of the class directory
        // first, then deleted (a reader never sees it half deleted).
        Path dir = sysfsRoot.resolve(device);
        Path gone = base.resolve(".removed-" + device + "-" + System.nanoTime());
        try {
            Files.move(dir, gone, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.NoSuchFileException e) {
            gone = dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
        deleteTree(gone);
        try {
            Files.deleteIfExists(devRoot.resolve(device));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the whole temporary tree. */
    void delete() {
        deleteTree(base);
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p, e);
        }
    }
}
