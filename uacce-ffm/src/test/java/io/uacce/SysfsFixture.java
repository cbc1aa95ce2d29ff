package io.uacce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a uacce-like sysfs tree (and matching device-node files) into a temporary directory. */
final class SysfsFixture {

    final Path sysfs;
    final Path dev;
    final Path nodes;

    SysfsFixture(Path base) {
        this.sysfs = base.resolve("class-uacce");
        this.dev = base.resolve("dev");
        this.nodes = base.resolve("node");
        try {
            Files.createDirectories(sysfs);
            Files.createDirectories(dev);
            Files.createDirectories(nodes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Kunpeng 920-like upstream device: api, flags, algorithms, sizes, instances, numa_node. */
    Path device(String name, int numaNode, int available) {
        Path d = sysfs.resolve(name);
        write(d, "api", "hisi_qm_v2\n");
        write(d, "flags", "1\n");
        write(d, "algorithms", "zlib\ngzip\n");
        write(d, "region_mmio_size", "8192\n");
        write(d, "region_dus_size", "151552\n");
        write(d, "available_instances", available + "\n");
        write(d, "device/numa_node", numaNode + "\n");
        write(dev, name, "");
        return d;
    }

    static void write(Path dir, String file, String content) {
        try {
            Path p = dir.resolve(file);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir, String file) {
        try {
            Files.delete(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code node<N>/distance} rows. */
    void distances(String... rows) {
        for (int i = 0; i < rows.length; i++) {
            write(nodes, "node" + i + "/distance", rows[i] + "\n");
        }
    }

    Uacce host(ScriptedKernel kernel, int currentNode) {
        return Uacce.builder().kernel(kernel).sysfsRoot(sysfs).devRoot(dev).numaNodeRoot(nodes)
                .currentNode(() -> currentNode).build();
    }
}
