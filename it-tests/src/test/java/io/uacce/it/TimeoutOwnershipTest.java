package io.uacce.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.DeviceInfo;
import io.uacce.DeviceTimeoutException;
import io.uacce.compress.Mode;
import io.uacce.compress.ZipEngine;
import io.uacce.compress.types.Format;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DMA ownership after a timeout (issue 8, rule 1), through the public API: a buffer the device
 * may still write is never handed back. The target writes requests late ({@link Fault#LATE_WRITES}:
 * the model holds each SQE before its DMA, the kernel stub and the CUSE daemon sleep after each
 * SQE), so a request times out before the device has written its destination. The driver must
 * stop the queue before it fails the request; the destination is then never written again. The
 * test copies each failed request's destination at the moment the failure reaches the caller and
 * checks, after the late write would have landed, that not one byte changed.
 */
@ExtendWith(TargetExtension.class)
class TimeoutOwnershipTest {
    private static final Duration TIMEOUT = Duration.ofMillis(Long.getLong("uacce.it.ownership.timeoutMs", 400));
    private static final Duration LATE = Duration.ofMillis(Long.getLong("uacce.it.ownership.lateMs", 2000));

    @Test
    void aTimedOutRequestsDestinationIsNeverWrittenAfterTheTimeout(ConformanceTarget t) throws Exception {
        Need.fault(t, Fault.LATE_WRITES);
        List<DeviceInfo> zlib = t.host().devices().stream().filter(d -> d.supports("zlib")).toList();
        byte[] data = ZipCorpus.random(40_000, 31);
        for (int i = 0; i < data.length; i += 4) {
            data[i] = 'a'; // compressible, so the output is never all zero
        }
        // Set before the engine opens its queues (the kernel stub picks its batching at open).
        zlib.forEach(d -> t.faults().lateWrites(d, LATE));
        try (Arena arena = Arena.ofShared()) {
            MemorySegment src = arena.allocate(data.length, 64);
            MemorySegment.copy(data, 0, src, ValueLayout.JAVA_BYTE, 0, data.length);
            long room = ZipEngine.maxCompressedLength(Format.ZLIB, data.length);
            MemorySegment first = arena.allocate(room, 64);
            MemorySegment second = arena.allocate(room, 64);
            AtomicReference<byte[]> firstAtFailure = new AtomicReference<>();
            byte[][] secondAtFailure = new byte[1][];
            assertTimeoutPreemptively(DeviceZip.NO_HANG, () -> {
                // One queue per direction: both requests share it, the second runs after the first.
                try (ZipEngine zip = ZipEngine.builder().mode(Mode.HARDWARE).host(t.host()).queuesPerDirection(1)
                        .requestTimeout(TIMEOUT).build()) {
                    assertTrue(zip.hardware(), zip.description());
                    CompletableFuture<Long> a = zip.compressAsync(Format.ZLIB, src, first);
                    CompletableFuture<Long> copied = a.whenComplete((n, e) -> {
                        if (e != null) {
                            firstAtFailure.set(first.toArray(ValueLayout.JAVA_BYTE)); // as handed back
                        }
                    });
                    DeviceTimeoutException e = assertThrows(DeviceTimeoutException.class,
                            () -> zip.compress(Format.ZLIB, src, second), "the request behind a late one times out");
                    secondAtFailure[0] = second.toArray(ValueLayout.JAVA_BYTE);
                    assertTrue(e.getMessage().contains("timeout") || e.getMessage().contains("ms"), e.getMessage());
                    try {
                        copied.get(DeviceZip.NO_HANG.toSeconds(), TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException failed) {
                        // the queue was stopped under it, or it timed out too: checked below
                    }
                    // Past the moment every held SQE would have run (the model holds each in turn).
                    Thread.sleep(2 * LATE.toMillis() + 1500);
                    assertArrayEquals(secondAtFailure[0], second.toArray(ValueLayout.JAVA_BYTE),
                            "the device wrote into the destination of a request that had timed out (" + t.name() + ")");
                    if (firstAtFailure.get() != null) {
                        assertArrayEquals(firstAtFailure.get(), first.toArray(ValueLayout.JAVA_BYTE),
                                "the device wrote into the destination of a request that had failed (" + t.name() + ")");
                    }
                    // The engine recovers on a new queue once the device is fast again.
                    zlib.forEach(d -> t.faults().lateWrites(d, Duration.ZERO));
                    byte[] back = zip.decompress(Format.ZLIB, zip.compress(Format.ZLIB, data));
                    assertEquals(data.length, back.length);
                    assertArrayEquals(data, back);
                }
            });
        } finally {
            zlib.forEach(d -> t.faults().lateWrites(d, Duration.ZERO));
        }
    }

    @Test
    void withoutTheLateWriteTheSameRequestsComplete(ConformanceTarget t) {
        // The control: the same two requests with a fast device complete with the right bytes,
        // so the timeout above comes from the late write, not from the requests themselves.
        byte[] data = ZipCorpus.random(40_000, 31);
        for (int i = 0; i < data.length; i += 4) {
            data[i] = 'a';
        }
        assertTimeoutPreemptively(DeviceZip.NO_HANG, () -> {
            try (ZipEngine zip = ZipEngine.builder().mode(Mode.HARDWARE).host(t.host()).queuesPerDirection(1)
                    .requestTimeout(Duration.ofSeconds(30)).build(); Arena arena = Arena.ofShared()) {
                MemorySegment src = arena.allocate(data.length, 64);
                MemorySegment.copy(data, 0, src, ValueLayout.JAVA_BYTE, 0, data.length);
                long room = ZipEngine.maxCompressedLength(Format.ZLIB, data.length);
                MemorySegment first = arena.allocate(room, 64);
                MemorySegment second = arena.allocate(room, 64);
                CompletableFuture<Long> a = zip.compressAsync(Format.ZLIB, src, first);
                long n2 = zip.compress(Format.ZLIB, src, second);
                long n1 = a.get(30, TimeUnit.SECONDS);
                for (long[] r : new long[][] {{n1, 0}, {n2, 1}}) {
                    MemorySegment out = r[1] == 0 ? first : second;
                    byte[] z = out.asSlice(0, r[0]).toArray(ValueLayout.JAVA_BYTE);
                    assertArrayEquals(data, ZipCorpus.jdkDecompress(Format.ZLIB, z, "request " + r[1]));
                }
            }
        });
    }
}
