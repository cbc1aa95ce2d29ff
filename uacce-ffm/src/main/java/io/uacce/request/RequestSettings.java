package io.uacce.request;

import java.util.Objects;

/**
 * Tunables of a {@link RequestPool}.
 *
 * @param queues        queues the pool keeps open (1..64), used round-robin
 * @param timeoutMillis longest wait for one request (and for a free slot); on expiry the queue is
 *                      stopped (PUT_Q) and only then are its requests failed
 * @param ssBytes       SS region mapped per queue on no-SVA devices
 * @param property      the system-property prefix the owner reads these from, named in messages
 *                      (e.g. "uacce.compress"): a timeout message says which setting to raise
 */
public record RequestSettings(int queues, long timeoutMillis, long ssBytes, String property) {
    public RequestSettings {
        if (queues < 1 || queues > 64) {
            throw new IllegalArgumentException(property + ".queues must be 1..64, got " + queues);
        }
        if (timeoutMillis < 1) {
            throw new IllegalArgumentException(property + ".timeoutMillis must be >= 1, got " + timeoutMillis);
        }
        if (ssBytes < 4096) {
            throw new IllegalArgumentException(property + ".ssBytes must be >= 4096, got " + ssBytes);
        }
        Objects.requireNonNull(property, "property");
    }

    /**
     * From system properties {@code <prefix>.queues} (default 1), {@code <prefix>.timeoutMillis}
     * (30000) and {@code <prefix>.ssBytes} (16 MiB).
     */
    public static RequestSettings fromSystemProperties(String prefix) {
        return new RequestSettings(Integer.getInteger(prefix + ".queues", 1),
                Long.getLong(prefix + ".timeoutMillis", 30_000), Long.getLong(prefix + ".ssBytes", 16L << 20), prefix);
    }

    public RequestSettings withQueues(int n) {
        return new RequestSettings(n, timeoutMillis, ssBytes, property);
    }

    public RequestSettings withTimeoutMillis(long t) {
        return new RequestSettings(queues, t, ssBytes, property);
    }

    /** The timeout's property name, for messages. */
    String timeoutProperty() {
        return property + ".timeoutMillis";
    }
}
