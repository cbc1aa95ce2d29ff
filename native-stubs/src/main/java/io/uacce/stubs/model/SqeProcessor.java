package io.uacce.stubs.model;

import java.lang.foreign.MemorySegment;

/**
 * The accelerator behind a queue: executes one SQE in place (reads the request words, touches the
 * buffers, writes the result words). One instance per device thread, used by that thread only.
 */
interface SqeProcessor extends AutoCloseable {

    /** Executes the SQE held in {@code sqe} (one SQE slot of the SQ ring) and writes its results. */
    void process(MemorySegment sqe);

    @Override
    void close();

    /** The processor for a device's engine kind. */
    static SqeProcessor create(ModelDevice device, ModelQueue queue, int qcType) {
        ModelDeviceMemory memory = device.spec().addressMode.staticShare() ? device.dma() : new ProcessMemory();
        return switch (device.spec().engine) {
            case NULL -> new NullEngine();
            case COPY -> new CopyEngine(memory);
            case ZIP -> new ModelZipEngine(device, queue, qcType == 1, memory);
            case SEC -> new SecEngine(device, memory);
            case HPRE -> new HpreEngine(device.api(), qcType, memory);
        };
    }
}
