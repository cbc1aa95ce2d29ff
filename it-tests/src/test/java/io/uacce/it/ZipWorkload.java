package io.uacce.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Region;
import io.uacce.SsSlice;
import io.uacce.UacceQueue;
import io.uacce.qm.QmQueue;
import io.uacce.qm.QmRing;
import io.uacce.qm.QmVersion;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;

/**
 * Drives stateless ZIP requests through one started {@link QmQueue} using only the public ring
 * API, and checks every completion against java.util.zip: compression queues (qc_type 0) get text
 * and must return a stream that inflates to it; decompression queues (qc_type 1) get
 * java.util.zip streams (header skipped by the "library", §4.8) and must return the text.
 * Buffers: one input and one output area per SQ slot: process memory on SVA devices; on no-SVA
 * devices (openEuler, §1.6) areas of the queue's SS region, addressed by their DMA addresses from
 * GET_SS_DMA and never crossing a slice boundary. Not thread-safe.
 */
final class ZipWorkload implements AutoCloseable {
    private final QmRing ring;
    private final QmVersion version;
    private final SuiteZipSqe.Format format;
    private final boolean compress;
    private final int maxInput;
    private final int inCap;
    private final int outCap;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment[] areas;
    private final long[] deviceAddress;
    private final long[] idOf;
    private final byte[][] expected;
    private final int[] inputLength;
    private long verified;
    private int maxInFlight;

    ZipWorkload(QmQueue queue, SuiteZipSqe.Format format, int maxInput) {
        this.ring = queue.ring();
        this.version = queue.version();
        this.format = format;
        this.compress = queue.options().qcType() == 0;
        this.maxInput = maxInput;
        this.inCap = align(maxInput + 64);
        this.outCap = align(2 * maxInput + 256);
        this.areas = new MemorySegment[ring.depth()];
        this.deviceAddress = new long[ring.depth()];
        int stride = inCap + outCap;
        if (queue.queue().device().sva()) {
            MemorySegment all = arena.allocate((long) ring.depth() * stride, 4096);
            for (int i = 0; i < areas.length; i++) {
                areas[i] = all.asSlice((long) i * stride, stride);
                deviceAddress[i] = areas[i].address();
            }
        } else {
            placeInStaticShare(queue.queue(), stride);
        }
        this.idOf = new long[ring.depth()];
        this.expected = new byte[ring.depth()][];
        this.inputLength = new int[ring.depth()];
    }

    private static int align(int n) {
        return (n + 63) & ~63;
    }

    /** Maps the SS region and packs one area per slot into its DMA slices (none straddles two). */
    private void placeInStaticShare(UacceQueue q, int stride) {
        long length = (long) (areas.length + 16) * stride;
        MemorySegment ss = q.map(Region.SS, (length + 0xFFFF) & ~0xFFFFL); // UADK rounds SS to 64 KiB
        List<SsSlice> slices = q.ssSlices();
        int slot = 0;
        long sliceStart = 0;
        for (SsSlice s : slices) {
            for (long pos = 0; slot < areas.length && pos + stride <= s.size(); pos += stride, slot++) {
                areas[slot] = ss.asSlice(sliceStart + pos, stride);
                deviceAddress[slot] = s.dmaAddress() + pos;
            }
            sliceStart += s.size();
        }
        if (slot < areas.length) {
            throw new IllegalStateException("SS region of " + ss.byteSize() + " bytes in slices " + slices
                    + " holds only " + slot + " of " + areas.length + " request areas of " + stride + " bytes");
        }
    }

    private MemorySegment in(int slot) {
        return areas[slot].asSlice(0, inCap);
    }

    private MemorySegment out(int slot) {
        return areas[slot].asSlice(inCap, outCap);
    }

    /** The text request {@code id} carries (its length depends on the id too). */
    byte[] text(long id) {
        return Payloads.text(id, Payloads.length(id, 16, maxInput));
    }

    /** Writes request {@code id} into a reserved slot. */
    void fill(int slot, long id) {
        byte[] data = text(id);
        byte[] input;
        if (compress) {
            input = data;
        } else {
            byte[] stream = Payloads.encode(format, data);
            input = Arrays.copyOfRange(stream, format.headerLength, stream.length);
        }
        if (input.length > inCap) {
            throw new IllegalStateException("request " + id + " input of " + input.length + " bytes exceeds " + inCap);
        }
        MemorySegment src = in(slot);
        MemorySegment.copy(input, 0, src, ValueLayout.JAVA_BYTE, 0, input.length);
        out(slot).fill((byte) 0);
        SuiteZipSqe.writeStateless(ring.sqe(slot), version, format, deviceAddress[slot], input.length,
                deviceAddress[slot] + inCap, outCap, (int) id);
        idOf[slot] = id;
        expected[slot] = data;
        inputLength[slot] = input.length;
    }

    /**
     * Flips a bit pattern in the last trailer byte of the decompression request filled into
     * {@code slot} (zlib/gzip only): the device must report a checksum mismatch for it.
     */
    void corruptTrailer(int slot) {
        long last = inputLength[slot] - 1;
        MemorySegment src = in(slot);
        src.set(ValueLayout.JAVA_BYTE, last, (byte) (src.get(ValueLayout.JAVA_BYTE, last) ^ 0x55));
    }

    /** Checks a completed slot's results and releases the slot. */
    void verifyAndRelease(int slot) {
        MemorySegment sqe = ring.sqe(slot);
        long id = idOf[slot];
        String what = (compress ? "compression" : "decompression") + " request " + id + " (" + format + ", slot " + slot
                + ", qn " + ring.qn() + ")";
        assertEquals((int) id, SuiteZipSqe.tag(sqe, version), what + ": tag not preserved (spec §4.5)");
        assertEquals(format.requestType, SuiteZipSqe.get(sqe, SuiteZipSqe.DW_REQ) & 0xFF, what + ": dw9 request type not preserved");
        int produced = SuiteZipSqe.produced(sqe);
        assertTrue(produced >= 0 && produced <= outCap, what + ": produced " + produced + " outside the output buffer");
        byte[] out = out(slot).asSlice(0, produced).toArray(ValueLayout.JAVA_BYTE);
        if (compress) {
            assertEquals(SuiteZipSqe.STATUS_OK, SuiteZipSqe.status(sqe), what + ": status 0x" + Integer.toHexString(SuiteZipSqe.status(sqe)));
            assertEquals(inputLength[slot], SuiteZipSqe.consumed(sqe), what + ": consumed");
            assertArrayEquals(expected[slot], Payloads.decode(format, out), what + ": output does not inflate to the input");
        } else {
            // A completed stateless decompression returns 0x00 on silicon (spec §4.6); 0x13 +
            // lstblk ends a stateful stream only. dw3 bit 8 is not checked here: silicon's value
            // for a stateless request is not documented.
            assertEquals(SuiteZipSqe.STATUS_OK, SuiteZipSqe.status(sqe), what + ": status 0x"
                    + Integer.toHexString(SuiteZipSqe.status(sqe)) + " (expected 0x00: stateless decompression complete)");
            assertEquals(inputLength[slot], SuiteZipSqe.consumed(sqe), what + ": consumed (deflate data + trailer)");
            assertArrayEquals(expected[slot], out, what + ": decompressed output differs from the original");
        }
        expected[slot] = null;
        ring.release(slot);
        verified++;
    }

    /**
     * Runs {@code count} requests with ids from {@code firstId}: reserves up to {@code batch} slots
     * (fewer when {@code window} requests are in flight or the ring is full), publishes them with
     * one doorbell, then reaps at least one completion, until all are verified.
     */
    void run(long firstId, int count, int batch, int window) {
        long next = firstId;
        long end = firstId + count;
        long done = verified + count;
        while (verified < done) {
            int n = 0;
            while (next < end && n < batch && ring.outstanding() < window) {
                int slot = ring.tryReserve();
                if (slot < 0) {
                    break;
                }
                fill(slot, next++);
                n++;
            }
            ring.publish();
            maxInFlight = Math.max(maxInFlight, ring.inDevice());
            verifyAndRelease(ring.awaitCompletion());
            int s;
            while ((s = ring.pollCompletion()) >= 0) {
                verifyAndRelease(s);
            }
        }
    }

    /** Completions checked so far. */
    long verified() {
        return verified;
    }

    /** Most requests seen in the device at once. */
    int maxInFlight() {
        return maxInFlight;
    }

    @Override
    public void close() {
        arena.close();
    }
}
