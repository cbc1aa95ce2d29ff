package io.uacce.crypto.types;

import io.uacce.request.RequestCounters;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one engine (SEC or HPRE) of a {@code UacceProvider} did so far, a snapshot
 * ({@link ProviderStatistics#sec()}, {@link ProviderStatistics#hpre()}; the same figures through JMX,
 * {@code io.uacce.crypto.CryptoProviderMXBean}, and on the command line, {@code uacce-cli dfx --engine sec}).
 * Counted per device request (a JCA call may need several: a message longer than one BD, an AEAD
 * self-test) except {@code softwareFallbacks}.
 *
 * @param engine            {@code "SEC"} or {@code "HPRE"}
 * @param deviceRequests    requests the device completed successfully (known-answer tests not included)
 * @param bytesIn           operand bytes of those requests (cipher text, message, AAD, RSA/ECC operands; keys
 *                          and IVs not counted), as the request layer's JFR event counts them
 * @param bytesOut          result bytes of those requests (text, digest, tag, RSA/ECC result)
 * @param deviceFailures    device requests that gave no result: error completion, timeout, queue fault, no queue
 * @param errorsByStatus    error completions by device status in hex: SEC {@code error_type} (with the
 *                          done/ICV/BD-type bits above it, docs/request.md), HPRE {@code etype} (with {@code etype1}
 *                          and the done bit above it), e.g. {@code "0x11" -> 2}
 * @param timeouts          device requests (known-answer ones included) that failed with a device timeout
 * @param queueDeaths       queues taken out of service (the request layer's count, all queues ever opened)
 * @param softwareFallbacks AUTO calls served in software because the device could not: no device, algorithm or
 *                          parameters not offered by this device (generation), known-answer test failed, device
 *                          error or timeout (calls below the size threshold are not counted: they never try)
 * @param selfTestRequests  known-answer requests sent before an algorithm's first device use
 * @param zeroCopyRequests  device requests that read and wrote the caller's memory directly (SVA, direct buffers)
 * @param requestLayer      the request layer's counters summed over the engine's queues (all ever opened; the
 *                          high-water mark is the highest of any queue)
 * @param queues            the request layer's counters per open queue, by queue name
 */
public record EngineStatistics(String engine, long deviceRequests, long bytesIn, long bytesOut, long deviceFailures,
        Map<String, Long> errorsByStatus, long timeouts, long queueDeaths, long softwareFallbacks,
        long selfTestRequests, long zeroCopyRequests, RequestCounters requestLayer,
        Map<String, RequestCounters> queues) {

    public EngineStatistics {
        errorsByStatus = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(errorsByStatus));
        queues = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(queues));
    }

    /** An engine that did nothing yet. */
    public static EngineStatistics none(String engine) {
        return new EngineStatistics(engine, 0, 0, 0, 0, Map.of(), 0, 0, 0, 0, 0,
                RequestCounters.ZERO, Map.of());
    }

    /** Most device requests in flight at once on one of the engine's queues (the request layer's mark). */
    public long inflightHighWater() {
        return requestLayer.inflightHighWater();
    }

    /** Doorbells written again because nothing arrived (memory-backed doorbells only; 0 on the real kernel). */
    public long rekicks() {
        return requestLayer.rekicks();
    }

    /**
     * The counters by name, in a fixed order, as {@code dfx} prints them and JMX shows them:
     * {@code requests, bytes_in, bytes_out, failures, errors_status_0x.. (one per status), timeouts,
     * queue_deaths, software_fallbacks, self_tests, zero_copy, inflight_max, rekicks}.
     */
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("requests", deviceRequests);
        m.put("bytes_in", bytesIn);
        m.put("bytes_out", bytesOut);
        m.put("failures", deviceFailures);
        errorsByStatus.forEach((s, n) -> m.put("errors_status_" + s, n));
        m.put("timeouts", timeouts);
        m.put("queue_deaths", queueDeaths);
        m.put("software_fallbacks", softwareFallbacks);
        m.put("self_tests", selfTestRequests);
        m.put("zero_copy", zeroCopyRequests);
        m.put("inflight_max", inflightHighWater());
        m.put("rekicks", rekicks());
        return m;
    }
}
