package io.uacce.qm;

import io.uacce.DeviceInfo;
import io.uacce.QueueInfo;
import io.uacce.QueueState;
import io.uacce.Region;
import io.uacce.Uacce;
import io.uacce.UacceQueue;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A started HiSilicon QM queue: a {@link UacceQueue} plus its {@link QmRing}, set up in the
 * order UADK v2 uses (spec §3.9): open → map DUS → map MMIO → SET_QP_CTX(qcType) →
 * SET_QP_INFO → START_Q. The ring is built (and its geometry checked against the DUS size)
 * before START_Q, so a queue whose layout the driver cannot drive is never started.
 *
 * <p>{@link #close()} reverses it: PUT_Q → munmap DUS, MMIO → close the fd. After close the
 * ring's segments are gone; any further ring call fails with {@link IllegalStateException}.
 *
 * <p>The ring is not thread-safe; a caller sharing a queue between threads locks around it.
 */
public final class QmQueue implements AutoCloseable {
    private final UacceQueue queue;
    private final QmRing ring;
    private final QueueInfo info;
    private boolean closed;

    private QmQueue(UacceQueue queue, QmRing ring, QueueInfo info) {
        this.queue = queue;
        this.ring = ring;
        this.info = info;
    }

    /**
     * Opens and starts a queue on {@code device}.
     *
     * @throws IllegalArgumentException if the device's {@code api} is not a hisi_qm api
     * @throws io.uacce.UacceException  (ErrnoException, QueueStateException...) from the kernel
     *                                  calls; the half-built queue is closed first
     */
    public static QmQueue open(Uacce host, DeviceInfo device, QmOptions options) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(options, "options");
        QmVersion version = QmVersion.fromApi(device.api());
        UacceQueue queue = host.open(device);
        options = options.forTarget(queue.memoryBackedDoorbells());
        try {
            MemorySegment dus = queue.map(Region.DUS);
            MemorySegment mmio = queue.map(Region.MMIO);
            int qn = queue.setContext(options.qcType());
            QueueInfo info = queue.queryInfo();
            QmRing ring = new QmRing(mmio, dus, version, qn, info.sqeSize(), info.sqDepth(), info.cqDepth(),
                    queue::awaitEvent, options, options.memoryBackedDoorbells() ? queue::doorbellRewritten : null);
            queue.start();
            return new QmQueue(queue, ring, info);
        } catch (RuntimeException e) {
            try {
                queue.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** {@link #open(Uacce, DeviceInfo, QmOptions)} with {@link QmOptions#defaults()}. */
    public static QmQueue open(Uacce host, DeviceInfo device) {
        return open(host, device, QmOptions.defaults());
    }

    public QmRing ring() {
        return ring;
    }

    public UacceQueue queue() {
        return queue;
    }

    /** Queue number returned by SET_QP_CTX. */
    public int qn() {
        return ring.qn();
    }

    public QmVersion version() {
        return ring.version();
    }

    /** SQE size and depths as SET_QP_INFO reported them (or the defaults on kernels without it). */
    public QueueInfo info() {
        return info;
    }

    public QmOptions options() {
        return ring.options();
    }

    /**
     * Stops the queue (PUT_Q) without unmapping anything: once the kernel answers, the device no
     * longer reads SQEs or writes data, CQEs or doorbell-visible state for this queue, so the
     * buffers of requests still in flight are the caller's again (zip spec §1.4: PUT_Q stops the
     * hardware queue on every kernel generation). The ring's memory stays mapped until
     * {@link #close()}. Idempotent; a no-op after close.
     */
    public synchronized void stop() {
        if (!closed && queue.state() == QueueState.STARTED) {
            queue.put();
        }
    }

    /**
     * PUT_Q (if started), unmap DUS and MMIO, close the fd. Idempotent. Every step runs even if
     * an earlier one fails; the first failure is thrown with the others suppressed.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        if (queue.state() == QueueState.STARTED) {
            failure = step(failure, queue::put);
        }
        failure = step(failure, () -> unmapIfMapped(Region.DUS));
        failure = step(failure, () -> unmapIfMapped(Region.MMIO));
        failure = step(failure, queue::close);
        if (failure != null) {
            throw failure;
        }
    }

    private void unmapIfMapped(Region region) {
        if (queue.state() != QueueState.CLOSED) {
            queue.unmap(region);
        }
    }

    private static RuntimeException step(RuntimeException failure, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            if (failure == null) {
                return e;
            }
            failure.addSuppressed(e);
        }
        return failure;
    }

    @Override
    public String toString() {
        return "QmQueue[" + queue + ", " + ring + "]";
    }
}
