package io.uacce.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.compress.CompressingOutputStream;
import io.uacce.compress.DecompressingInputStream;
import io.uacce.compress.ZipDeflater;
import io.uacce.compress.ZipEngine;
import io.uacce.compress.ZipInflater;
import io.uacce.compress.types.Format;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.zip.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The data path through the public compression API on the target's device: every format the
 * device offers × every API shape, both ways with java.util.zip (our output read by
 * Inflater/GZIPInputStream, java.util.zip's output read by us) on the corpus of {@link ZipCorpus}.
 */
@ExtendWith(TargetExtension.class)
class CompressRoundTripTest {

    @ParameterizedTest
    @EnumSource(Format.class)
    void oneShotByteArrays(Format f, ConformanceTarget t) throws Exception {
        try (ZipEngine zip = DeviceZip.open(t, f)) {
            for (Map.Entry<String, byte[]> e : ZipCorpus.small().entrySet()) {
                roundTripBytes(zip, f, e.getKey(), e.getValue());
            }
        }
    }

    /** Once per format, one-shot only (slow targets): exactly 8 MiB, and above. */
    @ParameterizedTest
    @EnumSource(Format.class)
    void eightMebibyteBoundary(Format f, ConformanceTarget t) throws Exception {
        try (ZipEngine zip = DeviceZip.open(t, f)) {
            for (Map.Entry<String, byte[]> e : ZipCorpus.large().entrySet()) {
                roundTripBytes(zip, f, e.getKey(), e.getValue());
            }
        }
    }

    private static void roundTripBytes(ZipEngine zip, Format f, String name, byte[] data) throws DataFormatException {
        String what = f + " " + name;
        byte[] ours = zip.compress(f, data);
        assertArrayEquals(data, ZipCorpus.jdkDecompress(f, ours, "our " + what), "ours -> java.util.zip: " + what);
        assertArrayEquals(data, zip.decompress(f, ZipCorpus.jdkCompress(f, data)), "java.util.zip -> ours: " + what);
        assertArrayEquals(data, zip.decompress(f, ours), "ours -> ours: " + what);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void directByteBuffers(Format f, ConformanceTarget t) throws Exception {
        try (ZipEngine zip = DeviceZip.open(t, f)) {
            for (Map.Entry<String, byte[]> e : ZipCorpus.small().entrySet()) {
                byte[] data = e.getValue();
                String what = f + " " + e.getKey();
                ByteBuffer src = ByteBuffer.allocateDirect(data.length + 3).position(3);
                src.put(data).flip().position(3);
                ByteBuffer dst = ByteBuffer.allocateDirect((int) ZipEngine.maxCompressedLength(f, data.length) + 5)
                        .position(5);
                int n = zip.compress(f, src, dst);
                assertEquals(src.limit(), src.position(), "source consumed: " + what);
                assertEquals(5 + n, dst.position(), "destination advanced by the result: " + what);
                assertArrayEquals(data, ZipCorpus.jdkDecompress(f, bytes(dst.flip().position(5)), "our " + what), what);

                byte[] theirs = ZipCorpus.jdkCompress(f, data);
                ByteBuffer in = ByteBuffer.allocateDirect(theirs.length).put(theirs).flip();
                ByteBuffer back = ByteBuffer.allocateDirect(data.length + 7).position(7);
                assertEquals(data.length, zip.decompress(f, in, back), "java.util.zip -> ours: " + what);
                assertEquals(in.limit(), in.position(), "compressed source consumed: " + what);
                assertArrayEquals(data, bytes(back.flip().position(7)), "java.util.zip -> ours: " + what);
            }
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** Native segments of an arena, and buffers of {@link ZipEngine#allocateBuffer} (SS on no-SVA). */
    @ParameterizedTest
    @EnumSource(Format.class)
    void memorySegments(Format f, ConformanceTarget t) throws Exception {
        try (ZipEngine zip = DeviceZip.open(t, f); Arena arena = Arena.ofConfined()) {
            List<MemorySegment> engineBuffers = new ArrayList<>();
            LongFunction<MemorySegment> device = n -> {
                MemorySegment s = zip.allocateBuffer(Math.max(1, n));
                engineBuffers.add(s);
                return s.asSlice(0, n);
            };
            LongFunction<MemorySegment> plain = n -> arena.allocate(Math.max(1, n)).asSlice(0, n);
            for (Map.Entry<String, byte[]> e : ZipCorpus.small().entrySet()) {
                roundTripSegments(zip, f, f + " " + e.getKey() + " (arena memory)", e.getValue(), plain);
                roundTripSegments(zip, f, f + " " + e.getKey() + " (allocateBuffer memory)", e.getValue(), device);
            }
            engineBuffers.forEach(zip::freeBuffer);
        }
    }

    private static void roundTripSegments(ZipEngine zip, Format f, String what, byte[] data,
            LongFunction<MemorySegment> alloc) throws DataFormatException {
        MemorySegment src = copyOf(data, alloc);
        MemorySegment dst = alloc.apply(ZipEngine.maxCompressedLength(f, data.length));
        long n = zip.compress(f, src, dst);
        assertArrayEquals(data, ZipCorpus.jdkDecompress(f, dst.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), "our " + what),
                "ours -> java.util.zip: " + what);
        MemorySegment theirs = copyOf(ZipCorpus.jdkCompress(f, data), alloc);
        MemorySegment back = alloc.apply(data.length);
        assertEquals(data.length, zip.decompress(f, theirs, back), "java.util.zip -> ours: " + what);
        assertArrayEquals(data, back.toArray(ValueLayout.JAVA_BYTE), "java.util.zip -> ours: " + what);
    }

    private static MemorySegment copyOf(byte[] data, LongFunction<MemorySegment> alloc) {
        MemorySegment s = alloc.apply(data.length);
        MemorySegment.copy(data, 0, s, ValueLayout.JAVA_BYTE, 0, data.length);
        return s;
    }

    /**
     * ZipDeflater/ZipInflater fed in chunks with output buffers far smaller than the result: the
     * stream keeps going ("output too small" inside a stream is not an error).
     */
    @ParameterizedTest
    @EnumSource(Format.class)
    void streamingDeflaterAndInflater(Format f, ConformanceTarget t) throws Exception {
        try (ZipEngine zip = DeviceZip.open(t, f)) {
            for (Map.Entry<String, byte[]> e : ZipCorpus.small().entrySet()) {
                byte[] data = e.getValue();
                String what = f + " " + e.getKey();
                byte[] ours = assertTimeoutPreemptively(DeviceZip.NO_HANG, () -> deflate(zip, f, data, 10_000, 1000));
                assertArrayEquals(data, ZipCorpus.jdkDecompress(f, ours, "our streamed " + what), what);
                byte[] theirs = ZipCorpus.jdkCompress(f, data);
                byte[] back = assertTimeoutPreemptively(DeviceZip.NO_HANG, () -> inflate(zip, f, theirs, 3000, 1000));
                assertArrayEquals(data, back, "java.util.zip -> our inflater: " + what);
            }
        }
    }

    /** Streams {@code data} through a ZipDeflater in {@code chunk}-byte inputs and {@code out}-byte outputs. */
    static byte[] deflate(ZipEngine zip, Format f, byte[] data, int chunk, int out) {
        ByteArrayOutputStream comp = new ByteArrayOutputStream();
        byte[] buf = new byte[out];
        try (ZipDeflater d = zip.newDeflater(f)) {
            for (int off = 0; off < data.length; off += chunk) {
                d.setInput(data, off, Math.min(chunk, data.length - off));
                while (!d.needsInput()) {
                    comp.write(buf, 0, d.deflate(buf));
                }
            }
            d.finish();
            while (!d.finished()) {
                comp.write(buf, 0, d.deflate(buf));
            }
            assertEquals(data.length, d.getBytesRead(), "deflater bytes read");
            assertEquals(comp.size(), d.getBytesWritten(), "deflater bytes written");
        }
        return comp.toByteArray();
    }

    /**
     * Reads one stream through a ZipInflater in {@code chunk}-byte inputs and {@code out}-byte
     * outputs; an AssertionError when the inflater stops making progress before it says finished.
     */
    static byte[] inflate(ZipEngine zip, Format f, byte[] stream, int chunk, int out) throws DataFormatException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        byte[] buf = new byte[out];
        try (ZipInflater i = zip.newInflater(f)) {
            int off = 0;
            int idle = 0;
            while (!i.finished()) {
                if (i.needsInput() && off < stream.length) {
                    int n = Math.min(chunk, stream.length - off);
                    i.setInput(stream, off, n);
                    off += n;
                }
                int k = i.inflate(buf);
                plain.write(buf, 0, k);
                idle = k == 0 && i.needsInput() && off == stream.length ? idle + 1 : 0;
                if (idle > 3) {
                    throw new AssertionError(f + " ZipInflater neither finished nor progressing after all "
                            + stream.length + " bytes of input, " + plain.size() + " bytes out");
                }
            }
            assertEquals(stream.length, i.getBytesRead(), "inflater read the whole stream");
            assertEquals(0, i.getRemaining(), "nothing left after the stream's end");
            assertEquals(plain.size(), i.getBytesWritten(), "inflater bytes written");
        }
        return plain.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void outputAndInputStreams(Format f, ConformanceTarget t) throws Exception {
        try (ZipEngine zip = DeviceZip.open(t, f)) {
            for (Map.Entry<String, byte[]> e : ZipCorpus.small().entrySet()) {
                byte[] data = e.getValue();
                String what = f + " " + e.getKey();
                ByteArrayOutputStream sink = new ByteArrayOutputStream();
                assertTimeoutPreemptively(DeviceZip.NO_HANG, () -> {
                    try (CompressingOutputStream o = zip.compressingStream(f, sink)) {
                        if (data.length > 0) {
                            o.write(data[0]); // the single-byte write, then 7777-byte writes
                        }
                        for (int off = 1; off < data.length; off += 7777) {
                            o.write(data, off, Math.min(7777, data.length - off));
                        }
                    }
                });
                assertArrayEquals(data, ZipCorpus.jdkDecompress(f, sink.toByteArray(), "our output stream, " + what), what);
                byte[] theirs = ZipCorpus.jdkCompress(f, data);
                byte[] back = assertTimeoutPreemptively(DeviceZip.NO_HANG, () -> {
                    try (DecompressingInputStream in = zip.decompressingStream(f, new ByteArrayInputStream(theirs))) {
                        ByteArrayOutputStream got = new ByteArrayOutputStream();
                        int b = in.read();
                        if (b >= 0) {
                            got.write(b);
                            got.writeBytes(in.readAllBytes());
                        }
                        assertEquals(-1, in.read(), "end of stream stays the end");
                        return got.toByteArray();
                    }
                });
                assertArrayEquals(data, back, "java.util.zip -> our input stream: " + what);
            }
        }
    }

    /** Many requests in flight on the queues at once; every result checked against java.util.zip. */
    @ParameterizedTest
    @EnumSource(Format.class)
    void asyncManyInFlight(Format f, ConformanceTarget t) throws Exception {
        int n = 48;
        try (ZipEngine zip = DeviceZip.open(t, f); Arena arena = Arena.ofShared()) {
            byte[][] in = new byte[n][];
            MemorySegment[] dst = new MemorySegment[n];
            MemorySegment[] back = new MemorySegment[n];
            List<CompletableFuture<Long>> segs = new ArrayList<>();
            List<CompletableFuture<byte[]>> arrays = new ArrayList<>();
            List<CompletableFuture<Long>> inflates = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                in[i] = i % 3 == 0 ? ZipCorpus.random(1 + 1031 * i, i) : Payloads.text(i, 1 + 2039 * i);
                MemorySegment src = arena.allocate(in[i].length + 1L).asSlice(0, in[i].length);
                MemorySegment.copy(in[i], 0, src, ValueLayout.JAVA_BYTE, 0, in[i].length);
                dst[i] = arena.allocate(ZipEngine.maxCompressedLength(f, in[i].length));
                segs.add(zip.compressAsync(f, src, dst[i]));
                arrays.add(zip.compressAsync(f, in[i]));
                byte[] theirs = ZipCorpus.jdkCompress(f, in[i]);
                MemorySegment c = arena.allocate(theirs.length);
                MemorySegment.copy(theirs, 0, c, ValueLayout.JAVA_BYTE, 0, theirs.length);
                back[i] = arena.allocate(in[i].length + 1L).asSlice(0, in[i].length);
                inflates.add(zip.decompressAsync(f, c, back[i]));
            }
            for (int i = 0; i < n; i++) {
                String what = f + " async request " + i + " (" + in[i].length + " bytes)";
                long len = segs.get(i).get(DeviceZip.NO_HANG.toSeconds(), TimeUnit.SECONDS);
                byte[] ours = dst[i].asSlice(0, len).toArray(ValueLayout.JAVA_BYTE);
                assertArrayEquals(in[i], ZipCorpus.jdkDecompress(f, ours, "our " + what), what);
                byte[] fromArray = arrays.get(i).get(DeviceZip.NO_HANG.toSeconds(), TimeUnit.SECONDS);
                assertArrayEquals(in[i], ZipCorpus.jdkDecompress(f, fromArray, "our byte[] " + what), what);
                assertEquals(in[i].length, inflates.get(i).get(DeviceZip.NO_HANG.toSeconds(), TimeUnit.SECONDS), what);
                assertArrayEquals(in[i], back[i].toArray(ValueLayout.JAVA_BYTE), "java.util.zip -> ours: " + what);
                assertArrayEquals(in[i], zip.decompressAsync(f, ours).get(DeviceZip.NO_HANG.toSeconds(), TimeUnit.SECONDS),
                        "ours -> ours: " + what);
            }
        }
    }

    /** gzip members one after another (java.util.zip's and ours), as `cat a.gz b.gz` makes them. */
    @Test
    void multiMemberGzip(ConformanceTarget t) throws Exception {
        byte[] a = Payloads.text(5, 40_000);
        byte[] b = ZipCorpus.random(5000, 6);
        byte[] both = ZipCorpus.concat(a, b);
        byte[] theirs = ZipCorpus.gzipMembers(a, new byte[0], b);
        try (ZipEngine zip = DeviceZip.open(t, Format.GZIP)) {
            assertArrayEquals(both, zip.decompress(Format.GZIP, theirs), "one-shot reads every member");
            assertTimeoutPreemptively(DeviceZip.NO_HANG, () -> {
                try (DecompressingInputStream in = zip.decompressingStream(Format.GZIP, new ByteArrayInputStream(theirs))) {
                    assertArrayEquals(both, in.readAllBytes(), "input stream reads every member");
                }
                byte[] first = ZipCorpus.gzipMembers(a);
                try (ZipInflater i = zip.newInflater(Format.GZIP)) {
                    i.setInput(theirs);
                    byte[] out = new byte[a.length + 1];
                    int n = 0;
                    while (!i.finished() && n < out.length) {
                        n += i.inflate(out, n, out.length - n);
                    }
                    assertTrue(i.finished(), "ZipInflater ends after the first member");
                    assertEquals(a.length, n, "first member's data");
                    assertEquals(theirs.length - first.length, i.getRemaining(), "the other members remain");
                }
            });
            byte[] ours = ZipCorpus.concat(zip.compress(Format.GZIP, a), zip.compress(Format.GZIP, new byte[0]),
                    zip.compress(Format.GZIP, b));
            assertArrayEquals(both, ZipCorpus.jdkDecompress(Format.GZIP, ours, "our three members"),
                    "GZIPInputStream reads our members");
            assertArrayEquals(both, zip.decompress(Format.GZIP, ours), "ours -> ours");
        }
    }
}
