package io.uacce.reliability.observe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.DeviceTimeoutException;
import io.uacce.Uacce;
import io.uacce.compress.Mode;
import io.uacce.compress.ZipEngine;
import io.uacce.compress.ZipStatistics;
import io.uacce.compress.types.Format;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelHost;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The engine's counters through the API and JMX, on the model (V2: raw deflate is not offered). */
class StatisticsTest {

    @Test
    void countsRequestsBytesErrorsByStatusTimeoutsAndFallbacks() throws Exception {
        try (ModelHost model = ModelHost.builder().device(s -> s.api(ModelApi.V2)).build();
                ZipEngine zip = ZipEngine.builder().mode(Mode.AUTO).host(Uacce.builder().target(model.target()).build())
                        .requestTimeout(Duration.ofMillis(500)).build()) {
            assertTrue(zip.hardware());
            byte[] data = new byte[10_000];
            Arrays.fill(data, (byte) 'a');
            byte[] z = zip.compress(Format.ZLIB, data);
            assertEquals(10_000, zip.decompress(Format.ZLIB, z).length);
            zip.compress(Format.RAW, data); // V2 has no raw deflate: AUTO serves it in software
            byte[] corrupt = z.clone();
            corrupt[4] ^= 0x7F; // inside the deflate data: the device refuses it with a status
            assertThrows(DataFormatException.class, () -> zip.decompress(Format.ZLIB, corrupt));
            model.devices().get(0).slowCompletions(Duration.ofSeconds(3));
            // AUTO: the timeout stops the queue, the retry on a new queue times out too, software serves it
            byte[] gz = zip.compress(Format.GZIP, data);
            assertArrayEquals(data, new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz)).readAllBytes());
            model.devices().get(0).slowCompletions(Duration.ZERO);

            ZipStatistics s = zip.statistics();
            assertEquals(5, s.requests(), s.toString());
            assertEquals(1, s.errors(), s.toString());
            assertEquals(1, s.errorsByStatus().values().stream().mapToLong(Long::longValue).sum(), s.toString());
            assertEquals(0, s.timeouts(), "recovered: no call failed with a timeout " + s);
            assertEquals(1, s.deviceRetries(), s.toString());
            assertEquals(2, s.softwareFallbacks(), s.toString()); // raw deflate, and the timed-out request
            assertTrue(s.compressQueues().queueDeaths() >= 2, s.toString()); // both timed-out queues were stopped
            assertTrue(s.compressQueues().failed() >= 2, s.toString());
            assertTrue(s.compressQueues().inflightHighWater() >= 1, s.toString());
            assertTrue(s.decompressQueues().statusFailures() >= 1, s.toString());
            assertFalse(s.queues().isEmpty(), s.toString());

            ObjectName name = new ObjectName(zip.jmxName());
            var server = ManagementFactory.getPlatformMBeanServer();
            assertEquals(5L, server.getAttribute(name, "Requests"));
            assertEquals(1L, server.getAttribute(name, "DeviceRetries"));
            assertEquals(s.compressQueues().inflightHighWater(), server.getAttribute(name, "InflightHighWater"));
            assertEquals(s.compressQueues().submitted() + s.decompressQueues().submitted(),
                    server.getAttribute(name, "DeviceRequestsSubmitted"));
            zip.close();
            assertFalse(server.isRegistered(name), "the MBean goes with the engine");
        }
    }

    @Test
    void hardwareModeCountsTheTimeoutAsAnError() throws Exception {
        try (ModelHost model = ModelHost.builder().build();
                ZipEngine zip = ZipEngine.builder().mode(Mode.HARDWARE).host(Uacce.builder().target(model.target()).build())
                        .requestTimeout(Duration.ofMillis(300)).build()) {
            byte[] data = new byte[10_000];
            zip.compress(Format.GZIP, data);
            model.devices().get(0).slowCompletions(Duration.ofSeconds(3));
            assertThrows(DeviceTimeoutException.class, () -> zip.compress(Format.GZIP, data));
            model.devices().get(0).slowCompletions(Duration.ZERO);
            ZipStatistics s = zip.statistics();
            assertEquals(1, s.timeouts(), s.toString());
            assertEquals(1, s.errors(), s.toString());
            assertEquals(0, s.deviceRetries(), s.toString());
            assertEquals(1, s.compressQueues().queueDeaths(), s.toString());
            assertEquals(1L, ManagementFactory.getPlatformMBeanServer().getAttribute(new ObjectName(zip.jmxName()),
                    "Timeouts"));
        }
    }
}
