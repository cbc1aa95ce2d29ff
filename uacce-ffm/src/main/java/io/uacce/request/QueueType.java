package io.uacce.request;

import java.util.List;
import java.util.Objects;

/**
 * Which queues a {@link RequestPool} opens: on a device offering one of {@code algorithms} (the
 * first one any device offers is used; sysfs {@code algorithms}, e.g. "gzip", "zlib" for ZIP,
 * "cipher" for SEC, "rsa" for HPRE), with SET_QP_CTX {@code qcType} (ZIP: 0 compress,
 * 1 decompress). Each queue's device is chosen by {@link io.uacce.Uacce#select}: the nearest NUMA
 * node to the opening thread, then the most free queues.
 *
 * @param algorithms sysfs algorithm names, in order of preference; not empty
 * @param qcType     the queue context type of every queue of the pool
 * @param label      for names and logs, e.g. "compress"
 */
public record QueueType(List<String> algorithms, int qcType, String label) {
    public QueueType {
        algorithms = List.copyOf(algorithms);
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("a queue type needs at least one algorithm");
        }
        if (qcType < 0 || qcType > 0xFFFF) {
            throw new IllegalArgumentException("qc_type " + qcType + " outside 0..65535");
        }
        Objects.requireNonNull(label, "label");
    }

    /** A queue type for one algorithm. */
    public static QueueType of(String algorithm, int qcType, String label) {
        return new QueueType(List.of(algorithm), qcType, label);
    }
}
