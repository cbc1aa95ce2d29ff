package io.uacce.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.compress.types.Format;
import io.uacce.compress.types.OutputTooSmallException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every engine must do: interop with java.util.zip and the gzip tool on the corpus, every
 * API shape, and typed errors for bad input. Subclasses choose the engine (software, model).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EngineContract {
    private static final Duration NO_HANG = Duration.ofSeconds(60);

    ZipEngine zip;

    abstract ZipEngine newEngine();

    @BeforeAll
    void open() {
        zip = newEngine();
    }

    @AfterAll
    void close() {
        zip.close();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void smallCorpusInteropsWithJavaUtilZip(Format f) throws Exception {
        for (Map.Entry<String, byte[]> e : Corpus.small().entrySet()) {
            byte[] data = e.getValue();
            byte[] ours = zip.compress(f, data);
            assertArrayEquals(data, JdkZip.decompress(f, ours), f + " ours -> java.util.zip: " + e.getKey());
            assertArrayEquals(data, zip.decompress(f, JdkZip.compress(f, data)), f + " java.util.zip -> ours: " + e.getKey());
            assertArrayEquals(data, zip.decompress(f, ours), f + " ours -> ours: " + e.getKey());
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void eightMebibyteBoundary(Format f) throws Exception {
        for (Map.Entry<String, byte[]> e : Corpus.large().entrySet()) {
            byte[] data = e.getValue();
            assertArrayEquals(data, JdkZip.decompress(f, zip.compress(f, data)), f + " ours -> jdk: " + e.getKey());
            assertArrayEquals(data, zip.decompress(f, JdkZip.compress(f, data)), f + " jdk -> ours: " + e.getKey());
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void byteBuffersHeapAndDirectKeepPositionSemantics(Format f) throws Exception {
        byte[] data = Corpus.compressible(200_000);
        for (boolean direct : new boolean[] {false, true}) {
            ByteBuffer src = alloc(direct, data.length + 10).position(3);
            src.put(data).flip().position(3);
            ByteBuffer dst = alloc(direct, (int) ZipEngine.maxCompressedLength(f, data.length) + 20).position(5);
            int n = zip.compress(f, src, dst);
            assertEquals(src.limit(), src.position(), "source consumed");
            assertEquals(5 + n, dst.position(), "destination advanced");
            dst.flip().position(5);
            ByteBuffer back = alloc(direct, data.length + 7).position(7);
            int m = zip.decompress(f, dst, back);
            assertEquals(data.length, m);
            assertEquals(dst.limit(), dst.position());
            byte[] got = new byte[m];
            back.flip().position(7);
            back.get(got);
            assertArrayEquals(data, got, "direct=" + direct);
        }
        ByteBuffer tiny = ByteBuffer.allocate(10);
        ByteBuffer src = ByteBuffer.wrap(Corpus.random(5000, 9));
        assertThrows(OutputTooSmallException.class, () -> zip.compress(f, src, tiny));
        assertEquals(0, src.position(), "source position unchanged after failure");
    }

    private static ByteBuffer alloc(boolean direct, int n) {
        return direct ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void nativeAndHeapSegments(Format f) throws Exception {
        byte[] data = Corpus.compressible(300_000);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = arena.allocate(data.length);
            MemorySegment.copy(data, 0, src, ValueLayout.JAVA_BYTE, 0, data.length);
            MemorySegment dst = arena.allocate(ZipEngine.maxCompressedLength(f, data.length));
            long n = zip.compress(f, src, dst);
            assertArrayEquals(data, JdkZip.decompress(f, dst.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE)));
            MemorySegment back = MemorySegment.ofArray(new byte[data.length]);
            assertEquals(data.length, zip.decompress(f, dst.asSlice(0, n), back));
            assertArrayEquals(data, back.toArray(ValueLayout.JAVA_BYTE));
            MemorySegment small = arena.allocate(data.length - 1);
            assertThrows(OutputTooSmallException.class, () -> zip.decompress(f, dst.asSlice(0, n), small));
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void streamingWithTinyBuffers(Format f) throws Exception {
        byte[] data = Corpus.compressible(70_000);
        ByteArrayOutputStream comp = new ByteArrayOutputStream();
        try (ZipDeflater d = zip.newDeflater(f)) {
            byte[] out = new byte[7];
            for (int off = 0; off < data.length; off += 9000) {
                d.setInput(data, off, Math.min(9000, data.length - off));
                while (!d.needsInput()) {
                    comp.write(out, 0, d.deflate(out));
                }
            }
            d.finish();
            while (!d.finished()) {
                comp.write(out, 0, d.deflate(out));
            }
            assertEquals(data.length, d.getBytesRead());
            assertEquals(comp.size(), d.getBytesWritten());
            if (f == Format.ZLIB) {
                java.util.zip.Adler32 a = new java.util.zip.Adler32();
                a.update(data);
                assertEquals((int) a.getValue(), d.getAdler());
            } else if (f == Format.GZIP) {
                java.util.zip.CRC32 c = new java.util.zip.CRC32();
                c.update(data);
                assertEquals(c.getValue(), d.getCRC());
            }
        }
        byte[] compressed = comp.toByteArray();
        assertArrayEquals(data, JdkZip.decompress(f, compressed));
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (ZipInflater i = zip.newInflater(f)) {
            byte[] out = new byte[5];
            for (int off = 0; off < compressed.length && !i.finished(); off += 333) {
                i.setInput(compressed, off, Math.min(333, compressed.length - off));
                while (!i.needsInput() && !i.finished() || i.needsInput() && plainPending(i, out, plain)) {
                    plain.write(out, 0, i.inflate(out));
                }
            }
            assertTrue(i.finished(), "finished after the whole stream");
            assertEquals(compressed.length, i.getBytesRead());
        }
        assertArrayEquals(data, plain.toByteArray());
    }

    /** Drains output the inflater still holds although its input is used up; false when none. */
    private static boolean plainPending(ZipInflater i, byte[] out, ByteArrayOutputStream plain) throws DataFormatException {
        int n = i.inflate(out);
        plain.write(out, 0, n);
        return n > 0 && !i.finished();
    }

    /** Incompressible input larger than the staging buffers: the device takes part of each request. */
    @Test
    void largeIncompressibleStream() throws Exception {
        streamRoundTrip(Corpus.random(2_500_000, 8), 100_000);
    }

    @Test
    void outputStreamToGzipInputStream() throws Exception {
        streamRoundTrip(Corpus.random(300_000, 5), 7777);
    }

    /** Writes {@code data} in {@code chunk}-byte writes; GZIPInputStream and our stream read it back. */
    private void streamRoundTrip(byte[] data, int chunk) throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream o = zip.compressingStream(Format.GZIP, sink)) {
            for (int off = 0; off < data.length; off += chunk) {
                o.write(data, off, Math.min(chunk, data.length - off));
            }
        }
        try (GZIPInputStream g = new GZIPInputStream(new ByteArrayInputStream(sink.toByteArray()))) {
            assertArrayEquals(data, g.readAllBytes());
        }
        try (InputStream in = zip.decompressingStream(Format.GZIP, new ByteArrayInputStream(sink.toByteArray()))) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    @Test
    void concatenatedGzipMembers() throws Exception {
        byte[][] m = Corpus.twoMembers();
        assertArrayEquals(m[1], zip.decompress(Format.GZIP, m[0]), "one-shot reads every member");
        try (InputStream in = zip.decompressingStream(Format.GZIP, new ByteArrayInputStream(m[0]))) {
            assertArrayEquals(m[1], in.readAllBytes(), "stream reads every member");
        }
        byte[] ours = concat(zip.compress(Format.GZIP, "abc".getBytes()), zip.compress(Format.GZIP, new byte[0]),
                zip.compress(Format.GZIP, "def".getBytes()));
        try (GZIPInputStream g = new GZIPInputStream(new ByteArrayInputStream(ours))) {
            assertArrayEquals("abcdef".getBytes(), g.readAllBytes());
        }
        assertArrayEquals("abcdef".getBytes(), zip.decompress(Format.GZIP, ours));
    }

    @Test
    void gzipToolInterop(@TempDir Path dir) throws Exception {
        byte[] data = Corpus.compressible(500_000);
        Path ours = dir.resolve("ours.gz");
        Files.write(ours, zip.compress(Format.GZIP, data));
        Process p = new ProcessBuilder("gzip", "-dc", ours.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] back = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), "gzip -d accepts our output");
        assertArrayEquals(data, back);

        Path plain = dir.resolve("plain.txt");
        Files.write(plain, data);
        assertEquals(0, new ProcessBuilder("gzip", "-k", "-9", plain.toString()).inheritIO().start().waitFor());
        byte[] theirs = Files.readAllBytes(dir.resolve("plain.txt.gz")); // carries FNAME
        assertArrayEquals(data, zip.decompress(Format.GZIP, theirs));
        Files.write(dir.resolve("two.gz"), concat(theirs, theirs));
        try (InputStream in = zip.decompressingStream(Format.GZIP, Files.newInputStream(dir.resolve("two.gz")))) {
            assertArrayEquals(concat(data, data), in.readAllBytes());
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void garbageIsADataFormatError(Format f) {
        byte[] garbage = new byte[1000];
        Arrays.fill(garbage, (byte) 0xFF); // raw deflate: BTYPE 11 (reserved) in the first byte
        assertTimeoutPreemptively(NO_HANG, () -> {
            assertThrows(DataFormatException.class, () -> zip.decompress(f, garbage));
            assertThrows(DataFormatException.class, () -> zip.decompress(f, new byte[0]), "empty input is truncated");
            ZipException z = assertThrows(ZipException.class,
                    () -> zip.decompressingStream(f, new ByteArrayInputStream(garbage)).readAllBytes());
            assertTrue(z.getMessage() != null && !z.getMessage().isBlank());
        });
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void everyTruncationIsADataFormatError(Format f) {
        byte[] whole = zip.compress(f, Corpus.random(3000, 11));
        assertTimeoutPreemptively(NO_HANG, () -> {
            for (int cut = 0; cut < whole.length; cut += cut < 40 ? 1 : 97) {
                byte[] part = Arrays.copyOf(whole, cut);
                int c = cut;
                assertThrows(DataFormatException.class, () -> zip.decompress(f, part), "cut at " + c);
                assertThrows(ZipException.class,
                        () -> zip.decompressingStream(f, new ByteArrayInputStream(part)).readAllBytes(), "stream cut at " + c);
            }
        });
    }

    /** A flipped bit is reported, or (rarely: a bit deflate does not use) the data come back intact. */
    @Test
    void corruptionIsCaughtByTheChecksums() {
        for (Format f : new Format[] {Format.ZLIB, Format.GZIP}) {
            byte[] plain = Corpus.compressible(50_000);
            byte[] whole = zip.compress(f, plain);
            assertTimeoutPreemptively(NO_HANG, () -> {
                int caught = 0;
                int tried = 0;
                for (int pos = f.headerLength(); pos < whole.length; pos += Math.max(1, whole.length / 40)) {
                    byte[] bad = whole.clone();
                    bad[pos] ^= 0x10;
                    tried++;
                    try {
                        assertArrayEquals(plain, zip.decompress(f, bad), f + " flip at " + pos + " passed off wrong data");
                    } catch (DataFormatException expected) {
                        caught++;
                    }
                }
                assertTrue(caught >= tried - 2, f + ": only " + caught + " of " + tried + " flips reported");
                byte[] badTrailer = whole.clone();
                badTrailer[whole.length - 1] ^= 1;
                assertThrows(ZipException.class,
                        () -> zip.decompressingStream(f, new ByteArrayInputStream(badTrailer)).readAllBytes());
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void trailingGarbageIsRejected(Format f) {
        byte[] s = concat(zip.compress(f, "hello".getBytes()), new byte[] {1, 2, 3});
        assertThrows(DataFormatException.class, () -> zip.decompress(f, s));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void manyAsyncRequestsInFlight(Format f) throws Exception {
        int n = 64;
        byte[][] inputs = new byte[n][];
        java.util.List<java.util.concurrent.CompletableFuture<byte[]>> futures = new java.util.ArrayList<>();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment[] dsts = new MemorySegment[n];
            java.util.List<java.util.concurrent.CompletableFuture<Long>> seg = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                inputs[i] = i % 2 == 0 ? Corpus.compressible(1000 + 977 * i) : Corpus.random(1 + 331 * i, i);
                futures.add(zip.compressAsync(f, inputs[i]));
                MemorySegment src = arena.allocate(Math.max(1, inputs[i].length)).asSlice(0, inputs[i].length);
                MemorySegment.copy(inputs[i], 0, src, ValueLayout.JAVA_BYTE, 0, inputs[i].length);
                dsts[i] = arena.allocate(ZipEngine.maxCompressedLength(f, inputs[i].length));
                seg.add(zip.compressAsync(f, src, dsts[i]));
            }
            for (int i = 0; i < n; i++) {
                byte[] c = futures.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertArrayEquals(inputs[i], JdkZip.decompress(f, c), "byte[] request " + i);
                long len = seg.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertArrayEquals(inputs[i], JdkZip.decompress(f, dsts[i].asSlice(0, len).toArray(ValueLayout.JAVA_BYTE)),
                        "segment request " + i);
                assertArrayEquals(inputs[i], zip.decompressAsync(f, c).get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        }
        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> zip.decompressAsync(f, new byte[] {(byte) 0xFF, 1, 2}).get(60, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof DataFormatException, String.valueOf(e.getCause()));
    }

    @Test
    void manyThreadsShareOneEngine() throws Exception {
        int threads = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < 40; i++) {
                        Format f = Format.values()[(seed + i) % 3];
                        byte[] in = (i & 1) == 0 ? Corpus.compressible(1000 + 7919 * i) : Corpus.random(100 + 3001 * i, seed * 100 + i);
                        byte[] c = zip.compress(f, in);
                        assertArrayEquals(in, zip.decompress(f, c), "thread " + seed + " op " + i);
                        try (ZipInflater inf = zip.newInflater(f)) {
                            inf.setInput(c);
                            byte[] out = new byte[in.length + 1];
                            int n = 0;
                            while (!inf.finished()) {
                                int k = inf.inflate(out, n, out.length - n);
                                if (k == 0 && inf.needsInput() && !inf.finished()) {
                                    throw new AssertionError("inflater stuck at " + n);
                                }
                                n += k;
                            }
                            assertEquals(in.length, n);
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            for (var r : results) {
                assertEquals(40, r.get(120, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deviceReachableBuffers() throws Exception {
        byte[] data = Corpus.compressible(100_000);
        MemorySegment src = zip.allocateBuffer(data.length);
        MemorySegment dst = zip.allocateBuffer(ZipEngine.maxCompressedLength(Format.ZLIB, data.length));
        MemorySegment back = zip.allocateBuffer(data.length);
        MemorySegment.copy(MemorySegment.ofArray(data), 0, src, 0, data.length);
        long n = zip.compress(Format.ZLIB, src, dst);
        assertArrayEquals(data, JdkZip.decompress(Format.ZLIB, dst.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE)));
        assertEquals(data.length, zip.decompress(Format.ZLIB, dst.asSlice(0, n), back));
        assertArrayEquals(data, back.toArray(ValueLayout.JAVA_BYTE));
        zip.freeBuffer(src);
        zip.freeBuffer(dst);
        zip.freeBuffer(back);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }
}
