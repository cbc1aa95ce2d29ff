package io.uacce.reliability.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.uacce.compress.DecompressingInputStream;
import io.uacce.compress.types.Format;
import io.uacce.compress.types.OutputTooSmallException;
import io.uacce.compress.ZipEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.DataFormatException;
import java.util.zip.ZipException;

/**
 * Coverage-guided fuzzing of the decompression API (one-shot on heap arrays and native segments,
 * asynchronous, streaming with random read sizes, gzip with several members) on the software engine
 * and on the device path (in-process model), with java.util.zip as the oracle ({@link JdkReference}).
 * Inputs are well-formed streams built from the fuzzer's bytes and then damaged, or the raw bytes.
 *
 * <p>Holds: raw deflate and zlib decode exactly as java.util.zip does, or fail with a
 * DataFormatException/ZipException where it fails; gzip fails where java.util.zip fails and gives
 * its bytes where both succeed; valid inputs always decode; the destination segment's neighbours
 * and the input are never written; nothing else is thrown.
 */
class DecompressFuzzTest {
    private static final Format[] FORMATS = Format.values();
    private static final byte GUARD = (byte) 0xA5;
    private static final int GUARD_BYTES = 64;

    private enum Api { HEAP, SEGMENT, ASYNC, STREAM }

    @FuzzTest(maxDuration = "60s")
    void decompress(FuzzedDataProvider data) throws Exception {
        fuzzerTestOneInput(data);
    }

    /** The entry point of the standalone driver (fuzz.sh). */
    public static void fuzzerTestOneInput(FuzzedDataProvider d) throws Exception {
        Format format = d.pickValue(FORMATS);
        ZipEngine engine = d.consumeBoolean() ? FuzzEngines.device() : FuzzEngines.software();
        Api api = d.pickValue(Api.values());
        boolean valid = false;
        byte[] input;
        switch (d.consumeInt(0, 2)) {
            case 0, 1 -> {
                byte[] payload = d.consumeBytes(d.consumeInt(0, 8192));
                if (d.consumeBoolean()) {
                    payload = repeat(payload, d.consumeInt(1, 64)); // compressible, longer matches
                }
                input = Inputs.valid(d, format, payload, format == Format.GZIP ? d.consumeInt(1, 3) : 1);
                valid = true;
                if (d.consumeBoolean()) {
                    input = Inputs.damage(d, input);
                    valid = false;
                }
            }
            default -> input = d.consumeRemainingAsBytes();
        }
        byte[] expected = JdkReference.decode(format, input);
        if (expected == JdkReference.TOO_LARGE) {
            return;
        }
        byte[] before = input.clone();
        Outcome got = run(engine, api, format, input, expected, d);
        if (!Arrays.equals(before, input)) {
            throw new AssertionError(api + " " + format + ": the input array was written");
        }
        String where = engine.description() + ", " + api + ", " + format + ", " + input.length + " input bytes";
        if (valid && got.error != null) {
            throw new AssertionError(where + ": a valid stream was refused", got.error);
        }
        if (expected == null) {
            if (got.error == null) {
                throw new AssertionError(where + ": java.util.zip rejects this input, the driver gave "
                        + got.output.length + " bytes");
            }
            return;
        }
        if (got.error != null) {
            if (format == Format.GZIP) {
                return; // GZIPInputStream ignores trailing data the driver refuses
            }
            throw new AssertionError(where + ": java.util.zip decodes this input, the driver refused it", got.error);
        }
        if (!Arrays.equals(expected, got.output)) {
            throw new AssertionError(where + ": output differs from java.util.zip (" + got.output.length + " vs "
                    + expected.length + " bytes)");
        }
    }

    private record Outcome(byte[] output, Exception error) {
    }

    private static Outcome run(ZipEngine zip, Api api, Format format, byte[] in, byte[] expected, FuzzedDataProvider d)
            throws Exception {
        try {
            return new Outcome(switch (api) {
                case HEAP -> zip.decompress(format, in);
                case SEGMENT -> segment(zip, format, in, expected, d);
                case ASYNC -> async(zip, format, in);
                case STREAM -> stream(zip, format, in, d);
            }, null);
        } catch (DataFormatException | ZipException e) {
            return new Outcome(null, e);
        } catch (OutputTooSmallException e) {
            if (expected != null) {
                throw new AssertionError("destination sized for java.util.zip's result was too small", e);
            }
            return new Outcome(null, e);
        }
    }

    private static byte[] segment(ZipEngine zip, Format format, byte[] in, byte[] expected, FuzzedDataProvider d)
            throws DataFormatException {
        long room = (expected != null ? expected.length : 4L * in.length + 64) + d.consumeInt(0, 64);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = arena.allocate(Math.max(1, in.length)).asSlice(0, in.length);
            MemorySegment.copy(in, 0, src, ValueLayout.JAVA_BYTE, 0, in.length);
            MemorySegment whole = arena.allocate(room + 2 * GUARD_BYTES);
            whole.fill(GUARD);
            MemorySegment dst = whole.asSlice(GUARD_BYTES, room);
            long n;
            try {
                n = zip.decompress(format, src, dst);
            } finally {
                checkGuards(whole, room);
            }
            if (n < 0 || n > room) {
                throw new AssertionError("decompress returned " + n + " for a " + room + "-byte destination");
            }
            return dst.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
        }
    }

    private static void checkGuards(MemorySegment whole, long room) {
        for (long i = 0; i < GUARD_BYTES; i++) {
            if (whole.get(ValueLayout.JAVA_BYTE, i) != GUARD
                    || whole.get(ValueLayout.JAVA_BYTE, GUARD_BYTES + room + i) != GUARD) {
                throw new AssertionError("a byte outside the destination segment was written");
            }
        }
    }

    private static byte[] async(ZipEngine zip, Format format, byte[] in) throws Exception {
        try {
            return zip.decompressAsync(format, in).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DataFormatException dfe) {
                throw dfe;
            }
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("an asynchronous decompression did not complete in 60 s", e);
        }
    }

    private static byte[] stream(ZipEngine zip, Format format, byte[] in, FuzzedDataProvider d) throws IOException {
        int chunk = d.consumeInt(1, 4096);
        int read = d.consumeInt(1, 8192);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DecompressingInputStream s = zip.decompressingStream(format, new Trickle(in, chunk))) {
            byte[] buf = new byte[read + 16];
            while (true) {
                int off = d.consumeInt(0, 16);
                int n = s.read(buf, off, read);
                if (n < 0) {
                    break;
                }
                if (n == 0 || n > read) {
                    throw new AssertionError("read(" + read + ") returned " + n);
                }
                out.write(buf, off, n);
                if (out.size() > JdkReference.LIMIT) {
                    throw new ZipException("output beyond the comparison limit");
                }
            }
        }
        return out.toByteArray();
    }

    private static byte[] repeat(byte[] b, int times) {
        byte[] r = new byte[b.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(b, 0, r, i * b.length, b.length);
        }
        return r;
    }

    /** An input stream that hands out at most {@code chunk} bytes per read. */
    private static final class Trickle extends InputStream {
        private final byte[] data;
        private final int chunk;
        private int pos;

        Trickle(byte[] data, int chunk) {
            this.data = data;
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, chunk), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
