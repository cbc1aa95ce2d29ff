package io.uacce.crypto.types;

/**
 * What one {@link UacceProvider} instance sent to its devices so far (a snapshot): the totals over
 * all engines, and each engine's own figures ({@link #sec()}, {@link #hpre()}: bytes, errors by
 * device status, timeouts, queue deaths, software fallbacks, the request layer's counters per queue).
 * Bring-up and conformance tests use it to see that requests reached the device rather than the
 * software path; {@code io.uacce.crypto.CryptoProviderMXBean} shows the same figures through JMX.
 *
 * @param deviceRequests   requests a device completed successfully (known-answer tests not included)
 * @param selfTestRequests known-answer requests sent before an algorithm's first device use
 * @param deviceFailures   device requests that gave no result (error completion, timeout, queue
 *                         fault): in AUTO each was redone in software, in HARDWARE each threw
 *                         {@link SecDeviceException}
 * @param zeroCopyRequests of the device requests, those whose data the device read from and wrote to
 *                         the caller's own memory (direct buffers on an SVA device): no copy
 * @param sec              the SEC engine's figures
 * @param hpre             the HPRE engine's figures
 */
public record ProviderStatistics(long deviceRequests, long selfTestRequests, long deviceFailures,
        long zeroCopyRequests, EngineStatistics sec, EngineStatistics hpre) {
    /** The totals without per-engine figures (both engines empty). */
    public ProviderStatistics(long deviceRequests, long selfTestRequests, long deviceFailures, long zeroCopyRequests) {
        this(deviceRequests, selfTestRequests, deviceFailures, zeroCopyRequests, EngineStatistics.none("SEC"),
                EngineStatistics.none("HPRE"));
    }

    /** Statistics without zero-copy requests (the form before the counter existed). */
    public ProviderStatistics(long deviceRequests, long selfTestRequests, long deviceFailures) {
        this(deviceRequests, selfTestRequests, deviceFailures, 0);
    }

    /** The totals of the engines' figures. */
    public static ProviderStatistics of(EngineStatistics sec, EngineStatistics hpre) {
        return new ProviderStatistics(sec.deviceRequests() + hpre.deviceRequests(),
                sec.selfTestRequests() + hpre.selfTestRequests(), sec.deviceFailures() + hpre.deviceFailures(),
                sec.zeroCopyRequests() + hpre.zeroCopyRequests(), sec, hpre);
    }
}
