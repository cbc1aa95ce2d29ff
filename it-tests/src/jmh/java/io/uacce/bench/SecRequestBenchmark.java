package io.uacce.bench;

import io.uacce.crypto.sec.bd.SecBd;
import io.uacce.crypto.sec.bd.SecCodec;
import io.uacce.crypto.sec.bd.SecCodes;
import io.uacce.crypto.sec.bd.SecRequest;
import io.uacce.crypto.sec.bd.SecResult;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The driver's own cost per SEC request on a null engine: a synchronous BD round trip through the
 * request layer (encode, doorbell, wait, decode) with the BD-invalid bit set (spec §2.9), so the
 * model SEC device completes it without any crypto or buffer access. {@code ns/op}; {@code -prof gc}
 * for B/op (which also counts the model's device thread).
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class SecRequestBenchmark extends NullRequestFixture<SecRequest, SecResult> {
    @Param({"V2", "V3"})
    String api;

    private final SecRequest request = new SecRequest();
    private final SecResult result = new SecResult();
    private final Ticket<SecResult> ticket = new Ticket<>(result);
    private int type;

    @Setup(Level.Trial)
    public void setUp() {
        long a = open(EngineKind.SEC, ModelApi.valueOf(api), SecCodec.QUEUE_TYPE, SecCodec.INSTANCE, 64);
        type = SecBd.typeFor(queue.version());
        request.bdType = type;
        request.cipher(true, SecCodes.C_ALG_AES, SecCodes.C_MODE_CBC, 0, a, a, 16, a, a);
        request.invalid = true; // the device skips the work and completes the BD (§2.9)
        result.expectedType = type;
    }

    @Benchmark
    public int nullRequest() {
        SecResult r = queue.call(request, ticket);
        if (!r.ok(type)) {
            throw new IllegalStateException(r.toString());
        }
        return r.tag;
    }
}
