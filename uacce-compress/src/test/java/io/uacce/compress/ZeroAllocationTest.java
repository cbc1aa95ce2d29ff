package io.uacce.compress;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Uacce;
import io.uacce.compress.types.Format;
import io.uacce.stubs.model.ModelHost;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The one-shot MemorySegment path on a device allocates nothing on the calling thread (which
 * also reaps its own completion). Measured with the thread's allocation counter; the best of a
 * few rounds, so a JIT deoptimisation cannot fail it. The model's own allocations live on its
 * device thread and are not counted.
 */
class ZeroAllocationTest {
    @Test
    void segmentOneShotAllocatesNothingOnTheCallingThread() throws Exception {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (ModelHost model = ModelHost.builder().build();
             ZipEngine zip = ZipEngine.builder().mode(Mode.HARDWARE)
                     .host(Uacce.builder().target(model.target()).build()).build();
             Arena arena = Arena.ofShared()) {
            byte[] data = Corpus.compressible(65536);
            MemorySegment src = arena.allocate(data.length, 64);
            MemorySegment.copy(MemorySegment.ofArray(data), 0, src, 0, data.length);
            MemorySegment dst = arena.allocate(ZipEngine.maxCompressedLength(Format.ZLIB, data.length), 64);
            MemorySegment back = arena.allocate(data.length, 64);
            long n = zip.compress(Format.ZLIB, src, dst);
            MemorySegment compressed = dst.asSlice(0, n);
            double bestCompress = Double.MAX_VALUE;
            double bestDecompress = Double.MAX_VALUE;
            int ops = 500;
            for (int round = 0; round < 6; round++) {
                long b0 = mx.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < ops; i++) {
                    zip.compress(Format.ZLIB, src, dst);
                }
                long b1 = mx.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < ops; i++) {
                    zip.decompress(Format.ZLIB, compressed, back);
                }
                long b2 = mx.getCurrentThreadAllocatedBytes();
                bestCompress = Math.min(bestCompress, (b1 - b0) / (double) ops);
                bestDecompress = Math.min(bestDecompress, (b2 - b1) / (double) ops);
            }
            assertTrue(bestCompress < 16, "compress allocates " + bestCompress + " B/op");
            assertTrue(bestDecompress < 16, "decompress allocates " + bestDecompress + " B/op");
        }
    }
}
