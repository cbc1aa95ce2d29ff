package io.uacce.reliability.campaign;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What a campaign counts; thread-safe. */
final class CampaignStats {
    final LongAdder requests = new LongAdder();
    final LongAdder ok = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    /** Wrong results, untyped exceptions, data errors on valid data: must stay 0. */
    final LongAdder wrong = new LongAdder();
    /** Requests that did not finish within their bound (lost or hanging): must stay 0. */
    final LongAdder hung = new LongAdder();
    /** Typed errors (UacceException and subclasses) a request ended with after its retries. */
    final LongAdder failed = new LongAdder();
    /** Attempts repeated after a typed error. */
    final LongAdder retried = new LongAdder();
    /** Requests that succeeded on a retry. */
    final LongAdder recovered = new LongAdder();
    final Map<String, LongAdder> typedErrors = new ConcurrentHashMap<>();
    final Map<String, LongAdder> byApi = new ConcurrentHashMap<>();
    final AtomicLong maxLatencyNanos = new AtomicLong();
    final java.util.List<String> firstProblems = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private final long[][] latencies;
    private final int[] counts;

    CampaignStats(int threads, int perThread) {
        latencies = new long[threads][perThread];
        counts = new int[threads];
    }

    void latency(int thread, long nanos) {
        if (counts[thread] < latencies[thread].length) {
            latencies[thread][counts[thread]++] = nanos;
        }
        maxLatencyNanos.accumulateAndGet(nanos, Math::max);
    }

    void typed(Throwable e) {
        typedErrors.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
        typedSamples.putIfAbsent(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
    }

    /** The first message of each typed error class, for the report. */
    final java.util.Map<String, String> typedSamples = new java.util.concurrent.ConcurrentSkipListMap<>();

    void problem(String what) {
        if (firstProblems.size() < 20) {
            firstProblems.add(what);
        }
    }

    /** p50, p99, p99.9 in microseconds. */
    double[] percentiles() {
        int n = 0;
        for (int c : counts) {
            n += c;
        }
        long[] all = new long[n];
        int at = 0;
        for (int t = 0; t < counts.length; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        if (n == 0) {
            return new double[] {0, 0, 0};
        }
        return new double[] {all[(int) (n * 0.50)] / 1e3, all[Math.min(n - 1, (int) (n * 0.99))] / 1e3,
                all[Math.min(n - 1, (int) (n * 0.999))] / 1e3};
    }
}
