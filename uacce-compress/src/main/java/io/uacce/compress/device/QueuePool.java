package io.uacce.compress.device;

import io.uacce.DeviceInfo;
import io.uacce.Uacce;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The queues of one engine: {@code n} compression queues (qc_type 0) and {@code n}
 * decompression queues (qc_type 1), opened on first use. Each queue's device is chosen by
 * {@link Uacce#select}: nearest NUMA node to the opening thread, then most free queues, so a
 * pool spreads over devices when one runs out of queues. Thread-safe.
 */
final class QueuePool implements AutoCloseable {
    private final Uacce host;
    private final String algorithm;
    private final DeviceSettings settings;
    private final List<DeviceQueue> compressQueues = new ArrayList<>();
    private final List<DeviceQueue> decompressQueues = new ArrayList<>();
    private final AtomicInteger roundRobin = new AtomicInteger();
    private boolean closed;

    QueuePool(Uacce host, String algorithm, DeviceSettings settings) {
        this.host = host;
        this.algorithm = algorithm;
        this.settings = settings;
    }

    /** A queue of the direction, round-robin; opens the direction's queues on first use. */
    synchronized DeviceQueue next(boolean compress) {
        if (closed) {
            throw new IllegalStateException("the compression engine is closed");
        }
        List<DeviceQueue> list = compress ? compressQueues : decompressQueues;
        list.removeIf(q -> {
            if (q.alive()) {
                return false;
            }
            q.close();
            return true;
        });
        while (list.size() < settings.queuesPerDirection()) {
            DeviceInfo d = host.selectOrThrow(algorithm);
            list.add(new DeviceQueue(host, d, compress, settings));
        }
        return list.get(Math.floorMod(roundRobin.getAndIncrement(), list.size()));
    }

    /** The queue whose device memory holds {@code segment}. */
    synchronized java.util.Optional<DeviceQueue> owner(java.lang.foreign.MemorySegment segment) {
        for (List<DeviceQueue> list : List.of(compressQueues, decompressQueues)) {
            for (DeviceQueue q : list) {
                if (q.memory.owns(segment)) {
                    return java.util.Optional.of(q);
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** Names of the queues open now, for logs and the CLI. */
    synchronized List<String> describe() {
        List<String> out = new ArrayList<>();
        compressQueues.forEach(q -> out.add(q.name));
        decompressQueues.forEach(q -> out.add(q.name));
        return out;
    }

    @Override
    public synchronized void close() {
        closed = true;
        compressQueues.forEach(DeviceQueue::close);
        decompressQueues.forEach(DeviceQueue::close);
        compressQueues.clear();
        decompressQueues.clear();
    }
}
