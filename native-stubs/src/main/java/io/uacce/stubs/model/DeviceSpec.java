package io.uacce.stubs.model;

import java.util.Objects;

/**
 * The configuration of one modelled device, filled in by {@link ModelHost.Builder#device}.
 * Defaults: api V2, 64 queues, NUMA node 0, SVA, ZIP engine, depth 1024, isolate_strategy 0.
 */
public final class DeviceSpec {
    String name;
    ModelApi api = ModelApi.V2;
    int queues = 64;
    int numaNode = 0;
    AddressMode addressMode = AddressMode.SVA;
    EngineKind engine = EngineKind.ZIP;
    int depth = 1024;
    int isolateStrategy = 0;

    DeviceSpec() {
    }

    /** The device name, e.g. "hisi_zip-2" (default "hisi_zip-<index>"). */
    public DeviceSpec name(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("device name must be a single path element: '" + name + "'");
        }
        this.name = name;
        return this;
    }

    /** The QM generation (sysfs api, doorbell, SQE types). */
    public DeviceSpec api(ModelApi api) {
        this.api = Objects.requireNonNull(api, "api");
        return this;
    }

    /** Number of hardware queues (available_instances when nothing is open), 1…1024. */
    public DeviceSpec queues(int queues) {
        if (queues < 1 || queues > 1024) {
            throw new IllegalArgumentException("queues must be 1..1024, got " + queues);
        }
        this.queues = queues;
        return this;
    }

    /** The device's NUMA node (sysfs node_id and device/numa_node); -1 for "none". */
    public DeviceSpec numaNode(int node) {
        if (node < -1) {
            throw new IllegalArgumentException("numa node must be >= -1, got " + node);
        }
        this.numaNode = node;
        return this;
    }

    /** SVA (process virtual addresses) or one of the openEuler no-SVA modes (SS region). */
    public DeviceSpec addressMode(AddressMode mode) {
        this.addressMode = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /** What the device does with an SQE. */
    public DeviceSpec engine(EngineKind engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
        return this;
    }

    /** SQ and CQ depth (SET_QP_INFO, region_dus_size), 2…32768; hardware default 1024. */
    public DeviceSpec depth(int depth) {
        if (depth < 2 || depth > 32768) {
            throw new IllegalArgumentException("depth must be 2..32768, got " + depth);
        }
        this.depth = depth;
        return this;
    }

    /** Initial isolate_strategy value (0…65535). */
    public DeviceSpec isolateStrategy(int strategy) {
        if (strategy < 0 || strategy > 65535) {
            throw new IllegalArgumentException("isolate_strategy must be 0..65535, got " + strategy);
        }
        this.isolateStrategy = strategy;
        return this;
    }
}
