package io.uacce.crypto.internal;

import io.uacce.crypto.types.ProviderStatistics;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The device side of one provider instance, shared by its engines: the counters behind
 * {@link io.uacce.crypto.UacceProvider#statistics()} and the device resources (request pools) that
 * {@link io.uacce.crypto.UacceProvider#close()} releases. Thread-safe.
 */
public final class ProviderDevices {
    private final EngineCounters sec = new EngineCounters("SEC");
    private final EngineCounters hpre = new EngineCounters("HPRE");
    private final Runnable firstResource;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private boolean closed;
    private boolean opened;

    /** Devices without a hook. */
    public ProviderDevices() {
        this(() -> { });
    }

    /**
     * @param firstResource run once, when the first device resource is registered (the provider's JMX view
     *                      appears then); outside this object's lock, its failures logged
     */
    public ProviderDevices(Runnable firstResource) {
        this.firstResource = firstResource;
    }

    /** The counters of engine {@code name} ({@code "SEC"}, {@code "HPRE"}). */
    public EngineCounters engine(String name) {
        return switch (name) {
            case "SEC" -> sec;
            case "HPRE" -> hpre;
            default -> throw new IllegalArgumentException("no engine " + name);
        };
    }

    public ProviderStatistics snapshot() {
        return ProviderStatistics.of(sec.snapshot(), hpre.snapshot());
    }

    /**
     * Registers a device resource to close with the provider; false (and nothing registered) when the
     * provider is closed already: the caller closes it and stays in software.
     */
    public boolean register(AutoCloseable resource) {
        boolean first;
        synchronized (this) {
            if (closed) {
                return false;
            }
            resources.add(resource);
            first = !opened;
            opened = true;
        }
        if (first) {
            try {
                firstResource.run();
            } catch (RuntimeException | LinkageError e) {
                LoggerFactory.getLogger(ProviderDevices.class).debug("UACCE provider: first-resource hook: {}", e.toString());
            }
        }
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
