package io.uacce.compress;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a {@link ZipEngineMXBean} per open engine ({@code io.uacce:type=ZipEngine,name=zip-N});
 * a JVM without a platform MBean server, or one that refuses, gets no MBean and one debug line.
 */
final class EngineJmx implements ZipEngineMXBean {
    private static final Logger LOG = LoggerFactory.getLogger(EngineJmx.class);
    private static final AtomicInteger NEXT = new AtomicInteger();

    private final ZipEngine zip;
    private final String name;
    private volatile boolean registered;

    private EngineJmx(ZipEngine zip, String name) {
        this.zip = zip;
        this.name = name;
    }

    static EngineJmx register(ZipEngine zip) {
        EngineJmx j = new EngineJmx(zip, "io.uacce:type=ZipEngine,name=zip-" + NEXT.getAndIncrement());
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(j, new ObjectName(j.name));
            j.registered = true;
        } catch (JMException | RuntimeException | LinkageError e) {
            LOG.debug("no JMX view of {}: {}", j.name, e.toString());
        }
        return j;
    }

    String name() {
        return name;
    }

    void unregister() {
        if (registered) {
            registered = false;
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(new ObjectName(name));
            } catch (JMException | RuntimeException e) {
                LOG.debug("unregistering {}: {}", name, e.toString());
            }
        }
    }

    private ZipStatistics s() {
        return zip.statistics();
    }

    @Override
    public String getDescription() {
        return zip.description();
    }

    @Override
    public boolean isHardware() {
        return zip.hardware();
    }

    @Override
    public long getRequests() {
        return s().requests();
    }

    @Override
    public long getBytesIn() {
        return s().bytesIn();
    }

    @Override
    public long getBytesOut() {
        return s().bytesOut();
    }

    @Override
    public long getErrors() {
        return s().errors();
    }

    @Override
    public Map<String, Long> getErrorsByStatus() {
        return s().errorsByStatus();
    }

    @Override
    public long getTimeouts() {
        return s().timeouts();
    }

    @Override
    public long getSoftwareFallbacks() {
        return s().softwareFallbacks();
    }

    @Override
    public long getDeviceRetries() {
        return s().deviceRetries();
    }

    @Override
    public long getInflightHighWater() {
        ZipStatistics s = s();
        return Math.max(s.compressQueues().inflightHighWater(), s.decompressQueues().inflightHighWater());
    }

    @Override
    public long getRekicks() {
        ZipStatistics s = s();
        return s.compressQueues().rekicks() + s.decompressQueues().rekicks();
    }

    @Override
    public long getDeviceRequestsSubmitted() {
        ZipStatistics s = s();
        return s.compressQueues().submitted() + s.decompressQueues().submitted();
    }

    @Override
    public long getDeviceRequestsCompleted() {
        ZipStatistics s = s();
        return s.compressQueues().completed() + s.decompressQueues().completed();
    }

    @Override
    public long getDeviceStatusFailures() {
        ZipStatistics s = s();
        return s.compressQueues().statusFailures() + s.decompressQueues().statusFailures();
    }

    @Override
    public long getDeviceRequestsFailed() {
        ZipStatistics s = s();
        return s.compressQueues().failed() + s.decompressQueues().failed();
    }

    @Override
    public long getQueueDeaths() {
        ZipStatistics s = s();
        return s.compressQueues().queueDeaths() + s.decompressQueues().queueDeaths();
    }

    @Override
    public Map<String, String> getQueues() {
        Map<String, String> m = new LinkedHashMap<>();
        s().queues().forEach((q, c) -> m.put(q, c.toString()));
        return m;
    }
}
