package io.uacce.crypto.sec.bd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.uacce.Uacce;
import io.uacce.UacceException;
import io.uacce.request.RequestPool;
import io.uacce.request.RequestQueue;
import io.uacce.request.RequestSettings;
import io.uacce.request.Ticket;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelDevice;
import io.uacce.stubs.model.ModelHost;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Rule 1 of the request layer (DMA ownership) when the stop is slow: thread A's request times out
 * and A stops the queue (PUT_Q, which here takes seconds, as on a kernel that drains the
 * hardware); thread B, waiting on the same queue, gives up first ("could not be confirmed
 * stopped") and the owner closes the pool. The queue's device memory (the requests' keys, IVs,
 * sources and destinations) must stay allocated until A's PUT_Q has returned: the test watches
 * the buffers while the model reports a PUT_Q still running. Freeing at the pool's close (the
 * defect this test was written for) frees them about 2.5 s too early.
 */
class StopBeforeFreeTest {
    private static final long TIMEOUT_MS = 300;
    private final List<MemorySegment> buffers = new CopyOnWriteArrayList<>();

    @Test
    void memoryIsFreedOnlyAfterASlowStopReturned() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), this::run);
    }

    private void run() throws Exception {
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.SEC).api(ModelApi.V3).queues(1)).build()) {
            ModelDevice device = host.devices().get(0);
            RequestPool<SecRequest, SecResult> pool = RequestPool.open(Uacce.builder().target(host.target()).build(),
                    SecCodec.QUEUE_TYPE, SecCodec.INSTANCE, new RequestSettings(1, TIMEOUT_MS, 16L << 20, "test.sec"));
            RequestQueue<SecRequest, SecResult> q = pool.next();
            device.lateWrites(Duration.ofSeconds(6)); // nothing completes in time
            device.slowStops(Duration.ofSeconds(3)); // PUT_Q returns only after 3 s
            ExecutorService threads = Executors.newFixedThreadPool(2); // two threads at once, whatever the core count
            CompletableFuture<Throwable> a = CompletableFuture.supplyAsync(() -> call(q), threads);
            CompletableFuture<Throwable> b = CompletableFuture.supplyAsync(() -> call(q), threads);
            // the first to fail is the one that did not stop the queue: it fails while the stop runs
            Throwable first = (Throwable) CompletableFuture.anyOf(a, b).get(30, TimeUnit.SECONDS);
            assertInstanceOf(UacceException.class, first, String.valueOf(first));
            assertTrue(device.stopsRunning() > 0, "the other thread should still be in its slow PUT_Q");
            // the owner lets go of the queue while the other thread is still in PUT_Q (a close may
            // wait for that stop: run it aside and watch the buffers meanwhile)
            CompletableFuture<Void> closing = CompletableFuture.runAsync(pool::close, threads);
            int freedEarly = 0;
            while (device.stopsRunning() > 0) {
                for (MemorySegment s : buffers) {
                    if (!s.scope().isAlive() && device.stopsRunning() > 0) {
                        freedEarly++;
                    }
                }
                Thread.sleep(5);
            }
            closing.get(30, TimeUnit.SECONDS);
            assertInstanceOf(UacceException.class, a.get(30, TimeUnit.SECONDS));
            assertInstanceOf(UacceException.class, b.get(30, TimeUnit.SECONDS));
            threads.shutdown();
            assertEquals(0, freedEarly, "device buffers were freed while PUT_Q still ran (the device may write them)");
            assertEquals(8, buffers.size());
            // the stopping thread (a caller or the reaper) frees them once its PUT_Q returned
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (buffers.stream().anyMatch(s -> s.scope().isAlive()) && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            for (MemorySegment s : buffers) {
                assertFalse(s.scope().isAlive(), "freed once the stop returned and the pool was closed");
            }
        }
    }

    /** One AES-CBC request on {@code q}; returns what it threw (null if it completed). */
    private Throwable call(RequestQueue<SecRequest, SecResult> q) {
        try {
            int type = SecBd.typeFor(q.version());
            MemorySegment k = q.memory().allocate(16), v = q.memory().allocate(16);
            MemorySegment src = q.memory().allocate(4096), dst = q.memory().allocate(4096);
            buffers.addAll(List.of(k, v, src, dst));
            SecRequest r = new SecRequest();
            r.bdType = type;
            r.cipher(true, SecCodes.C_ALG_AES, SecCodes.C_MODE_CBC, 0, q.memory().deviceAddress(src),
                    q.memory().deviceAddress(dst), 4096, q.memory().deviceAddress(k), q.memory().deviceAddress(v));
            SecResult res = new SecResult();
            res.expectedType = type;
            q.call(r, new Ticket<>(res));
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
