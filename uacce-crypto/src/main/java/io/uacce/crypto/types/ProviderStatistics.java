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
 */
public record ProviderStatistics(long deviceRequests, long selfTestRequests, long deviceFailures) {
}
