package io.uacce.crypto.internal;

import io.uacce.crypto.types.ProviderStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.LoggerFactory;

/**
 * The device side of one provider instance, shared by its engines: the counters behind
 * {@link io.uacce.crypto.UacceProvider#statistics()} and the device resources (request pools) that
 * {@link io.uacce.crypto.UacceProvider#close()} releases. Thread-safe.
 */
public final class ProviderDevices {
    private final LongAdder deviceRequests = new LongAdder();
    private final LongAdder selfTests = new LongAdder();
    private final LongAdder deviceFailures = new LongAdder();
    private final LongAdder zeroCopy = new LongAdder();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private boolean closed;

    /** A request the device completed successfully (known-answer tests not included). */
    public void deviceRequest() {
        deviceRequests.increment();
    }

    /** One known-answer BD/SQE the device ran, whatever its answer. */
    public void selfTest() {
        selfTests.increment();
    }

    /** A device request that did not give a result: error completion, timeout, queue fault. */
    public void deviceFailure() {
        deviceFailures.increment();
    }

    /** A completed device request that read and wrote the caller's memory directly (no staging copy). */
    public void zeroCopy() {
        zeroCopy.increment();
    }

    public ProviderStatistics snapshot() {
        return new ProviderStatistics(deviceRequests.sum(), selfTests.sum(), deviceFailures.sum(), zeroCopy.sum());
    }

    /**
     * Registers a device resource to close with the provider; false (and nothing registered) when the
     * provider is closed already: the caller closes it and stays in software.
     */
    public synchronized boolean register(AutoCloseable resource) {
        if (closed) {
            return false;
        }
        resources.add(resource);
        return true;
    }

    public synchronized boolean closed() {
        return closed;
    }

    /** Closes every registered resource (each once, errors logged); later registrations are refused. */
    public void close() {
        List<AutoCloseable> all;
        synchronized (this) {
            closed = true;
            all = List.copyOf(resources);
            resources.clear();
        }
        for (AutoCloseable r : all) {
            try {
                r.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(ProviderDevices.class).warn("UACCE provider: closing {} failed: {}", r, e.toString());
            }
        }
    }
}
