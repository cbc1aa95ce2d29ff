package io.uacce.crypto;

import java.util.Map;

/**
 * JMX view of one {@link UacceProvider} instance ({@code io.uacce:type=CryptoProvider,name=uacce-N},
 * registered from its first device use until {@link UacceProvider#close()}): what
 * {@link UacceProvider#statistics()} returns, as attributes JConsole, JMC or any JMX client reads.
 * Each engine's counters are one map, keyed as {@code uacce-cli dfx --engine sec|hpre} prints them
 * ({@link io.uacce.crypto.types.EngineStatistics#counters()}).
 */
public interface CryptoProviderMXBean {
    /** auto, hardware or software. */
    String getMode();

    /** Successful device requests, all engines (known-answer tests not included). */
    long getDeviceRequests();

    long getSelfTestRequests();

    long getDeviceFailures();

    long getZeroCopyRequests();

    /** The SEC engine's counters: requests, bytes_in, bytes_out, failures, errors_status_0x.., timeouts, ... */
    Map<String, Long> getSecCounters();

    /** SEC error completions by device status ({@code "0x11"}). */
    Map<String, Long> getSecErrorsByStatus();

    /** The SEC queues open now and the request layer's counters of each, one line each. */
    Map<String, String> getSecQueues();

    /** The HPRE engine's counters, keyed as {@link #getSecCounters()}. */
    Map<String, Long> getHpreCounters();

    Map<String, Long> getHpreErrorsByStatus();

    Map<String, String> getHpreQueues();
}
