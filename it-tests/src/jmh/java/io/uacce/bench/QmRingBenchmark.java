package io.uacce.bench;

import io.uacce.Uacce;
import io.uacce.qm.QmOptions;
import io.uacce.qm.QmQueue;
import io.uacce.qm.QmRing;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelHost;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The QM ring against the in-process model's NULL engine (the "device" completes every SQE at
 * once on its own thread): cost of the driver side of submit + doorbell + phase-bit reap.
 *
 * <ul>
 *   <li>{@code roundTrip}: one request in flight: reserve, publish, wait (spin), release.</li>
 *   <li>{@code pipelined}: {@value #WINDOW} batches of {@value #BATCH} kept in flight; one
 *       invocation reaps one batch worth of completions and publishes a new batch; reported per SQE.</li>
 * </ul>
 *
 * Run with {@code -prof gc} to see B/op (target 0 in steady state).
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class QmRingBenchmark {
    static final int BATCH = 32;
    static final int WINDOW = 4;

    private ModelHost host;
    private QmQueue queue;
    private QmRing ring;

    @Setup(Level.Trial)
    public void setUp() {
        host = ModelHost.builder().device(d -> d.engine(EngineKind.NULL)).build();
        Uacce uacce = Uacce.builder().target(host.target()).build();
        queue = QmQueue.open(uacce, uacce.devices().getFirst(), QmOptions.defaults());
        ring = queue.ring();
        for (int i = 0; i < WINDOW; i++) {
            submitBatch();
        }
        drain();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        queue.close();
        host.close();
    }

    @Benchmark
    @BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
    public int roundTrip() {
        int slot = ring.tryReserve();
        ring.publish();
        int done = ring.awaitCompletion();
        ring.release(done);
        return slot ^ done;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OperationsPerInvocation(BATCH)
    public int pipelined() {
        int sum = 0;
        if (ring.inDevice() == 0) {
            for (int i = 0; i < WINDOW; i++) {
                submitBatch();
            }
        }
        for (int i = 0; i < BATCH; i++) {
            int done = ring.awaitCompletion();
            ring.release(done);
            sum += done;
        }
        submitBatch();
        return sum;
    }

    private void submitBatch() {
        for (int i = 0; i < BATCH; i++) {
            if (ring.tryReserve() < 0) {
                throw new IllegalStateException("ring full: " + ring);
            }
        }
        ring.publish();
    }

    private void drain() {
        while (ring.inDevice() > 0) {
            ring.release(ring.awaitCompletion());
        }
    }
}
