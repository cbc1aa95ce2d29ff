package io.uacce.reliability.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Uacce;
import io.uacce.UacceException;
import io.uacce.compress.Mode;
import io.uacce.compress.ZipEngine;
import io.uacce.compress.types.Format;
import io.uacce.stubs.model.ModelHost;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 observability: the request layer's JFR events (device requests with their fields, queue
 * lifecycle) and its SLF4J lines (one per queue state change, none per request).
 */
class QueueEventsTest {
    private static final int SYNC = 30;
    private static final int ASYNC = 6;
    private static final byte[] DATA = text(20_000);

    private static byte[] text(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ("queue events, one line per state change ".charAt(i % 40) ^ (i >>> 10));
        }
        return b;
    }

    /** Requests, a reset (one request fails on the stopped queue), recovery on a new queue, close. */
    private static void workload() throws Exception {
        try (ModelHost model = ModelHost.builder().build();
             ZipEngine zip = ZipEngine.builder().mode(Mode.HARDWARE).host(Uacce.builder().target(model.target()).build())
                     .queuesPerDirection(1).requestTimeout(Duration.ofSeconds(20)).build()) {
            for (int i = 0; i < SYNC; i++) {
                zip.compress(Format.ZLIB, DATA);
            }
            List<CompletableFuture<byte[]>> async = new ArrayList<>();
            for (int i = 0; i < ASYNC; i++) {
                async.add(zip.compressAsync(Format.ZLIB, DATA));
            }
            for (CompletableFuture<byte[]> f : async) {
                f.get(60, TimeUnit.SECONDS);
            }
            model.devices().get(0).reset();
            assertThrows(UacceException.class, () -> zip.compress(Format.ZLIB, DATA));
            zip.compress(Format.ZLIB, DATA);
        }
    }

    @Test
    void jfrRecordsEveryDeviceRequestWithItsFieldsAndEveryQueueStateChange() throws Exception {
        Path file = Files.createTempFile("uacce-events", ".jfr");
        try {
            try (Recording r = new Recording()) {
                r.enable("io.uacce.DeviceRequest");
                r.enable("io.uacce.QueueState");
                r.start();
                workload();
                r.stop();
                r.dump(file);
            }
            List<RecordedEvent> events = RecordingFile.readAllEvents(file);
            List<RecordedEvent> requests = events.stream()
                    .filter(e -> e.getEventType().getName().equals("io.uacce.DeviceRequest")).toList();
            List<RecordedEvent> ok = requests.stream().filter(e -> e.getBoolean("success")).toList();
            assertEquals(SYNC + ASYNC + 1, ok.size(), requests.toString());
            for (RecordedEvent e : ok) {
                assertEquals("hisi_zip-0", e.getString("device"));
                assertTrue(e.getString("queue").startsWith("hisi_zip-0 qn "), e.toString());
                assertEquals(DATA.length, e.getLong("bytesIn"), e.toString());
                long out = e.getLong("bytesOut");
                assertTrue(out > 0 && out < DATA.length, e.toString());
                assertEquals(0, e.getInt("status"), e.toString());
                assertTrue(e.getString("failure") == null, e.toString());
                assertTrue(!e.getDuration().isNegative(), e.toString());
            }
            assertEquals(ASYNC, ok.stream().filter(e -> e.getBoolean("async")).count(), ok.toString());
            List<RecordedEvent> failed = requests.stream().filter(e -> !e.getBoolean("success")).toList();
            assertEquals(1, failed.size(), failed.toString());
            assertEquals(-1, failed.get(0).getInt("status"));
            assertTrue(failed.get(0).getString("failure").startsWith("DeviceStoppedException"), failed.toString());

            List<String> states = events.stream().filter(e -> e.getEventType().getName().equals("io.uacce.QueueState"))
                    .sorted((a, b) -> a.getStartTime().compareTo(b.getStartTime()))
                    .map(e -> e.getString("queue").replaceAll(".* qn (\\d+) .*", "qn$1") + " " + e.getString("state"))
                    .toList();
            String first = states.get(0).split(" ")[0];
            assertEquals(List.of(first + " open", first + " start", first + " reset"), states.subList(0, 3), states.toString());
            String second = states.get(3).split(" ")[0];
            assertTrue(states.containsAll(List.of(first + " close", second + " open", second + " start", second + " stop",
                    second + " close")), states.toString());
            assertEquals(8, states.size(), states.toString());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void oneLogLinePerQueueStateChangeAndNonePerRequest() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8)); // slf4j-simple writes to System.err
        try {
            workload();
        } finally {
            System.setErr(err);
        }
        String log = buf.toString(StandardCharsets.UTF_8);
        err.print(log);
        List<String> lines = Arrays.stream(log.split("\n")).filter(l -> l.contains("io.uacce.request.RequestQueue")).toList();
        // started (first queue), stopped by the device (the reset), started (its replacement), stopped (close)
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).contains("INFO") && lines.get(0).contains(" started"), lines.get(0));
        assertTrue(lines.get(1).contains("WARN") && lines.get(1).contains("stopped by the device"), lines.get(1));
        assertTrue(lines.get(2).contains("INFO") && lines.get(2).contains(" started"), lines.get(2));
        assertTrue(lines.get(3).contains("INFO") && lines.get(3).contains(" stopped: PUT_Q"), lines.get(3));
    }
}
