package io.uacce.crypto.types;

/**
 * What one {@link UacceProvider} instance sent to its devices so far (a snapshot; all engines).
 * Bring-up and conformance tests use it to see that requests reached the device rather than the
 * software path.
 *
 * @param deviceRequests   requests a device completed successfully (known-answer tests not included)
 * @param selfTestRequests known-answer requests sent before an algorithm's first device use
 * @param deviceFailures   device requests that gave no result (error completion, timeout, queue
 *                         fault): in AUTO each was redone in software, in HARDWARE each threw
 *                         {@link SecDeviceException}
 * @param zeroCopyRequests of the device requests, those whose data the device read from and wrote to
 *                         the caller's own memory (direct buffers on an SVA device): no copy
 */
public record ProviderStatistics(long deviceRequests, long selfTestRequests, long deviceFailures,
        long zeroCopyRequests) {
    /** Statistics without zero-copy requests (the form before the counter existed). */
    public ProviderStatistics(long deviceRequests, long selfTestRequests, long deviceFailures) {
        this(deviceRequests, selfTestRequests, deviceFailures, 0);
    }
}
