package io.uacce.stubs.cuse;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.uacce.DeviceInfo;
import io.uacce.Region;
import io.uacce.SsSlice;
import io.uacce.Uacce;
import io.uacce.qm.QmOptions;
import io.uacce.qm.QmQueue;
import io.uacce.qm.QmRing;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.Inflater;

/**
 * One stateless zlib compression through the driver's QM ring on a CUSE mock device, checked
 * with java.util.zip. SVA devices get buffers from this JVM's memory; no-SVA devices get them
 * from the SS region (addresses from GET_SS_DMA). The SQE is written here, not by the codec.
 */
final class ZlibRoundTrip {

    private ZlibRoundTrip() {
    }

    static byte[] sample(int n) {
        byte[] input = new byte[n];
        for (int i = 0; i < n; i++) {
            input[i] = (byte) ("uacce over CUSE ".charAt(i % 16) + i / 5000);
        }
        return input;
    }

    /** Runs one round trip on {@code dev} with the given wait mode; asserts on the way. */
    static void run(Uacce host, DeviceInfo dev, QmOptions.WaitMode mode, byte[] input) throws Exception {
        QmOptions opts = QmOptions.builder().qcType(0).waitMode(mode).timeout(Duration.ofSeconds(20)).build();
        long cap = input.length + 4096L;
        try (QmQueue q = QmQueue.open(host, dev, opts); Arena arena = Arena.ofConfined()) {
            MemorySegment src;
            MemorySegment dst;
            long srcAddr;
            long dstAddr;
            if (dev.sva()) {
                src = arena.allocate(input.length, 4096);
                dst = arena.allocate(cap, 4096);
                srcAddr = src.address();
                dstAddr = dst.address();
            } else {
                MemorySegment ss = q.queue().map(Region.SS, 1 << 20);
                List<SsSlice> slices = q.queue().ssSlices();
                assertEquals(1, slices.size(), "one SS slice (IOMMU mode)");
                src = ss.asSlice(0, input.length);
                dst = ss.asSlice(256 << 10, cap);
                srcAddr = slices.get(0).dmaAddress();
                dstAddr = srcAddr + (256 << 10);
            }
            MemorySegment.copy(input, 0, src, ValueLayout.JAVA_BYTE, 0, input.length);
            QmRing ring = q.ring();
            int slot = ring.tryReserve();
            MemorySegment sqe = ring.sqe(slot);
            sqe.fill((byte) 0);
            sqe.set(JAVA_INT, 4 * 4, input.length);
            sqe.set(JAVA_INT, 7 * 4, (1 << 27) | (1 << 25));  // new stream, flush finish
            sqe.set(JAVA_INT, 9 * 4, 2);                        // zlib
            sqe.set(JAVA_INT, 13 * 4, 0x7E57);
            sqe.set(JAVA_INT, 14 * 4, (int) cap);
            sqe.set(JAVA_INT, 18 * 4, (int) srcAddr);
            sqe.set(JAVA_INT, 19 * 4, (int) (srcAddr >>> 32));
            sqe.set(JAVA_INT, 20 * 4, (int) dstAddr);
            sqe.set(JAVA_INT, 21 * 4, (int) (dstAddr >>> 32));
            ring.publish();
            int done = ring.awaitCompletion(20, TimeUnit.SECONDS);
            assertEquals(slot, done);
            MemorySegment r = ring.sqe(done);
            assertEquals(0, r.get(JAVA_INT, 3 * 4) & 0xFF, "status (" + mode + ")");
            assertEquals(0x7E57, r.get(JAVA_INT, 13 * 4), "tag kept");
            assertEquals(input.length, r.get(JAVA_INT, 0), "consumed");
            int produced = r.get(JAVA_INT, 4);
            ring.release(done);
            Inflater inf = new Inflater(true);   // the device writes no zlib header
            inf.setInput(dst.asSlice(0, produced).toArray(ValueLayout.JAVA_BYTE));
            byte[] back = new byte[input.length + 1];
            assertEquals(input.length, inf.inflate(back), "inflated length (" + mode + ")");
            inf.end();
            assertEquals(ByteBuffer.wrap(input), ByteBuffer.wrap(back, 0, input.length));
        }
    }
}
