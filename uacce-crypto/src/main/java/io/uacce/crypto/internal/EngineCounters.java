package io.uacce.crypto.internal;

import io.uacce.DeviceTimeoutException;
import io.uacce.crypto.types.EngineStatistics;
import io.uacce.request.RequestCounters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The counters of one engine (SEC, HPRE) of one provider instance, written by its {@link DeviceLink}s:
 * lock-free, and allocation-free for a successful request (a failure's status allocates its counter
 * once). The request layer's counters are read from the links' pools at snapshot time.
 */
public final class EngineCounters {
    private final String engine;
    private final LongAdder requests = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder fallbacks = new LongAdder();
    private final LongAdder selfTests = new LongAdder();
    private final LongAdder zeroCopy = new LongAdder();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    /** The links' pools: summed counters and per-queue counters (null before a pool was opened). */
    private final List<Supplier<io.uacce.request.RequestPool<?, ?>>> pools = new CopyOnWriteArrayList<>();

    EngineCounters(String engine) {
        this.engine = engine;
    }

    void pool(Supplier<io.uacce.request.RequestPool<?, ?>> p) {
        pools.add(p);
    }

    void done(long in, long out) {
        requests.increment();
        if (in > 0) {
            bytesIn.add(in);
        }
        if (out > 0) {
            bytesOut.add(out);
        }
    }

    void statusFailure(int status) {
        failures.increment();
        byStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
    }

    void failed(Throwable e) {
        failures.increment();
        timedOut(e);
    }

    /** Counts a timeout if {@code e} (or a cause) is one. */
    void timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DeviceTimeoutException) {
                timeouts.increment();
                return;
            }
        }
    }

    void selfTest() {
        selfTests.increment();
    }

    void fallback() {
        fallbacks.increment();
    }

    void zeroCopy() {
        zeroCopy.increment();
    }

    public EngineStatistics snapshot() {
        RequestCounters sum = RequestCounters.ZERO;
        Map<String, RequestCounters> queues = new LinkedHashMap<>();
        for (Supplier<io.uacce.request.RequestPool<?, ?>> s : pools) {
            io.uacce.request.RequestPool<?, ?> p = s.get();
            if (p != null) {
                sum = sum.plus(p.counters());
                queues.putAll(p.queueCounters());
            }
        }
        Map<String, Long> status = new TreeMap<>();
        byStatus.forEach((k, v) -> status.put(String.format("0x%02X", k), v.sum()));
        return new EngineStatistics(engine, requests.sum(), bytesIn.sum(), bytesOut.sum(), failures.sum(), status,
                timeouts.sum(), sum.queueDeaths(), fallbacks.sum(), selfTests.sum(), zeroCopy.sum(), sum, queues);
    }
}
