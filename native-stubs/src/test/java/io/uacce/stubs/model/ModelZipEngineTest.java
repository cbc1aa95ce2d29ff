package io.uacce.stubs.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ZIP engine against java.util.zip, SQE fields written from spec §4 (SVA mode). */
class ModelZipEngineTest {
    static final byte[] ZLIB_HEADER = {0x78, (byte) 0x9C};
    static final byte[] GZIP_HEADER = {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, 0, 3};

    private ModelHost host;
    private final Arena arena = Arena.ofShared();

    @AfterEach
    void tearDown() {
        if (host != null) {
            host.close();
        }
        arena.close();
    }

    static byte[] sample(int size) {
        Random r = new Random(42);
        byte[] b = new byte[size];
        String words = "the quick brown fox jumps over the lazy dog uacce hisi zip queue ";
        for (int i = 0; i < size; i++) {
            b[i] = r.nextInt(10) == 0 ? (byte) r.nextInt(256) : (byte) words.charAt(i % words.length());
        }
        return b;
    }

    MemorySegment buffer(byte[] content, int size) {
        MemorySegment m = arena.allocate(Math.max(size, 1), 64);
        MemorySegment.copy(content, 0, m, ValueLayout.JAVA_BYTE, 0, content.length);
        return m;
    }

    /** One request and its results. */
    record Done(int status, int consumed, int produced, int isize, int checksum, int ctx0, byte[] out, MemorySegment sqe) {
    }

    static final int FINISH = 1 << 25;
    static final int STATEFUL = 1 << 26;
    static final int NEW = 1 << 27;

    Done run(RawQueue q, int type, int flags, int reqType, long src, int inLen, long dst, int avail, long ctx,
            int isize, int checksum) {
        int slot = q.tail;
        MemorySegment s = q.next();
        s.set(RawQueue.DW, 4 * 4, inLen);
        s.set(RawQueue.DW, 7 * 4, flags | type << 28);
        s.set(RawQueue.DW, 9 * 4, reqType | 2 << 12);
        s.set(RawQueue.DW, (type == 3 ? 26 : 13) * 4, 0x5A5A0000 + slot);
        s.set(RawQueue.DW, 14 * 4, avail);
        s.set(RawQueue.QW, 18 * 4, src);
        s.set(RawQueue.QW, 20 * 4, dst);
        s.set(RawQueue.QW, 22 * 4, ctx);
        s.set(RawQueue.DW, 30 * 4, isize);
        s.set(RawQueue.DW, 31 * 4, checksum);
        q.submit(1);
        assertEquals(slot, q.reap(true));
        assertEquals(flags | type << 28, s.get(RawQueue.DW, 7 * 4), "dw7 preserved");
        assertEquals(reqType | 2 << 12, s.get(RawQueue.DW, 9 * 4), "dw9 preserved");
        assertEquals(0x5A5A0000 + slot, s.get(RawQueue.DW, (type == 3 ? 26 : 13) * 4), "tag preserved");
        assertEquals(avail, s.get(RawQueue.DW, 14 * 4), "dest_avail_out preserved");
        int produced = s.get(RawQueue.DW, 4);
        byte[] out = MemorySegment.ofAddress(dst).reinterpret(Math.max(produced, 0)).toArray(ValueLayout.JAVA_BYTE);
        return new Done(s.get(RawQueue.DW, 12), s.get(RawQueue.DW, 0), produced, s.get(RawQueue.DW, 30 * 4),
                s.get(RawQueue.DW, 31 * 4), s.get(RawQueue.DW, 15 * 4), out, s);
    }

    Done block(RawQueue q, int type, int reqType, byte[] in, int avail) {
        MemorySegment src = buffer(in, in.length);
        MemorySegment dst = arena.allocate(Math.max(avail, 1), 64);
        return run(q, type, NEW | FINISH, reqType, src.address(), in.length, dst.address(), avail, 0, 0, 0);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static byte[] javaZlib(byte[] in) {
        Deflater d = new Deflater();
        d.setInput(in);
        d.finish();
        byte[] out = new byte[in.length + 1024];
        int n = d.deflate(out);
        d.end();
        return Arrays.copyOf(out, n);
    }

    static byte[] javaGzip(byte[] in) throws Exception {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
            g.write(in);
        }
        return bo.toByteArray();
    }

    private ModelHost zipHost(ModelApi api) {
        host = ModelHost.builder().device(d -> d.api(api).depth(64)).build();
        return host;
    }

    @Test
    void zlibBlockCompressionDecodesWithJavaAndReportsAdler() throws Exception {
        zipHost(ModelApi.V2);
        byte[] in = sample(200_000);
        try (RawQueue q = RawQueue.open(host, 0)) {
            Done r = block(q, 0, 2, in, 300_000);
            assertEquals(0, r.status());
            assertEquals(in.length, r.consumed());
            assertEquals(r.produced(), r.sqe().get(RawQueue.DW, 8), "comp_data_length");
            Adler32 a = new Adler32();
            a.update(in);
            assertEquals((int) a.getValue(), r.checksum());
            Inflater inf = new Inflater();
            inf.setInput(concat(ZLIB_HEADER, r.out()));
            byte[] back = new byte[in.length];
            assertEquals(in.length, inf.inflate(back));
            assertTrue(inf.finished(), "device wrote the Adler-32 trailer");
            assertArrayEquals(in, back);
        }
    }

    @Test
    void gzipBlockCompressionAndDw31Representation() throws Exception {
        zipHost(ModelApi.V2);
        byte[] in = sample(70_000);
        try (RawQueue q = RawQueue.open(host, 0)) {
            Done r = block(q, 0, 3, in, 100_000);
            assertEquals(0, r.status());
            CRC32 c = new CRC32();
            c.update(in);
            assertEquals((int) c.getValue(), Integer.reverse(~r.checksum()), "crc = bitrev(NOT dw31)");
            assertEquals(in.length, r.isize());
            byte[] back = new GZIPInputStream(new ByteArrayInputStream(concat(GZIP_HEADER, r.out()))).readAllBytes();
            assertArrayEquals(in, back);
        }
    }

    @Test
    void rawDeflateOnlyWithType3() {
        zipHost(ModelApi.V3);
        byte[] in = sample(10_000);
        try (RawQueue q = RawQueue.open(host, 0)) {
            Done r = block(q, 3, 1, in, 20_000);
            assertEquals(0, r.status());
            Inflater inf = new Inflater(true);
            inf.setInput(r.out());
            byte[] back = new byte[in.length];
            assertEquals(in.length, assertDoesNotThrowInflate(inf, back));
            assertArrayEquals(in, back);
            assertEquals(ModelStatus.BAD_REQUEST, block(q, 0, 1, in, 20_000).status(), "raw deflate needs type 3");
        }
    }

    @Test
    void v2RejectsType3() {
        zipHost(ModelApi.V2);
        try (RawQueue q = RawQueue.open(host, 0)) {
            assertEquals(ModelStatus.BAD_REQUEST, block(q, 3, 2, sample(100), 1000).status());
        }
    }

    static int assertDoesNotThrowInflate(Inflater inf, byte[] out) {
        try {
            return inf.inflate(out);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void outputTooSmallGives0x0E() {
        zipHost(ModelApi.V2);
        byte[] in = sample(50_000);
        try (RawQueue q = RawQueue.open(host, 0)) {
            assertEquals(ModelStatus.DEST_TOO_SMALL, block(q, 0, 2, in, 100).status());
        }
        try (RawQueue q = RawQueue.open(host, 1)) {
            byte[] z = javaZlib(in);
            Done r = block(q, 0, 2, Arrays.copyOfRange(z, 2, z.length), in.length - 1);
            assertEquals(ModelStatus.DEST_TOO_SMALL, r.status());
        }
    }

    @Test
    void blockDecompressionCompletesWith0x00WithoutLastBlock() throws Exception {
        zipHost(ModelApi.V2);
        byte[] in = sample(123_456);
        try (RawQueue q = RawQueue.open(host, 1)) {
            byte[] z = javaZlib(in);
            byte[] extra = concat(Arrays.copyOfRange(z, 2, z.length), new byte[] {1, 2, 3});
            Done r = block(q, 0, 2, extra, in.length);
            assertEquals(ModelStatus.OK, r.status(), "stateless: 0x00, not 0x13 + lstblk (spec 4.6)");
            assertEquals(z.length - 2, r.consumed(), "bytes after the trailer are not consumed");
            assertArrayEquals(in, r.out());
            byte[] g = javaGzip(in);
            Done rg = block(q, 0, 3, Arrays.copyOfRange(g, 10, g.length), in.length);
            assertEquals(ModelStatus.OK, rg.status());
            assertArrayEquals(in, rg.out());
            assertEquals(in.length, rg.isize());
        }
    }

    @Test
    void trailerMismatchGives0x10AndCorruptInputAnError() {
        zipHost(ModelApi.V2);
        byte[] in = sample(5_000);
        try (RawQueue q = RawQueue.open(host, 1)) {
            byte[] z = javaZlib(in);
            byte[] body = Arrays.copyOfRange(z, 2, z.length);
            body[body.length - 1] ^= 0x55;
            assertEquals(ModelStatus.CHECKSUM, block(q, 0, 2, body, in.length).status(), "0x10 without lstblk");
            byte[] junk = new byte[100];
            Arrays.fill(junk, (byte) 0xFF);
            assertEquals(ModelStatus.BAD_DATA, block(q, 0, 2, junk, 10_000).status());
            byte[] truncated = Arrays.copyOfRange(z, 2, z.length / 2);
            assertEquals(ModelStatus.BAD_DATA, block(q, 0, 2, truncated, 10_000).status());
        }
    }

    @Test
    void badAddressesGiveAnErrorStatusNotACrash() {
        zipHost(ModelApi.V2);
        byte[] in = sample(1000);
        try (RawQueue q = RawQueue.open(host, 0)) {
            MemorySegment dst = arena.allocate(4096);
            Done r = run(q, 0, NEW | FINISH, 2, 0x10, in.length, dst.address(), 4096, 0, 0, 0);
            assertEquals(ModelStatus.ADDRESS_FAULT, r.status());
            MemorySegment src = buffer(in, in.length);
            MemorySegment okDst = arena.allocate(4096);
            r = run(q, 0, NEW | FINISH, 2, src.address(), in.length, 0x20, 4096, 0, 0, 0);
            assertEquals(ModelStatus.ADDRESS_FAULT, r.status());
            r = run(q, 0, NEW | STATEFUL, 2, src.address(), in.length, okDst.address(), 4096, 0x30, 0, 0);
            assertEquals(ModelStatus.ADDRESS_FAULT, r.status(), "unreachable stream context");
            assertEquals(0, block(q, 0, 2, in, 4096).status(), "the queue still works");
        }
    }

    @Test
    void statefulCompressionAcrossSqes() throws Exception {
        zipHost(ModelApi.V2);
        byte[] in = sample(300_000);
        MemorySegment ctx = arena.allocate(0x10000, 64);
        try (RawQueue q = RawQueue.open(host, 0)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(GZIP_HEADER);
            int chunk = 64 * 1024;
            int isize = 0;
            int checksum = 0;
            int pos = 0;
            boolean first = true;
            MemorySegment dst = arena.allocate(200_000, 64);
            while (true) {
                int len = Math.min(chunk, in.length - pos);
                boolean last = pos + len == in.length;
                MemorySegment src = buffer(Arrays.copyOfRange(in, pos, pos + len), len);
                int flags = STATEFUL | (first ? NEW : 0) | (last ? FINISH : 0);
                Done r = run(q, 0, flags, 3, src.address(), len, dst.address(), 200_000, ctx.address() + 64, isize,
                        checksum);
                assertEquals(0, r.status());
                out.write(r.out());
                pos += r.consumed();
                isize = r.isize();
                checksum = r.checksum();
                first = false;
                if (last && r.consumed() == len && (r.ctx0() & 0xF) == 0) {
                    break;
                }
            }
            assertEquals(in.length, isize);
            byte[] back = new GZIPInputStream(new ByteArrayInputStream(out.toByteArray())).readAllBytes();
            assertArrayEquals(in, back);
            assertEquals(0, host.devices().get(0).activeStreams(), "finished stream forgotten");
        }
    }

    @Test
    void statefulDecompressionWithSmallOutputsAndSplitTrailer() throws Exception {
        zipHost(ModelApi.V2);
        byte[] in = sample(100_000);
        byte[] z = javaZlib(in);
        byte[] body = Arrays.copyOfRange(z, 2, z.length);
        MemorySegment ctx = arena.allocate(0x10000, 64);
        try (RawQueue q = RawQueue.open(host, 1)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MemorySegment dst = arena.allocate(8192, 64);
            int pos = 0;
            int isize = 0;
            int checksum = 0;
            boolean first = true;
            int partial = 0;
            Done r;
            do {
                // feed at most 3000 bytes, and stop 2 bytes short of the end once to split the trailer
                int len = Math.min(3000, body.length - pos);
                if (pos + len == body.length && len > 2 && partial++ == 0) {
                    len -= 2;
                }
                MemorySegment src = buffer(Arrays.copyOfRange(body, pos, pos + len), len);
                r = run(q, 0, STATEFUL | (first ? NEW : 0), 2, src.address(), len, dst.address(), 8192,
                        ctx.address() + 64, isize, checksum);
                assertTrue(r.status() == 0 || r.status() == (ModelStatus.STREAM_END | ModelStatus.LAST_BLOCK),
                        "status " + Integer.toHexString(r.status()));
                out.write(r.out());
                pos += r.consumed();
                isize = r.isize();
                checksum = r.checksum();
                first = false;
            } while (r.status() == 0);
            assertEquals(ModelStatus.STREAM_END | ModelStatus.LAST_BLOCK, r.status(), "a stateful stream ends with 0x13 + lstblk");
            assertEquals(body.length, pos);
            assertArrayEquals(in, out.toByteArray());
            assertTrue(partial > 0);
        }
    }

    @Test
    void statefulChecksumTravelsInTheSqe() {
        zipHost(ModelApi.V2);
        byte[] in = sample(20_000);
        byte[] z = javaZlib(in);
        byte[] body = Arrays.copyOfRange(z, 2, z.length);
        MemorySegment ctx = arena.allocate(0x10000, 64);
        try (RawQueue q = RawQueue.open(host, 1)) {
            MemorySegment dst = arena.allocate(in.length, 64);
            int half = body.length / 2;
            MemorySegment a = buffer(Arrays.copyOf(body, half), half);
            Done r1 = run(q, 0, STATEFUL | NEW, 2, a.address(), half, dst.address(), in.length, ctx.address(), 0, 0);
            assertEquals(0, r1.status());
            MemorySegment b = buffer(Arrays.copyOfRange(body, r1.consumed(), body.length), body.length - r1.consumed());
            // the library "forgot" to copy dw31: the device must compute a wrong running checksum
            Done r2 = run(q, 0, STATEFUL, 2, b.address(), body.length - r1.consumed(), dst.address(), in.length,
                    ctx.address(), r1.isize(), 12345);
            assertEquals(ModelStatus.CHECKSUM, r2.status(), "0x10 without lstblk: lstblk comes with 0x13 only");
        }
    }
}
