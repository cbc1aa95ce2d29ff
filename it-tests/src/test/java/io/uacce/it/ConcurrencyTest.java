package io.uacce.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.DeviceInfo;
import io.uacce.UacceQueue;
import io.uacce.qm.QmOptions;
import io.uacce.qm.QmQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many threads, many queues, every output verified; control-path races leave no queue behind. */
@ExtendWith(TargetExtension.class)
class ConcurrencyTest {
    private static final int THREADS = Integer.getInteger("uacce.it.threads", 8);

    private static <T> List<T> runAll(int n, java.util.function.IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                fs.add(pool.submit(task.apply(i)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : fs) {
                out.add(f.get(10, TimeUnit.MINUTES)); // a failed assertion in a thread fails here
            }
            return out;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    @Test
    void threadsWithTheirOwnQueues(ConformanceTarget t) throws Exception {
        DeviceInfo d = t.device();
        int n0 = d.availableInstances();
        int n = Math.min(THREADS, n0);
        assertTrue(n >= 2, "needs two free queues on " + d.name());
        List<Long> done = runAll(n, i -> () -> {
            SuiteZipSqe.Format f = i % 2 == 0 ? SuiteZipSqe.Format.ZLIB : SuiteZipSqe.Format.GZIP;
            QmOptions o = QmOptions.builder().qcType(i % 4 < 2 ? 0 : 1).build();
            try (QmQueue q = QmQueue.open(t.host(), d, o); ZipWorkload w = new ZipWorkload(q, f, 2048)) {
                w.run(i * 1_000_000L, 300, 1 + i % 8, 4 + 8 * i);
                return w.verified();
            }
        });
        for (long v : done) {
            assertEquals(300, v);
        }
        assertEquals(n0, d.availableInstances(), "every queue given back");
    }

    @Test
    void threadsSharingOneQueueUnderALock(ConformanceTarget t) throws Exception {
        ReentrantLock lock = new ReentrantLock();
        AtomicLong ids = new AtomicLong();
        try (QmQueue q = QmQueue.open(t.host(), t.device()); ZipWorkload w = new ZipWorkload(q, SuiteZipSqe.Format.ZLIB, 1024)) {
            runAll(4, i -> () -> {
                for (int k = 0; k < 25; k++) {
                    lock.lock();
                    try {
                        w.run(ids.getAndAdd(8), 8, 4, 8);
                    } finally {
                        lock.unlock();
                    }
                }
                return null;
            });
            assertEquals(4 * 25 * 8, w.verified());
            assertEquals(0, q.ring().outstanding());
        }
    }

    @Test
    void queuesOpenedAndClosedConcurrently(ConformanceTarget t) throws Exception {
        DeviceInfo d = t.device();
        int n0 = d.availableInstances();
        int threads = Math.max(2, Math.min(THREADS, n0 / 2));
        runAll(threads, i -> () -> {
            for (int k = 0; k < 20; k++) {
                try (UacceQueue a = t.host().open(d); UacceQueue b = t.host().open(d)) {
                    a.setContext(0);
                    b.setContext(1);
                    if (k % 2 == 0) {
                        a.start();
                    }
                }
            }
            return null;
        });
        assertEquals(n0, d.availableInstances(), "every queue given back");
    }
}
