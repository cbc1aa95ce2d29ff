package io.uacce.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Uacce;
import io.uacce.compress.device.DeviceEngine;
import io.uacce.compress.types.Format;
import io.uacce.compress.zip.ZipStatus;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelHost;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * A block (stateless) decompression whose one request consumed the whole input is the complete
 * result: exactly one device request, no stream-path rerun, whether the device reports 0x00
 * (silicon, spec §4.6 as corrected) or 0x13 + last block (older models). Counted with the
 * request layer's counters.
 */
class BlockRequestCountTest {
    @ParameterizedTest
    @EnumSource(Format.class)
    void aBlockDecompressionIsOneDeviceRequest(Format format) throws Exception {
        try (ModelHost model = ModelHost.builder().device(s -> s.api(ModelApi.V3)).build();
                ZipEngine zip = ZipEngine.builder().mode(Mode.HARDWARE)
                        .host(Uacce.builder().target(model.target()).build()).build();
                Arena arena = Arena.ofConfined()) {
            DeviceEngine device = (DeviceEngine) zip.engine();
            byte[] data = Corpus.compressible(200_000);
            byte[] packed = JdkZip.compress(format, data);
            MemorySegment src = arena.allocate(packed.length, 64);
            MemorySegment.copy(packed, 0, src, ValueLayout.JAVA_BYTE, 0, packed.length);
            MemorySegment dst = arena.allocate(data.length, 64);

            long before = device.counters(false).submitted();
            long n = zip.decompress(format, src, dst);
            assertEquals(1, device.counters(false).submitted() - before, "synchronous block: one device request");
            assertArrayEquals(data, dst.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));

            dst.fill((byte) 0);
            before = device.counters(false).submitted();
            n = zip.decompressAsync(format, src, dst).get(30, TimeUnit.SECONDS);
            assertEquals(1, device.counters(false).submitted() - before, "asynchronous block: one device request");
            assertArrayEquals(data, dst.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    @Test
    void completionRuleAcceptsZeroAndStreamEndWithAllInputConsumed() {
        assertTrue(ZipStatus.blockDecompressionComplete(0x00, 100, 100), "0x00: silicon's stateless completion");
        assertTrue(ZipStatus.blockDecompressionComplete(0x13, 100, 100), "0x13: still accepted");
        assertFalse(ZipStatus.blockDecompressionComplete(0x00, 60, 100), "input left: another member or trailing data");
        assertFalse(ZipStatus.blockDecompressionComplete(0x13, 60, 100));
        assertFalse(ZipStatus.blockDecompressionComplete(0x10, 100, 100), "checksum error is no completion");
    }
}
