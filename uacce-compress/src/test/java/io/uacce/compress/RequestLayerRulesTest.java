package io.uacce.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Uacce;
import io.uacce.UacceException;
import io.uacce.compress.device.DeviceEngine;
import io.uacce.compress.types.Format;
import io.uacce.stubs.model.ModelDevice;
import io.uacce.stubs.model.ModelHost;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Rules 2, 3 and 4 of issue 8 on the in-process model. */
class RequestLayerRulesTest {
    private static ZipEngine engine(ModelHost model, Duration timeout) {
        return ZipEngine.builder().mode(Mode.HARDWARE).host(Uacce.builder().target(model.target()).build())
                .requestTimeout(timeout).build();
    }

    /**
     * Rule 2: many threads submit while the device is reset again and again. Every submit either
     * succeeds or fails with a typed error, at once (the timeout is 60 s: a submit that waited
     * for it would trip the no-hang guard), every future completes, and no completion stage runs
     * while a driver lock is held: each failed future's stage asks another thread to read the
     * engine's counters (which take every queue's ring lock) and waits for it.
     */
    @Test
    void submitsRacingWithQueueDeathFailTypedAndAtOnceAndStagesRunWithoutDriverLocks() throws Exception {
        try (ModelHost model = ModelHost.builder().build(); ZipEngine zip = engine(model, Duration.ofSeconds(60))) {
            DeviceEngine device = (DeviceEngine) zip.engine();
            byte[] data = Corpus.compressible(20_000);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger typed = new AtomicInteger();
            AtomicReference<Throwable> wrong = new AtomicReference<>();
            AtomicInteger stagesUnderLock = new AtomicInteger();
            List<CompletableFuture<?>> all = java.util.Collections.synchronizedList(new ArrayList<>());
            assertTimeoutPreemptively(Duration.ofSeconds(50), () -> {
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    boolean async = t % 2 == 0;
                    threads.add(Thread.ofPlatform().start(() -> {
                        while (!stop.get()) {
                            if (async) {
                                CompletableFuture<byte[]> f = zip.compressAsync(Format.ZLIB, data);
                                all.add(f.whenComplete((r, e) -> {
                                    if (e == null) {
                                        return;
                                    }
                                    Thread probe = Thread.ofPlatform().start(() -> device.counters(true));
                                    try {
                                        if (!probe.join(Duration.ofSeconds(5))) {
                                            stagesUnderLock.incrementAndGet();
                                        }
                                    } catch (InterruptedException x) {
                                        Thread.currentThread().interrupt();
                                    }
                                }));
                            } else {
                                try {
                                    zip.compress(Format.ZLIB, data);
                                    ok.incrementAndGet();
                                } catch (UacceException e) {
                                    typed.incrementAndGet();
                                } catch (RuntimeException e) {
                                    wrong.compareAndSet(null, e);
                                }
                            }
                        }
                    }));
                }
                ModelDevice dev = model.devices().get(0);
                for (int i = 0; i < 8; i++) {
                    Thread.sleep(150);
                    dev.reset(); // stop words on every open queue of the device; new queues work again
                }
                Thread.sleep(150);
                stop.set(true);
                for (Thread t : threads) {
                    t.join();
                }
                for (CompletableFuture<?> f : List.copyOf(all)) {
                    try {
                        f.get(30, TimeUnit.SECONDS);
                        ok.incrementAndGet();
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof UacceException) {
                            typed.incrementAndGet();
                        } else {
                            wrong.compareAndSet(null, e.getCause());
                        }
                    }
                }
            });
            assertEquals(null, wrong.get(), "only typed errors (UacceException)");
            assertTrue(typed.get() > 0, "the resets failed requests: " + typed.get());
            assertTrue(ok.get() > 0, "requests succeeded between resets: " + ok.get());
            assertEquals(0, stagesUnderLock.get(), "a completion stage ran while a driver lock was held");
            assertArrayEquals(data, JdkZip.decompress(Format.ZLIB, zip.compress(Format.ZLIB, data)), "recovered");
        }
    }

    /**
     * Rule 3: asynchronous calls never run their work on the common pool. The pool is kept busy
     * (every worker spins) while each async form runs; work sent there would not finish until the
     * pool is released, and the bounded get would fail.
     */
    @Test
    void asynchronousCallsDoNotUseTheCommonPool() throws Exception {
        try (ModelHost model = ModelHost.builder().build(); ZipEngine zip = engine(model, Duration.ofSeconds(30))) {
            byte[] small = Corpus.compressible(10_000);
            byte[] packed = JdkZip.compress(Format.GZIP, small);
            byte[] big = Corpus.compressible((9 << 20)); // over 8 MiB: the stream path
            byte[] heapBig = Corpus.compressible((2 << 20)); // over the 1 MiB staging size
            AtomicBoolean release = new AtomicBoolean();
            int workers = ForkJoinPool.commonPool().getParallelism();
            AtomicInteger busy = new AtomicInteger();
            List<CompletableFuture<Void>> blockers = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                blockers.add(CompletableFuture.runAsync(() -> {
                    busy.incrementAndGet();
                    while (!release.get()) {
                        Thread.onSpinWait();
                    }
                }));
            }
            try {
                while (busy.get() < workers) {
                    Thread.onSpinWait();
                }
                assertArrayEquals(small, zip.decompressAsync(Format.GZIP, packed).get(20, TimeUnit.SECONDS),
                        "decompressAsync(byte[])");
                byte[] empty = zip.compressAsync(Format.GZIP, new byte[0]).get(20, TimeUnit.SECONDS);
                assertArrayEquals(new byte[0], JdkZip.decompress(Format.GZIP, empty), "empty input");
                byte[] b = zip.compressAsync(Format.ZLIB, big).get(60, TimeUnit.SECONDS);
                assertEquals(big.length, JdkZip.decompress(Format.ZLIB, b).length, "input over 8 MiB");
                byte[] h = zip.compressAsync(Format.ZLIB, heapBig).get(60, TimeUnit.SECONDS);
                assertArrayEquals(heapBig, JdkZip.decompress(Format.ZLIB, h), "heap input over 1 MiB");
                byte[] two = JdkZip.compress(Format.GZIP, small);
                byte[] members = new byte[two.length * 2];
                System.arraycopy(two, 0, members, 0, two.length);
                System.arraycopy(two, 0, members, two.length, two.length);
                byte[] out = new byte[small.length * 2];
                long n = zip.decompressAsync(Format.GZIP, MemorySegment.ofArray(members), MemorySegment.ofArray(out))
                        .get(20, TimeUnit.SECONDS);
                assertEquals(small.length * 2L, n, "two gzip members: the block fallback");
            } finally {
                release.set(true);
            }
            for (CompletableFuture<Void> f : blockers) {
                f.get(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Rule 4: bursts of asynchronous requests (more in flight than the session pool keeps) leave
     * the device memory flat, and freeBuffer really frees. {@code -Duacce.it.bursts} raises the
     * number of bursts (the 10^6 requests: 500 bursts).
     */
    @Test
    void asynchronousBurstsLeaveDeviceMemoryFlat() throws Exception {
        try (ModelHost model = ModelHost.builder().build(); ZipEngine zip = engine(model, Duration.ofSeconds(30))) {
            DeviceEngine device = (DeviceEngine) zip.engine();
            byte[] data = Corpus.compressible(256);
            int bursts = Integer.getInteger("uacce.it.bursts", 12);
            long afterFirst = -1;
            for (int b = 0; b < bursts; b++) {
                List<CompletableFuture<byte[]>> burst = new ArrayList<>();
                for (int i = 0; i < 2000; i++) {
                    burst.add(zip.compressAsync(Format.ZLIB, data));
                }
                for (CompletableFuture<byte[]> f : burst) {
                    f.get(60, TimeUnit.SECONDS);
                }
                long now = device.deviceMemoryBytes();
                if (b == 0) {
                    afterFirst = now;
                } else {
                    assertTrue(now <= afterFirst, "burst " + b + ": device memory grew from " + afterFirst + " to " + now);
                }
            }
            long before = device.deviceMemoryBytes();
            MemorySegment buf = zip.allocateBuffer(1 << 20);
            assertEquals(before + (1 << 20), device.deviceMemoryBytes());
            zip.freeBuffer(buf);
            assertEquals(before, device.deviceMemoryBytes(), "freeBuffer frees");
        }
    }
}
