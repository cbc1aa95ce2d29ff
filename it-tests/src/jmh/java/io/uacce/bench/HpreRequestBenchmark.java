package io.uacce.bench;

import io.uacce.crypto.hpre.sqe.HpreCodec;
import io.uacce.crypto.hpre.sqe.HpreRequest;
import io.uacce.crypto.hpre.sqe.HpreResult;
import io.uacce.request.Ticket;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The driver's own cost per HPRE request on a null engine: a synchronous 64-byte SQE round trip
 * through the request layer (encode, doorbell, wait, decode) on the model's V2 HPRE device with alg
 * 0x6 (a code no driver uses, spec §S3.1), which the model completes at once with an error
 * completion (etype 1) without reading any buffer — HPRE has no "invalid SQE" bit like SEC's
 * (§S2.9), so the refusal is the null request. {@code ns/op}; {@code -prof gc} for B/op (which
 * also counts the model's device thread).
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class HpreRequestBenchmark extends NullRequestFixture<HpreRequest, HpreResult> {
    private static final int NULL_ALG = 0x6;

    private final HpreRequest request = new HpreRequest();
    private final HpreResult result = new HpreResult();
    private final Ticket<HpreResult> ticket = new Ticket<>(result);

    @Setup(Level.Trial)
    public void setUp() {
        long a = open(EngineKind.HPRE, ModelApi.V2, HpreCodec.RSA_DH_QUEUE, HpreCodec.INSTANCE, 256);
        request.set(NULL_ALG, 128, a, a, a);
    }

    @Benchmark
    public int nullRequest() {
        HpreResult r = queue.call(request, ticket);
        if (r.done != HpreCodec.DONE || r.etype == 0) { // completed, refused: the null request
            throw new IllegalStateException("done " + r.done + " etype " + r.etype);
        }
        return r.tag;
    }
}
