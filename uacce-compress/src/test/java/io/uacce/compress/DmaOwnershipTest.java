package io.uacce.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.uacce.DeviceTimeoutException;
import io.uacce.Uacce;
import io.uacce.compress.types.Format;
import io.uacce.stubs.model.ModelDevice;
import io.uacce.stubs.model.ModelHost;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Rule 1 (issue 8), DMA ownership: a buffer the device may write is never handed back (result,
 * exception, completed future) while the device may still touch it. The model holds each SQE for
 * longer than the request timeout and only then writes the output (its canary); the driver must
 * stop the queue (PUT_Q) before it fails the request, so the canary never lands in the caller's
 * destination. Without the stop the held SQE runs and the destination fills.
 */
class DmaOwnershipTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final Duration LATE = Duration.ofMillis(1500);

    private static ZipEngine engine(ModelHost model) {
        return ZipEngine.builder().mode(Mode.HARDWARE).host(Uacce.builder().target(model.target()).build())
                .requestTimeout(TIMEOUT).build();
    }

    /** Native source the device reads in place, and a zeroed native destination it writes in place. */
    private static MemorySegment[] buffers(Arena arena) {
        byte[] data = Corpus.compressible(50_000);
        MemorySegment src = arena.allocate(data.length, 64);
        MemorySegment.copy(data, 0, src, ValueLayout.JAVA_BYTE, 0, data.length);
        MemorySegment dst = arena.allocate(ZipEngine.maxCompressedLength(Format.ZLIB, data.length), 64);
        return new MemorySegment[] {src, dst};
    }

    /** Waits past the late write (it would have landed by then), then counts non-zero bytes. */
    private static long canaryBytes(MemorySegment dst) throws InterruptedException {
        Thread.sleep(LATE.toMillis() + 700);
        long n = 0;
        for (long i = 0; i < dst.byteSize(); i++) {
            if (dst.get(ValueLayout.JAVA_BYTE, i) != 0) {
                n++;
            }
        }
        return n;
    }

    @Test
    void synchronousTimeoutStopsTheQueueBeforeThrowing() throws Exception {
        try (ModelHost model = ModelHost.builder().build(); ZipEngine zip = engine(model); Arena arena = Arena.ofShared()) {
            MemorySegment[] b = buffers(arena);
            model.devices().forEach(d -> d.lateWrites(LATE));
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                assertThrows(DeviceTimeoutException.class, () -> zip.compress(Format.ZLIB, b[0], b[1]));
            });
            assertEquals(0, canaryBytes(b[1]), "the device wrote into a destination handed back with the timeout");
        }
    }

    @Test
    void asynchronousTimeoutStopsTheQueueBeforeFailingTheFuture() throws Exception {
        try (ModelHost model = ModelHost.builder().build(); ZipEngine zip = engine(model); Arena arena = Arena.ofShared()) {
            MemorySegment[] b = buffers(arena);
            model.devices().forEach(d -> d.lateWrites(LATE));
            CompletableFuture<Long> f = zip.compressAsync(Format.ZLIB, b[0], b[1]);
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
            assertInstanceOf(DeviceTimeoutException.class, e.getCause());
            assertEquals(0, canaryBytes(b[1]), "the device wrote into a destination whose future had failed");
        }
    }

    @Test
    void closeWithARequestInFlightStopsTheQueueBeforeFailingIt() throws Exception {
        try (ModelHost model = ModelHost.builder().build(); Arena arena = Arena.ofShared()) {
            ZipEngine zip = ZipEngine.builder().mode(Mode.HARDWARE).host(Uacce.builder().target(model.target()).build())
                    .requestTimeout(Duration.ofMillis(1000)).build();
            MemorySegment[] b = buffers(arena);
            for (ModelDevice d : model.devices()) {
                d.lateWrites(LATE.plusMillis(1000)); // longer than close waits for requests in flight (the timeout)
            }
            CompletableFuture<Long> f = zip.compressAsync(Format.ZLIB, b[0], b[1]);
            zip.close();
            assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
            Thread.sleep(1000);
            assertEquals(0, canaryBytes(b[1]), "the device wrote into a destination after close failed its request");
        }
    }
}
