package io.uacce;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One uacce device as its sysfs directory describes it. Read once at discovery, except
 * {@link #availableInstances()}, which reads sysfs again on every call.
 *
 * <p>Both sysfs layouts are read: attributes directly in {@code <sysfsRoot>/<name>/} (upstream,
 * openEuler OLK, KAE) and in its {@code attrs/} subdirectory (old openEuler 4.19, see
 * {@link #legacyLayout()}).
 */
public final class DeviceInfo {

    private final String name;
    private final Path devicePath;
    private final Path sysfsDir;
    private final Path attrDir;
    private final boolean legacyLayout;
    private final String api;
    private final long flags;
    private final List<String> algorithms;
    private final long mmioSize;
    private final long dusSize;
    private final boolean isolated;
    private final OptionalInt isolateStrategy;
    private final OptionalInt nodeId;
    private final OptionalInt numaDistance;
    private final OptionalInt devState;
    private final int numaNode;

    private DeviceInfo(Path sysfsDir, Path devRoot) {
        this.sysfsDir = sysfsDir;
        this.name = sysfsDir.getFileName().toString();
        this.devicePath = devRoot.resolve(name);
        Path attrs = sysfsDir.resolve("attrs");
        this.legacyLayout = !Files.exists(sysfsDir.resolve("api")) && Files.isDirectory(attrs);
        this.attrDir = legacyLayout ? attrs : sysfsDir;
        this.api = SysfsAttribute.requiredText(attrDir.resolve("api"));
        this.flags = SysfsAttribute.requiredUnsigned(attrDir.resolve("flags"));
        this.algorithms = parseAlgorithms(attrDir.resolve("algorithms"));
        this.mmioSize = SysfsAttribute.optionalUnsigned(attrDir.resolve("region_mmio_size"), 0);
        this.dusSize = SysfsAttribute.optionalUnsigned(attrDir.resolve("region_dus_size"), 0);
        OptionalInt iso = SysfsAttribute.optionalInt(attrDir.resolve("isolate"));
        this.isolated = iso.isPresent() && iso.getAsInt() != 0;
        this.isolateStrategy = SysfsAttribute.optionalInt(attrDir.resolve("isolate_strategy"));
        this.nodeId = SysfsAttribute.optionalInt(attrDir.resolve("node_id"));
        this.numaDistance = SysfsAttribute.optionalInt(attrDir.resolve("numa_distance"));
        this.devState = SysfsAttribute.optionalInt(attrDir.resolve("dev_state"));
        OptionalInt node = SysfsAttribute.optionalInt(sysfsDir.resolve("device").resolve("numa_node"));
        this.numaNode = Math.max(0, node.isPresent() ? node.getAsInt() : nodeId.orElse(0));
    }

    /**
     * Reads the device whose sysfs directory is {@code sysfsDir}; its node is
     * {@code devRoot/<name>}.
     *
     * @throws SysfsFormatException when a required attribute (api, flags, algorithms) is missing
     *                              or any present attribute cannot be parsed
     * @throws DeviceRemovedException when the directory disappeared while it was read
     */
    public static DeviceInfo read(Path sysfsDir, Path devRoot) {
        Objects.requireNonNull(sysfsDir);
        Objects.requireNonNull(devRoot);
        try {
            return new DeviceInfo(sysfsDir, devRoot);
        } catch (SysfsFormatException e) {
            if (e.content() == null && !Files.isDirectory(sysfsDir)) {
                // A missing attribute of a directory that is gone now: the device was removed
                // while we read it (sysfs removes a device's directory at once), not a bad tree.
                throw new DeviceRemovedException(String.valueOf(sysfsDir.getFileName()), "device "
                        + sysfsDir.getFileName() + " was removed while its sysfs attributes were read ("
                        + sysfsDir + " is gone)", e);
            }
            throw e;
        }
    }

    private static List<String> parseAlgorithms(Path file) {
        String s = SysfsAttribute.read(file);
        if (s == null) {
            throw new SysfsFormatException(file, null, "one algorithm name per line");
        }
        List<String> out = new ArrayList<>();
        for (String line : s.split("\n", -1)) {
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (!t.chars().allMatch(c -> c > ' ' && c < 0x7F)) {
                throw new SysfsFormatException(file, s, "one algorithm name per line (printable ASCII, no blanks)");
            }
            out.add(t);
        }
        return Collections.unmodifiableList(out);
    }

    /** The device name, e.g. {@code hisi_zip-2} (also the name of its node in the dev root). */
    public String name() {
        return name;
    }

    /** The character device to open, {@code <devRoot>/<name>}. */
    public Path devicePath() {
        return devicePath;
    }

    /** The device's sysfs directory, {@code <sysfsRoot>/<name>}. */
    public Path sysfsDir() {
        return sysfsDir;
    }

    /**
     * Whether the attributes live in an {@code attrs/} subdirectory: the old openEuler 4.19
     * uacce ABI, whose ioctl numbers, flag bits and region layout differ. Such a device is listed
     * but {@link Uacce#open} refuses it.
     */
    public boolean legacyLayout() {
        return legacyLayout;
    }

    /** The user-driver ABI name, e.g. {@code hisi_qm_v2} or {@code hisi_qm_v2_noiommu}. */
    public String api() {
        return api;
    }

    /** The {@code flags} attribute (UACCE_DEV_* bits). */
    public long flags() {
        return flags;
    }

    /**
     * Shared virtual addressing: flags bit 0 (UACCE_DEV_SVA) in the current ABI. Always false in
     * the legacy layout, where bit 0 meant NOIOMMU.
     */
    public boolean sva() {
        return !legacyLayout && (flags & 1) != 0;
    }

    /** The algorithms, one per line of the {@code algorithms} attribute, in file order. */
    public List<String> algorithms() {
        return algorithms;
    }

    /** Whether one line of {@code algorithms} is exactly {@code algorithm} (UADK whole-line match). */
    public boolean supports(String algorithm) {
        return algorithms.contains(algorithm);
    }

    /** The sysfs size of a region in bytes; 0 when the attribute is absent (and always for SS). */
    public long regionSize(Region region) {
        return switch (region) {
            case MMIO -> mmioSize;
            case DUS -> dusSize;
            case SS -> 0;
        };
    }

    /** {@code isolate} reads non-zero: the kernel isolated the device after too many errors. */
    public boolean isolated() {
        return isolated;
    }

    /** {@code isolate_strategy} (errors per hour before isolation), when present. */
    public OptionalInt isolateStrategy() {
        return isolateStrategy;
    }

    /** {@code node_id} (openEuler/KAE), when present; -1 means no node. */
    public OptionalInt nodeId() {
        return nodeId;
    }

    /**
     * {@code numa_distance} (openEuler/KAE), when present: distance from the device's node to the
     * node of the CPU that read the file during discovery.
     */
    public OptionalInt numaDistance() {
        return numaDistance;
    }

    /** {@code dev_state} (openEuler/KAE), when present: 0 normal, -1 the QM is stopped. */
    public OptionalInt devState() {
        return devState;
    }

    /**
     * The NUMA node of the device: {@code device/numa_node} with negative values read as 0 (as
     * UADK does); without that file {@code node_id}, else 0.
     */
    public int numaNode() {
        return numaNode;
    }

    /**
     * Whether the device can take queues: not isolated and {@code dev_state} (if present) not
     * negative.
     */
    public boolean usable() {
        return !isolated && devState.orElse(0) >= 0;
    }

    /**
     * Free hardware queues, read from {@code available_instances} now; -1 when the attribute is
     * absent or unreadable (a driver without the operation).
     *
     * @throws SysfsFormatException when the content is not a number
     */
    public int availableInstances() {
        Path file = attrDir.resolve("available_instances");
        String s = SysfsAttribute.read(file);
        return s == null ? -1 : SysfsAttribute.parseInt(file, s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceInfo d && d.sysfsDir.equals(sysfsDir) && d.devicePath.equals(devicePath);
    }

    @Override
    public int hashCode() {
        return sysfsDir.hashCode();
    }

    @Override
    public String toString() {
        return name + " [api " + api + ", flags " + flags + ", algorithms " + String.join("/", algorithms)
                + ", node " + numaNode + (isolated ? ", isolated" : "") + "]";
    }
}
