package io.uacce.crypto.sec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Uacce;
import io.uacce.crypto.UacceProvider;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.ProviderStatistics;
import io.uacce.stubs.model.AddressMode;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelHost;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Direct buffers and native {@code MemorySegment}s (through {@code asByteBuffer()}) reach an SVA
 * device without a copy: the BD carries the caller's addresses, counted as zero-copy requests. A
 * no-SVA device reaches only its SS region, so the same calls are staged (no zero-copy request) and
 * give the same bytes. JCA position rules hold for heap, direct and read-only buffers either way.
 */
class ZeroCopyOnModelTest {
    private static final String[] TRANSFORMATIONS = {"AES/CBC/NoPadding", "AES/ECB/NoPadding", "AES/CTR/NoPadding",
        "SM4/CBC/NoPadding"};

    @ParameterizedTest
    @EnumSource(value = AddressMode.class, names = {"SVA", "NO_SVA_IOMMU"})
    void directBuffersAndSegments(AddressMode mode) throws Exception {
        try (ModelHost host = ModelHost.builder()
                .device(d -> d.engine(EngineKind.SEC).api(ModelApi.V3).addressMode(mode).queues(2)).build();
                Arena arena = Arena.ofConfined()) {
            Uacce uacce = Uacce.builder().target(host.target()).build();
            UacceProvider p = new UacceProvider(new CryptoSettings(CryptoMode.AUTO, 1024, 10_000), () -> uacce);
            UacceProvider soft = new UacceProvider(new CryptoSettings(CryptoMode.SOFTWARE, 0, 1000));
            boolean sva = mode == AddressMode.SVA;
            Random rnd = new Random(mode.ordinal());
            for (String t : TRANSFORMATIONS) {
                byte[] key = new byte[16], iv = new byte[16];
                rnd.nextBytes(key);
                rnd.nextBytes(iv);
                String alg = t.substring(0, t.indexOf('/'));
                SecretKeySpec k = new SecretKeySpec(key, alg);
                IvParameterSpec ivs = t.contains("ECB") ? null : new IvParameterSpec(iv);
                int size = 3 * 4096 + (t.contains("CTR") ? 5 : 0);
                byte[] data = new byte[size];
                rnd.nextBytes(data);
                Cipher ref = Cipher.getInstance(t, soft);
                ref.init(Cipher.ENCRYPT_MODE, k, ivs);
                byte[] want = ref.doFinal(data);

                // direct in, direct out, offsets inside both buffers: update then doFinal
                ProviderStatistics s0 = p.statistics();
                Cipher c = Cipher.getInstance(t, p);
                c.init(Cipher.ENCRYPT_MODE, k, ivs);
                ByteBuffer in = ByteBuffer.allocateDirect(size + 7).position(3);
                in.put(data).flip().position(3);
                ByteBuffer out = ByteBuffer.allocateDirect(size + 40).position(9);
                int split = 4096 + 16;
                in.limit(3 + split);
                int n1 = c.update(in, out);
                in.limit(3 + size);
                int n2 = c.doFinal(in, out);
                assertEquals(size, n1 + n2, t);
                assertEquals(3 + size, in.position(), t + ": input consumed");
                assertEquals(9 + size, out.position(), t + ": output position advanced by the bytes written");
                byte[] got = new byte[size];
                out.flip().position(9);
                out.get(got);
                assertArrayEquals(want, got, t + " direct buffers, " + mode);
                ProviderStatistics s1 = p.statistics();
                assertTrue(s1.deviceRequests() - s0.deviceRequests() >= 2, t + ": both parts on the device: " + s1);
                assertEquals(sva ? 2 : 0, s1.zeroCopyRequests() - s0.zeroCopyRequests(),
                        t + ": zero-copy " + (sva ? "on SVA" : "never on no-SVA (SS region only)") + ": " + s1);

                // native MemorySegments, in place (the same memory for input and output)
                MemorySegment seg = arena.allocate(size, 64);
                MemorySegment.copy(data, 0, seg, ValueLayout.JAVA_BYTE, 0, size);
                c.init(Cipher.ENCRYPT_MODE, k, ivs);
                ByteBuffer inPlace = seg.asByteBuffer();
                assertEquals(size, c.doFinal(inPlace.duplicate(), inPlace), t);
                assertArrayEquals(want, seg.toArray(ValueLayout.JAVA_BYTE), t + " in place in a MemorySegment");
                assertEquals(sva ? 3 : 0, p.statistics().zeroCopyRequests() - s0.zeroCopyRequests(), t);

                // heap and read-only input, heap output: the staged path, JCA's positions
                ProviderStatistics s2 = p.statistics();
                c.init(Cipher.ENCRYPT_MODE, k, ivs);
                ByteBuffer ro = ByteBuffer.wrap(data).asReadOnlyBuffer();
                ByteBuffer heapOut = ByteBuffer.allocate(size + 1).position(1);
                assertEquals(size, c.doFinal(ro, heapOut));
                assertEquals(size, ro.position());
                assertEquals(size + 1, heapOut.position());
                assertArrayEquals(want, java.util.Arrays.copyOfRange(heapOut.array(), 1, size + 1), t + " heap");
                assertEquals(s2.zeroCopyRequests(), p.statistics().zeroCopyRequests(), t + ": heap memory is staged");

                // a short or read-only output changes nothing
                c.init(Cipher.ENCRYPT_MODE, k, ivs);
                ByteBuffer src = ByteBuffer.allocateDirect(size).put(data).flip();
                ByteBuffer small = ByteBuffer.allocateDirect(size - 16);
                assertThrows(ShortBufferException.class, () -> c.doFinal(src, small));
                assertEquals(0, src.position(), "input untouched after ShortBufferException");
                assertEquals(0, small.position());
                assertThrows(ReadOnlyBufferException.class,
                        () -> c.doFinal(src, ByteBuffer.allocateDirect(size).asReadOnlyBuffer()));
                ByteBuffer big = ByteBuffer.allocateDirect(size);
                assertEquals(size, c.doFinal(src, big), "the cipher is usable after the refusals");
                byte[] again = new byte[size];
                big.flip().get(again);
                assertArrayEquals(want, again, t + " after ShortBufferException");
            }
            p.close();
        }
    }
}
