package io.uacce.compress;

import java.util.Map;

/**
 * JMX view of one {@link ZipEngine} ({@code io.uacce:type=ZipEngine,name=zip-N}, registered while
 * the engine is open): what {@link ZipEngine#statistics()} returns, as attributes JConsole, JMC or
 * any JMX client reads.
 */
public interface ZipEngineMXBean {
    String getDescription();

    boolean isHardware();

    long getRequests();

    long getBytesIn();

    long getBytesOut();

    long getErrors();

    Map<String, Long> getErrorsByStatus();

    long getTimeouts();

    long getSoftwareFallbacks();

    /** AUTO: calls sent to the device again after a device error. */
    long getDeviceRetries();

    /** Most device requests in flight at once on one queue (all queues ever opened). */
    long getInflightHighWater();

    /** Doorbells rewritten because nothing arrived (memory-backed doorbell targets only; 0 on the real kernel). */
    long getRekicks();

    /** Device requests submitted, both directions (all queues). */
    long getDeviceRequestsSubmitted();

    long getDeviceRequestsCompleted();

    /** Device completions whose status was a failure. */
    long getDeviceStatusFailures();

    /** Device requests failed without a completion (timeout, queue death, close). */
    long getDeviceRequestsFailed();

    /** Queues taken out of service. */
    long getQueueDeaths();

    /** Open queues and their counters, one line each. */
    Map<String, String> getQueues();
}
