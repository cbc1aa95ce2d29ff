package io.uacce.crypto;

import io.uacce.crypto.types.EngineStatistics;
import io.uacce.crypto.types.ProviderStatistics;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CryptoProviderMXBean} of one provider instance
 * ({@code io.uacce:type=CryptoProvider,name=uacce-N}, N numbered per JVM). Registered when the
 * provider opens its first device resource, unregistered at its close; a JVM without a platform MBean
 * server, or one that refuses, gets no MBean and one debug line: JMX never breaks the provider.
 */
final class ProviderJmx implements CryptoProviderMXBean {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderJmx.class);
    private static final AtomicInteger NEXT = new AtomicInteger();

    private final UacceProvider provider;
    private final String name;
    private boolean registered;
    private boolean closed;

    ProviderJmx(UacceProvider provider) {
        this.provider = provider;
        this.name = "io.uacce:type=CryptoProvider,name=uacce-" + NEXT.getAndIncrement();
    }

    String name() {
        return name;
    }

    synchronized boolean registered() {
        return registered;
    }

    /** Registers the MBean (once; never after {@link #unregister()}). */
    synchronized void register() {
        if (registered || closed) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(this, new ObjectName(name));
            registered = true;
        } catch (JMException | RuntimeException | LinkageError e) {
            LOG.debug("no JMX view of {}: {}", name, e.toString());
        }
    }

    synchronized void unregister() {
        closed = true;
        if (registered) {
            registered = false;
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(new ObjectName(name));
            } catch (JMException | RuntimeException e) {
                LOG.debug("unregistering {}: {}", name, e.toString());
            }
        }
    }

    private ProviderStatistics s() {
        return provider.statistics();
    }

    private static Map<String, String> queues(EngineStatistics e) {
        Map<String, String> m = new LinkedHashMap<>();
        e.queues().forEach((q, c) -> m.put(q, c.toString()));
        return m;
    }

    @Override
    public String getMode() {
        return provider.settings().mode().name().toLowerCase(Locale.ROOT);
    }

    @Override
    public long getDeviceRequests() {
        return s().deviceRequests();
    }

    @Override
    public long getSelfTestRequests() {
        return s().selfTestRequests();
    }

    @Override
    public long getDeviceFailures() {
        return s().deviceFailures();
    }

    @Override
    public long getZeroCopyRequests() {
        return s().zeroCopyRequests();
    }

    @Override
    public Map<String, Long> getSecCounters() {
        return s().sec().counters();
    }

    @Override
    public Map<String, Long> getSecErrorsByStatus() {
        return s().sec().errorsByStatus();
    }

    @Override
    public Map<String, String> getSecQueues() {
        return queues(s().sec());
    }

    @Override
    public Map<String, Long> getHpreCounters() {
        return s().hpre().counters();
    }

    @Override
    public Map<String, Long> getHpreErrorsByStatus() {
        return s().hpre().errorsByStatus();
    }

    @Override
    public Map<String, String> getHpreQueues() {
        return queues(s().hpre());
    }
}
