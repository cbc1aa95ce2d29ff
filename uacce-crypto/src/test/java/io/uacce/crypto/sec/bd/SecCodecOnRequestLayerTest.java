package io.uacce.crypto.sec.bd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Uacce;
import io.uacce.request.RequestPool;
import io.uacce.request.RequestQueue;
import io.uacce.request.RequestSettings;
import io.uacce.request.Ticket;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelHost;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SecCodec on the engine-neutral request layer (RequestPool, device memory, sync call and async submit). */
class SecCodecOnRequestLayerTest {

    @ParameterizedTest
    @EnumSource(value = ModelApi.class, names = {"V2", "V3"})
    void syncAndAsyncAesCbcThroughThePool(ModelApi api) throws Exception {
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.SEC).api(api).queues(2)).build();
             RequestPool<SecRequest, SecResult> pool = RequestPool.open(Uacce.builder().target(host.target()).build(),
                     SecCodec.QUEUE_TYPE, SecCodec.INSTANCE, new RequestSettings(1, 10_000, 16L << 20, "test.sec"))) {
            RequestQueue<SecRequest, SecResult> q = pool.next();
            int type = SecBd.typeFor(q.version());
            assertEquals(api == ModelApi.V3 ? 3 : 2, type);
            byte[] key = new byte[16], iv = new byte[16], data = new byte[4096];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) i;
            }
            key[3] = 9;
            Cipher jdk = Cipher.getInstance("AES/CBC/NoPadding");
            jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            byte[] want = jdk.doFinal(data);
            MemorySegment k = q.memory().allocate(16), v = q.memory().allocate(16), src = q.memory().allocate(4096);
            MemorySegment.copy(MemorySegment.ofArray(key), 0, k, 0, 16);
            MemorySegment.copy(MemorySegment.ofArray(data), 0, src, 0, 4096);
            List<MemorySegment> outs = new ArrayList<>();
            List<CompletableFuture<SecResult>> futures = new ArrayList<>();
            SecRequest r = new SecRequest();
            r.bdType = type;
            for (int i = 0; i < 4; i++) {
                MemorySegment dst = q.memory().allocate(4096);
                outs.add(dst);
                r.cipher(true, SecCodes.C_ALG_AES, SecCodes.C_MODE_CBC, 0, q.memory().deviceAddress(src),
                        q.memory().deviceAddress(dst), 4096, q.memory().deviceAddress(k), q.memory().deviceAddress(v));
                SecResult res = new SecResult();
                res.expectedType = type;
                if (i == 0) {
                    SecResult done = q.call(r, new Ticket<>(res));
                    assertTrue(done.ok(type), done.toString());
                } else {
                    futures.add(q.submit(r, res)); // the codec reads the request only while encoding
                }
            }
            for (CompletableFuture<SecResult> f : futures) {
                assertTrue(f.get(10, TimeUnit.SECONDS).ok(type));
            }
            for (MemorySegment dst : outs) {
                assertArrayEquals(want, dst.toArray(ValueLayout.JAVA_BYTE));
            }
            // a failing BD is a status failure the layer counts
            r.cipher(true, SecCodes.C_ALG_AES, SecCodes.C_MODE_CBC, 0, q.memory().deviceAddress(src), 0, 17, 0, 0);
            SecResult bad = new SecResult();
            bad.expectedType = type;
            SecResult got = q.call(r, new Ticket<>(bad));
            assertFalse(SecCodec.INSTANCE.statusTable().success(SecCodec.INSTANCE.status(got)));
            assertTrue(SecCodec.INSTANCE.statusTable().describe(got.status()).contains("error_type"));
            assertTrue(pool.counters().statusFailures() >= 1);
        }
    }
}
