package io.uacce.compress;

import io.uacce.request.RequestCounters;
import java.util.Map;

/**
 * A snapshot of a {@link ZipEngine}'s counters ({@link ZipEngine#statistics()}; the same figures
 * through JMX: {@link ZipEngineMXBean}; on the command line: {@code uacce-cli dfx --count}).
 *
 * @param hardware          the device does the work
 * @param description       engine and device
 * @param requests          one-shot and asynchronous API calls (streams are counted per device request only)
 * @param bytesIn           input bytes of the successful calls
 * @param bytesOut          output bytes of the successful calls
 * @param errors            calls that failed (data errors, device errors, timeouts, too-small destinations)
 * @param errorsByStatus    failed calls by device status ({@code "0x11"}), where the device gave one
 * @param timeouts          calls that failed with a device timeout
 * @param softwareFallbacks calls AUTO mode served in software (format not offered by the device, no device, or
 *                          the device failed the call and its retry)
 * @param deviceRetries     calls AUTO mode sent to the device again after a device error (timeout, queue
 *                          death, reset, EBUSY): on another queue, the dead one replaced
 * @param compressQueues    the request layer's counters of the compression queues (all queues ever opened)
 * @param decompressQueues  the same for the decompression queues
 * @param queues            per open queue (by queue name): device requests submitted, completed, failed by
 *                          status, failed without completion, out of service
 */
public record ZipStatistics(boolean hardware, String description, long requests, long bytesIn, long bytesOut,
        long errors, Map<String, Long> errorsByStatus, long timeouts, long softwareFallbacks, long deviceRetries,
        RequestCounters compressQueues, RequestCounters decompressQueues, Map<String, RequestCounters> queues) {
}
