package io.uacce.compress;

import io.uacce.DeviceTimeoutException;
import io.uacce.compress.types.ZipStatusException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a {@link ZipEngine} counts at its API (one-shot and asynchronous calls): requests, bytes in
 * and out, errors (by device status where there is one), timeouts, software fallbacks. Lock-free
 * and allocation-free on success; streams are counted by the request layer only.
 */
final class EngineCounters {
    final LongAdder requests = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder softwareFallbacks = new LongAdder();
    /** AUTO: calls sent to the device again after a device error (issue 13). */
    final LongAdder deviceRetries = new LongAdder();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

    void done(long in, long out) {
        requests.increment();
        bytesIn.add(in);
        bytesOut.add(out);
    }

    void failed(Throwable e) {
        requests.increment();
        errors.increment();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ZipStatusException z) {
                byStatus.computeIfAbsent(z.status(), k -> new LongAdder()).increment();
                return;
            }
            if (t instanceof DeviceTimeoutException) {
                timeouts.increment();
                return;
            }
            if (t.getCause() == t) {
                return;
            }
        }
    }

    /** Errors by device status, e.g. {@code "0x11" -> 3}. */
    Map<String, Long> byStatus() {
        Map<String, Long> m = new TreeMap<>();
        byStatus.forEach((k, v) -> m.put(String.format("0x%02X", k), v.sum()));
        return m;
    }
}
