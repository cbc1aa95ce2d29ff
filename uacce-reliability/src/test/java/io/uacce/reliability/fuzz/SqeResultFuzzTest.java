package io.uacce.reliability.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.uacce.UacceException;
import io.uacce.compress.types.Format;
import io.uacce.compress.ZipEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Fuzzes the driver's decoding of SQE results: the model runs each request for real, then a
 * {@link io.uacce.stubs.model.ResultFilter} rewrites its result words (consumed, produced,
 * comp_data_length, status, ctx_dw0-2, isize, checksum; hisi-zip-uacce.md §4.5, offsets from the
 * spec, not from the driver) with fuzzer-chosen values — random, off by a little, or the
 * boundaries (0, the room the SQE offered, one more, the input length, 8 MiB, -1).
 *
 * <p>Holds: every call returns or throws a typed error (UacceException, DataFormatException,
 * ZipException) within its timeout; neither the input nor the bytes around the caller's
 * destination segment are written; a result never claims more bytes than the destination holds;
 * with no word rewritten the result is java.util.zip's.
 */
class SqeResultFuzzTest {
    /** Result dwords of the ZIP SQE (spec §4.5): consumed, produced, comp_data_length, status, ctx_dw0, ctx_dw1, ctx_dw2, isize, checksum. */
    private static final int[] RESULT_DWORDS = {0, 1, 2, 3, 15, 28, 29, 30, 31};
    private static final int DW_INPUT_LENGTH = 4;
    private static final int DW_DEST_AVAIL_OUT = 14;
    private static final int MAX_REWRITES = 12;
    private static final byte GUARD = (byte) 0x5A;
    private static final int GUARD_BYTES = 64;
    private static final Format[] FORMATS = {Format.ZLIB, Format.GZIP, Format.RAW};

    private static ZipEngine zip;
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static volatile int[][] plan = new int[0][];
    private static final AtomicBoolean TAMPERED = new AtomicBoolean();

    private enum Api { HEAP, SEGMENT, STREAM }

    @FuzzTest(maxDuration = "60s")
    void results(FuzzedDataProvider data) throws Exception {
        fuzzerTestOneInput(data);
    }

    private static synchronized ZipEngine engine() {
        if (zip == null) {
            zip = FuzzEngines.onModel(m -> m.devices().get(0).filterResults((dev, sqe) -> rewrite(sqe)), Duration.ofSeconds(5));
        }
        return zip;
    }

    /** Rewrites the n-th SQE of this input as planned (runs on the model's device thread). */
    private static void rewrite(MemorySegment sqe) {
        int[][] p = plan;
        int n = NEXT.getAndIncrement();
        if (n >= p.length) {
            return;
        }
        int[] r = p[n];
        for (int i = 0; i < RESULT_DWORDS.length; i++) {
            long off = 4L * RESULT_DWORDS[i];
            int real = sqe.get(ValueLayout.JAVA_INT_UNALIGNED, off);
            int room = sqe.get(ValueLayout.JAVA_INT_UNALIGNED, 4L * DW_DEST_AVAIL_OUT);
            int input = sqe.get(ValueLayout.JAVA_INT_UNALIGNED, 4L * DW_INPUT_LENGTH);
            int v = switch (r[2 * i]) {
                case 1 -> r[2 * i + 1];
                case 2 -> real + (byte) r[2 * i + 1];
                case 3 -> switch (Math.floorMod(r[2 * i + 1], 8)) {
                    case 0 -> 0;
                    case 1 -> room;
                    case 2 -> room + 1;
                    case 3 -> input;
                    case 4 -> input + 1;
                    case 5 -> 8 << 20;
                    case 6 -> (8 << 20) + 1;
                    default -> -1;
                };
                case 4 -> i == 3 ? (real & ~0xFF) | (r[2 * i + 1] & 0xFF) : real ^ (1 << (r[2 * i + 1] & 31));
                default -> real;
            };
            if (v != real) {
                TAMPERED.set(true);
                sqe.set(ValueLayout.JAVA_INT_UNALIGNED, off, v);
            }
        }
    }

    /** The entry point of the standalone driver (fuzz.sh). */
    public static void fuzzerTestOneInput(FuzzedDataProvider d) throws Exception {
        ZipEngine e = engine();
        Format format = d.pickValue(FORMATS);
        boolean compress = d.consumeBoolean();
        Api api = d.pickValue(Api.values());
        int[][] p = new int[d.consumeInt(0, MAX_REWRITES)][];
        for (int s = 0; s < p.length; s++) {
            p[s] = new int[2 * RESULT_DWORDS.length];
            for (int i = 0; i < RESULT_DWORDS.length; i++) {
                p[s][2 * i] = d.consumeInt(0, 9) <= 4 ? d.consumeInt(0, 4) : 0; // about half the fields kept
                p[s][2 * i + 1] = d.consumeInt();
            }
        }
        byte[] payload = d.consumeBytes(d.consumeInt(0, 200_000));
        if (d.consumeBoolean()) {
            payload = Arrays.copyOf(payload, payload.length * d.consumeInt(1, 8)); // zeros compress well
        }
        byte[] input = compress ? payload : jdkCompress(format, payload);
        byte[] before = input.clone();
        int room = d.consumeInt(0, 2) == 0 ? d.consumeInt(0, 4096) : Math.max(input.length, payload.length) * 2 + 1024;
        plan = p;
        NEXT.set(0);
        TAMPERED.set(false);
        byte[] out;
        try {
            out = switch (api) {
                case HEAP -> compress ? e.compress(format, input) : e.decompress(format, input);
                case SEGMENT -> segment(e, format, compress, input, room);
                case STREAM -> stream(e, format, compress, input);
            };
        } catch (UacceException | DataFormatException | ZipException ok) {
            if (!TAMPERED.get() && !(ok instanceof io.uacce.compress.types.OutputTooSmallException)) {
                throw new AssertionError("no result word was rewritten, yet " + api + " failed", ok);
            }
            return;
        } catch (IOException io) {
            // the stream API's contract: a device error reaches the reader as an IOException
            if (!(io.getCause() instanceof UacceException) || !TAMPERED.get()) {
                throw io;
            }
            return;
        } finally {
            plan = new int[0][];
        }
        if (!Arrays.equals(before, input)) {
            throw new AssertionError(api + ": the input was written");
        }
        if (!TAMPERED.get()) {
            byte[] plain = compress ? JdkReference.decode(format, out) : out;
            if (!Arrays.equals(payload, plain)) {
                throw new AssertionError("no result word was rewritten, yet " + api + " " + format
                        + (compress ? " compression" : " decompression") + " gave a wrong result");
            }
        }
    }

    private static byte[] segment(ZipEngine e, Format format, boolean compress, byte[] in, int room)
            throws DataFormatException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = arena.allocate(Math.max(1, in.length)).asSlice(0, in.length);
            MemorySegment.copy(in, 0, src, ValueLayout.JAVA_BYTE, 0, in.length);
            MemorySegment whole = arena.allocate(room + 2L * GUARD_BYTES);
            whole.fill(GUARD);
            MemorySegment dst = whole.asSlice(GUARD_BYTES, room);
            long n;
            try {
                n = compress ? e.compress(format, src, dst) : e.decompress(format, src, dst);
            } finally {
                for (long i = 0; i < GUARD_BYTES; i++) {
                    if (whole.get(ValueLayout.JAVA_BYTE, i) != GUARD
                            || whole.get(ValueLayout.JAVA_BYTE, GUARD_BYTES + room + i) != GUARD) {
                        throw new AssertionError("a byte outside the destination segment was written");
                    }
                }
                for (long i = 0; i < in.length; i++) {
                    if (src.get(ValueLayout.JAVA_BYTE, i) != in[(int) i]) {
                        throw new AssertionError("the source segment was written");
                    }
                }
            }
            if (n < 0 || n > room) {
                throw new AssertionError("the call returned " + n + " bytes for a " + room + "-byte destination");
            }
            return dst.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
        }
    }

    private static byte[] stream(ZipEngine e, Format format, boolean compress, byte[] in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (compress) {
            try (var c = e.compressingStream(format, out)) {
                c.write(in);
            }
        } else {
            try (var s = e.decompressingStream(format, new ByteArrayInputStream(in))) {
                byte[] buf = new byte[8192];
                int n;
                while ((n = s.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    if (out.size() > JdkReference.LIMIT) {
                        throw new ZipException("more output than the comparison limit");
                    }
                }
            }
        }
        return out.toByteArray();
    }

    private static byte[] jdkCompress(Format format, byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Deflater def = new Deflater(6, format == Format.RAW);
        try (var o = format == Format.GZIP ? new GZIPOutputStream(b) : new DeflaterOutputStream(b, def)) {
            o.write(data);
        } finally {
            def.end(); // DeflaterOutputStream leaves a caller's Deflater open
        }
        return b.toByteArray();
    }
}
