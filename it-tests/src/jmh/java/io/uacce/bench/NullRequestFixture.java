package io.uacce.bench;

import io.uacce.Uacce;
import io.uacce.request.QueueType;
import io.uacce.request.RequestCodec;
import io.uacce.request.RequestPool;
import io.uacce.request.RequestQueue;
import io.uacce.request.RequestSettings;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelHost;
import java.lang.foreign.MemorySegment;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the null-engine benchmarks share: one in-process model device of one engine kind, a request
 * pool on it with the provider's settings, one queue and one device buffer for the null request, all
 * closed at the end of the trial.
 */
abstract class NullRequestFixture<Q, R> {
    ModelHost model;
    RequestPool<Q, R> pool;
    RequestQueue<Q, R> queue;
    MemorySegment buf;

    /** Opens the model device, the pool and its first queue, and a device buffer of {@code bufBytes}; returns its device address. */
    long open(EngineKind engine, ModelApi api, QueueType type, RequestCodec<Q, R> codec, long bufBytes) {
        model = ModelHost.builder().device(d -> d.engine(engine).api(api).queues(2)).build();
        Uacce host = Uacce.builder().target(model.target()).build();
        pool = RequestPool.open(host, type, codec, RequestSettings.fromSystemProperties("uacce.crypto"));
        queue = pool.next();
        buf = queue.memory().allocate(bufBytes);
        return queue.memory().deviceAddress(buf);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        queue.memory().free(buf);
        pool.close();
        model.close();
    }
}
