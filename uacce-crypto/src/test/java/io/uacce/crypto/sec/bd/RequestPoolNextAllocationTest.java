package io.uacce.crypto.sec.bd;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Uacce;
import io.uacce.request.RequestPool;
import io.uacce.request.RequestQueue;
import io.uacce.request.RequestSettings;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelHost;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * SEC and HPRE take a queue from their pool for every request: while all its queues are alive,
 * {@link RequestPool#next()} allocates nothing (the best of a few rounds, so a JIT
 * deoptimisation cannot fail it) and still goes round the queues.
 */
class RequestPoolNextAllocationTest {
    @Test
    void nextAllocatesNothingWhileEveryQueueIsAlive() {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.SEC).api(ModelApi.V3).queues(2)).build();
             RequestPool<SecRequest, SecResult> pool = RequestPool.open(Uacce.builder().target(host.target()).build(),
                     SecCodec.QUEUE_TYPE, SecCodec.INSTANCE, new RequestSettings(2, 10_000, 1L << 20, "test.sec"))) {
            RequestQueue<SecRequest, SecResult> a = pool.next();
            RequestQueue<SecRequest, SecResult> b = pool.next();
            assertTrue(a != b, "two queues, round-robin");
            assertSame(a, pool.next());
            int ops = 10_000;
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 6; round++) {
                long b0 = mx.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < ops; i++) {
                    pool.next();
                }
                best = Math.min(best, (mx.getCurrentThreadAllocatedBytes() - b0) / (double) ops);
            }
            assertTrue(best < 1, "RequestPool.next() allocates " + best + " B/op");
        }
    }
}
