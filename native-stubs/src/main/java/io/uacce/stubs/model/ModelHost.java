package io.uacce.stubs.model;

import io.uacce.spi.KernelTarget;
import io.uacce.spi.UacceKernel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A modelled machine: one {@link UacceKernel} with its own temporary sysfs tree and device-node
 * directory, and the devices in it. Build one per test with {@link #builder()}; close it at the
 * end (after the driver closed its queues) to stop the device threads and delete the tree.
 */
public final class ModelHost implements AutoCloseable {
    private final HostSettings settings;
    private final SysfsTree sysfs;
    private final List<ModelDevice> devices;
    private final ModelKernel kernel;
    private final KernelTarget target;
    private boolean closed;

    private ModelHost(Builder b) {
        this.settings = new HostSettings(b.pageSize, b.era, b.qpInfo, b.remap, b.cqGrace, b.engineSpin,
                b.engineMaxPark, b.zipLevel);
        this.sysfs = new SysfsTree();
        this.kernel = new ModelKernel(this);
        List<ModelDevice> list = new ArrayList<>();
        List<DeviceSpec> specs = new ArrayList<>(b.specs);
        if (specs.isEmpty()) {
            specs.add(new DeviceSpec());
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            DeviceSpec s = specs.get(i);
            if (s.name == null) {
                s.name = (s.engine == EngineKind.SEC ? "hisi_sec2-" : "hisi_zip-") + i;
            }
            if (!names.add(s.name)) {
                throw new IllegalArgumentException("two model devices named " + s.name);
            }
            ModelDevice d = new ModelDevice(s, settings, sysfs);
            sysfs.addDevice(d);
            kernel.addDevice(d, sysfs.devRoot().resolve(s.name));
            list.add(d);
        }
        this.devices = List.copyOf(list);
        this.target = new KernelTarget(kernel, sysfs.sysfsRoot(), sysfs.devRoot(), describe());
    }

    /** A builder; with no device added the host has one default device {@code hisi_zip-0}. */
    public static Builder builder() {
        return new Builder();
    }

    private String describe() {
        StringBuilder sb = new StringBuilder("in-process hisi_zip model (");
        for (int i = 0; i < devices.size(); i++) {
            ModelDevice d = devices.get(i);
            sb.append(i == 0 ? "" : ", ").append(d.name()).append(' ').append(d.apiValue()).append(' ')
                    .append(d.queues()).append("q ").append(d.engine());
        }
        return sb.append("; PUT_Q era ").append(settings.era()).append(", page ").append(settings.pageSize())
                .append(')').toString();
    }

    /** The kernel, sysfs root and dev root to hand to the driver. */
    public KernelTarget target() {
        return target;
    }

    /** The model's kernel-ABI implementation. */
    public UacceKernel kernel() {
        return kernel;
    }

    /** The temporary sysfs class directory ({@code .../sys/class/uacce}). */
    public Path sysfsRoot() {
        return sysfs.sysfsRoot();
    }

    /** The temporary device-node directory. */
    public Path devRoot() {
        return sysfs.devRoot();
    }

    /** The modelled page size. */
    public long pageSize() {
        return settings.pageSize();
    }

    /** The PUT_Q era this host reproduces. */
    public PutQueueEra era() {
        return settings.era();
    }

    /** All devices, in build order. */
    public List<ModelDevice> devices() {
        return devices;
    }

    /** The device with that name. */
    public ModelDevice device(String name) {
        for (ModelDevice d : devices) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("no model device named '" + name + "'");
    }

    /** Stops every device thread and deletes the temporary tree; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        kernel.shutdown();
        sysfs.delete();
    }

    /** Configures a {@link ModelHost}. */
    public static final class Builder {
        private long pageSize = SystemPage.system();
        private PutQueueEra era = PutQueueEra.B;
        private boolean qpInfo = true;
        private boolean remap = true;
        private Duration cqGrace = Duration.ofMillis(100);
        private Duration engineSpin = Duration.ofNanos(50_000);
        private Duration engineMaxPark = Duration.ofMillis(1);
        private int zipLevel = 1;
        private final List<DeviceSpec> specs = new ArrayList<>();

        private Builder() {
        }

        /**
         * Modelled page size (4, 16 or 64 KiB); region sizes and offsets follow. Default: this
         * system's page size (4096 where it cannot be asked).
         */
        public Builder pageSize(long pageSize) {
            if (pageSize != 4096 && pageSize != 16384 && pageSize != 65536) {
                throw new IllegalArgumentException("page size must be 4096, 16384 or 65536, got " + pageSize);
            }
            this.pageSize = pageSize;
            return this;
        }

        /** PUT_Q / ZOMBIE behaviour (default {@link PutQueueEra#B}). */
        public Builder putQueueEra(PutQueueEra era) {
            this.era = Objects.requireNonNull(era, "era");
            return this;
        }

        /** false models a kernel without SET_QP_INFO (EINVAL). Default true. */
        public Builder qpInfoSupported(boolean supported) {
            this.qpInfo = supported;
            return this;
        }

        /** false models kernels before the 2023 fix: a region cannot be mapped again after munmap (EEXIST). */
        public Builder remapAfterMunmap(boolean allowed) {
            this.remap = allowed;
            return this;
        }

        /** How long a device with a full CQ waits for a CQ doorbell before declaring overflow (default 100 ms). */
        public Builder cqGrace(Duration grace) {
            this.cqGrace = requirePositive(grace, "cqGrace");
            return this;
        }

        /** How long a device thread spins after its last work before parking (default 50 µs). */
        public Builder engineSpin(Duration spin) {
            this.engineSpin = Objects.requireNonNull(spin, "spin");
            return this;
        }

        /** The longest park of an idle device thread, i.e. worst doorbell latency when idle (default 1 ms). */
        public Builder engineMaxPark(Duration maxPark) {
            this.engineMaxPark = requirePositive(maxPark, "engineMaxPark");
            return this;
        }

        /** The deflate level the "silicon" compresses with (0…9, default 1: hardware favours speed). */
        public Builder zipLevel(int level) {
            if (level < 0 || level > 9) {
                throw new IllegalArgumentException("zip level must be 0..9, got " + level);
            }
            this.zipLevel = level;
            return this;
        }

        /** Adds a device configured by {@code config} (defaults: see {@link DeviceSpec}). */
        public Builder device(Consumer<DeviceSpec> config) {
            DeviceSpec s = new DeviceSpec();
            config.accept(s);
            specs.add(s);
            return this;
        }

        /** Adds {@code count} default devices spread over {@code numaNodes} nodes (device i on node i % numaNodes). */
        public Builder devices(int count, int numaNodes) {
            if (count < 1 || numaNodes < 1) {
                throw new IllegalArgumentException("count and numaNodes must be >= 1");
            }
            for (int i = 0; i < count; i++) {
                int node = i % numaNodes;
                device(s -> s.numaNode(node));
            }
            return this;
        }

        public ModelHost build() {
            return new ModelHost(this);
        }

        private static Duration requirePositive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }
    }
}
