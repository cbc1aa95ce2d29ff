package io.uacce.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.DeviceTimeoutException;
import io.uacce.Uacce;
import io.uacce.UacceException;
import io.uacce.compress.types.Format;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelDevice;
import io.uacce.stubs.model.ModelHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the fault campaign's findings, each reproduced on the model. Leaked queues after a
 * reset whose reopen meets EBUSY; a lost completion hidden by the completions of other requests;
 * CQ overflow; AUTO mode's per-request recovery (HARDWARE keeps the typed error).
 */
class FaultRecoveryTest {
    private static final Duration BOUND = Duration.ofSeconds(60);

    private static ZipEngine engine(ModelHost model, Mode mode, Duration timeout) {
        return ZipEngine.builder().mode(mode).host(Uacce.builder().target(model.target()).build())
                .queuesPerDirection(1).requestTimeout(timeout).build();
    }

    /** Campaign finding "UacceQueue was never closed": the dead queue was dropped from the pool unclosed. */
    @Test
    void aDeadQueueIsClosedEvenWhenItsReplacementCannotBeOpened() throws Exception {
        try (ModelHost model = ModelHost.builder().build()) {
            ModelDevice dev = model.devices().get(0);
            byte[] data = Corpus.compressible(50_000);
            try (ZipEngine zip = engine(model, Mode.HARDWARE, Duration.ofSeconds(10))) {
                zip.compress(Format.GZIP, data);
                assertEquals(1, dev.openQueues());
                dev.reset();
                assertTimeoutPreemptively(BOUND, () -> {
                    assertThrows(UacceException.class, () -> zip.compress(Format.GZIP, data)); // stop words: dead
                    dev.exhaustQueues(); // in-kernel users take every free queue: the reopen fails
                    for (int i = 0; i < 3; i++) { // the dead queue is dropped from the pool, the reopen fails
                        assertThrows(UacceException.class, () -> zip.compress(Format.GZIP, data));
                    }
                });
                dev.restoreQueues();
                assertEquals(0, dev.openQueues(), "the dead queue's file is closed once it left the pool");
                assertArrayEquals(data, JdkZip.decompress(Format.GZIP, zip.compress(Format.GZIP, data)));
            }
            assertEquals(0, dev.openQueues(), "every queue closed with the engine");
        }
    }

    /**
     * Campaign finding "asynchronous request not completed within 14x the timeout": the queue's
     * clock restarts at every completion, so a request whose completion the device lost never
     * timed out while other requests kept completing. Each request now has its own deadline.
     */
    @Test
    void aLostCompletionFailsByItsOwnDeadlineWhileOtherRequestsComplete() throws Exception {
        try (ModelHost model = ModelHost.builder().build();
             ZipEngine zip = engine(model, Mode.HARDWARE, Duration.ofMillis(300))) {
            ModelDevice dev = model.devices().get(0);
            byte[] small = Corpus.compressible(2000);
            zip.compress(Format.ZLIB, small);
            dev.loseCompletions(1);
            CompletableFuture<byte[]> lost = zip.compressAsync(Format.ZLIB, Corpus.compressible(10_000));
            // Keep the queue busy with requests that complete, one every 50 ms (< the 300 ms timeout),
            // for 5 timeouts: without a per-request deadline the lost one waits as long as this goes on.
            for (int i = 0; i < 30 && !lost.isDone(); i++) {
                try {
                    assertArrayEquals(small, JdkZip.decompress(Format.ZLIB, zip.compress(Format.ZLIB, small)));
                } catch (UacceException e) {
                    // the request in flight when the queue was stopped: typed
                }
                Thread.sleep(50);
            }
            assertTrue(lost.isDone(), "the lost request's future completed while the queue stayed busy");
            ExecutionException e = assertThrows(ExecutionException.class, () -> lost.get(1, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof DeviceTimeoutException, e.getCause().toString());
            assertArrayEquals(small, JdkZip.decompress(Format.ZLIB, zip.compress(Format.ZLIB, small)), "a new queue");
        }
    }

    /** CQ overflow (the device misses CQ doorbells): a typed error or a right result, never a hang. */
    @Test
    void aCqOverflowStopsTheQueueWithATypedErrorAndANewQueueTakesOver() throws Exception {
        try (ModelHost model = ModelHost.builder().cqGrace(Duration.ofMillis(20))
                .device(s -> s.api(ModelApi.V3).depth(16)).build();
             ZipEngine zip = engine(model, Mode.HARDWARE, Duration.ofSeconds(10))) {
            ModelDevice dev = model.devices().get(0);
            byte[] data = Corpus.compressible(20_000);
            zip.compress(Format.GZIP, data);
            dev.dropCqDoorbells(true);
            UacceException typed = assertTimeoutPreemptively(BOUND, () -> {
                for (int i = 0; i < 64; i++) {
                    try {
                        assertArrayEquals(data, JdkZip.decompress(Format.GZIP, zip.compress(Format.GZIP, data)));
                    } catch (UacceException e) {
                        return e;
                    }
                }
                return null;
            });
            assertTrue(typed != null && dev.overflows() >= 1, "overflows " + dev.overflows() + ", error " + typed);
            List<CompletableFuture<byte[]>> async = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                async.add(zip.compressAsync(Format.GZIP, data));
            }
            int right = 0;
            for (CompletableFuture<byte[]> f : async) {
                try {
                    assertArrayEquals(data, JdkZip.decompress(Format.GZIP, f.get(BOUND.toSeconds(), TimeUnit.SECONDS)));
                    right++;
                } catch (ExecutionException e) {
                    assertTrue(e.getCause() instanceof UacceException, e.getCause().toString());
                }
            }
            assertTrue(dev.overflows() >= 2, "the asynchronous burst overflowed the CQ again: " + dev.overflows()
                    + " overflows, " + right + " right");
            dev.dropCqDoorbells(false);
            assertArrayEquals(data, JdkZip.decompress(Format.GZIP, zip.compress(Format.GZIP, data)));
        }
    }

    /** AUTO: a reset costs a retry on a new queue, not an error. */
    @Test
    void autoModeRetriesARequestOnANewQueueAfterAReset() throws Exception {
        try (ModelHost model = ModelHost.builder().build();
             ZipEngine zip = engine(model, Mode.AUTO, Duration.ofSeconds(10))) {
            ModelDevice dev = model.devices().get(0);
            byte[] data = Corpus.compressible(50_000);
            zip.compress(Format.GZIP, data);
            dev.reset();
            assertArrayEquals(data, JdkZip.decompress(Format.GZIP, zip.compress(Format.GZIP, data)));
            ZipStatistics s = zip.statistics();
            assertEquals(1, s.deviceRetries(), s.toString());
            assertEquals(0, s.softwareFallbacks(), s.toString());
            assertEquals(0, s.errors(), s.toString());
            dev.reset();
            assertArrayEquals(data, JdkZip.decompress(Format.GZIP, zip.compressAsync(Format.GZIP, data)
                    .get(BOUND.toSeconds(), TimeUnit.SECONDS)));
            assertEquals(2, zip.statistics().deviceRetries());
        }
    }

    /** AUTO: when the retry fails too (the device was removed), the request runs in software; HARDWARE throws. */
    @Test
    void autoModeRunsARequestInSoftwareWhenTheDeviceIsGoneAndHardwareModeThrows() throws Exception {
        try (ModelHost model = ModelHost.builder().build()) {
            ModelDevice dev = model.devices().get(0);
            byte[] data = Corpus.compressible(50_000);
            byte[] gz = JdkZip.compress(Format.GZIP, data);
            try (ZipEngine auto = engine(model, Mode.AUTO, Duration.ofSeconds(10));
                 ZipEngine hard = engine(model, Mode.HARDWARE, Duration.ofSeconds(10))) {
                auto.decompress(Format.GZIP, gz);
                hard.decompress(Format.GZIP, gz);
                dev.remove();
                assertArrayEquals(data, auto.decompress(Format.GZIP, gz));
                ZipStatistics s = auto.statistics();
                assertEquals(1, s.deviceRetries(), s.toString());
                assertEquals(1, s.softwareFallbacks(), s.toString());
                assertArrayEquals(data, auto.decompressAsync(Format.GZIP, gz).get(BOUND.toSeconds(), TimeUnit.SECONDS));
                assertTrue(auto.statistics().softwareFallbacks() >= 2, auto.statistics().toString());
                assertThrows(UacceException.class, () -> hard.decompress(Format.GZIP, gz));
                assertThrows(io.uacce.NoDeviceException.class, () -> hard.decompress(Format.GZIP, gz));
            }
            assertEquals(0, dev.openQueues());
        }
    }
}
