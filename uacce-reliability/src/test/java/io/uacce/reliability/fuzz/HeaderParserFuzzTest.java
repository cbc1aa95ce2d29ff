package io.uacce.reliability.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.uacce.compress.types.Format;
import io.uacce.compress.zip.HeaderParser;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

/**
 * Coverage-guided fuzzing of the gzip/zlib header parser ({@link HeaderParser}, fed incrementally by
 * the streaming path). Holds: the outcome does not depend on how the input is split; a header
 * built to RFC 1952 with any optional fields is read to its exact length; the parser accepts,
 * rejects or waits for more bytes exactly where java.util.zip does (gzip: {@link GZIPInputStream}'s
 * header reader, apart from the reserved flag bits it ignores and we refuse; zlib: {@link Inflater});
 * only DataFormatException is ever thrown.
 */
class HeaderParserFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parse(FuzzedDataProvider data) throws Exception {
        fuzzerTestOneInput(data);
    }

    /** The entry point of the standalone driver (fuzz.sh). */
    public static void fuzzerTestOneInput(FuzzedDataProvider d) {
        Format format = d.consumeBoolean() ? Format.GZIP : Format.ZLIB;
        int built = -1;
        byte[] bytes;
        if (format == Format.GZIP && d.consumeBoolean()) {
            byte[] h = Inputs.gzipHeader(d);
            built = h.length;
            byte[] tail = d.consumeBytes(d.consumeInt(0, 32));
            bytes = new byte[h.length + tail.length];
            System.arraycopy(h, 0, bytes, 0, h.length);
            System.arraycopy(tail, 0, bytes, h.length, tail.length);
        } else {
            bytes = d.consumeBytes(d.consumeInt(0, 300));
        }
        Result whole = feed(format, bytes, new int[] {bytes.length});
        int[] splits = new int[d.consumeInt(1, 16)];
        for (int i = 0; i < splits.length; i++) {
            splits[i] = d.consumeInt(0, 64); // empty feeds too
        }
        splits[0] = Math.max(1, splits[0]); // (the harness must advance)
        Result pieces = feed(format, bytes, splits);
        if (!whole.equals(pieces)) {
            throw new AssertionError("split input changes the outcome: " + whole + " vs " + pieces);
        }
        if (built >= 0 && (!whole.done || whole.length != built)) {
            throw new AssertionError("a " + built + "-byte RFC 1952 header was read as " + whole);
        }
        Result jdk = format == Format.GZIP ? jdkGzip(bytes) : jdkZlib(bytes);
        if (jdk == null) {
            return; // reserved flag bits: the JDK ignores them, we refuse (checked below)
        }
        boolean weReject = whole.error != null;
        boolean jdkRejects = jdk.error != null;
        if (weReject && !jdkRejects && !jdk.done) {
            // We refuse at the first wrong byte; the JDK reads fields whole (the magic as one
            // 16-bit word) and ran out of input first. With more input it must refuse too.
            Result more = format == Format.GZIP ? jdkGzip(Arrays.copyOf(bytes, bytes.length + 400)) : null;
            if (more == null || more.error != null) {
                return;
            }
            throw new AssertionError(format + " header: parser " + whole + ", java.util.zip accepts it padded: " + more);
        }
        if (weReject != jdkRejects || whole.done != jdk.done || (whole.done && whole.length != jdk.length)) {
            throw new AssertionError(format + " header: parser " + whole + ", java.util.zip " + jdk);
        }
    }

    private record Result(boolean done, int length, String error) {
    }

    private static Result feed(Format format, byte[] bytes, int[] splits) {
        HeaderParser p = new HeaderParser(format);
        MemorySegment in = MemorySegment.ofArray(bytes);
        int pos = 0;
        int i = 0;
        try {
            while (pos < bytes.length && !p.done()) {
                int n = Math.min(splits[i++ % splits.length], bytes.length - pos);
                int used = p.feed(in, pos, n);
                if (used < 0 || used > n || (used < n && !p.done())) {
                    throw new AssertionError("feed of " + n + " bytes used " + used + " (done " + p.done() + ")");
                }
                pos += used;
            }
            if (p.done() && pos != p.length()) {
                throw new AssertionError("parser says " + p.length() + " header bytes, fed " + pos);
            }
            return new Result(p.done(), p.done() ? p.length() : -1, null);
        } catch (DataFormatException e) {
            return new Result(false, -1, e.getMessage() == null ? "?" : "rejected");
        }
    }

    private static Result jdkGzip(byte[] bytes) {
        if (bytes.length > 3 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B && bytes[2] == 8
                && (bytes[3] & 0xE0) != 0) {
            return null;
        }
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        try {
            new GZIPInputStream(in, 1).close();
            return new Result(true, bytes.length - in.available(), null);
        } catch (EOFException e) {
            return new Result(false, -1, null); // truncated: the parser waits for more
        } catch (IOException e) {
            return new Result(false, -1, "rejected");
        }
    }

    private static Result jdkZlib(byte[] bytes) {
        if (bytes.length < 2) {
            return new Result(false, -1, null);
        }
        Inflater inf = new Inflater();
        try {
            inf.setInput(bytes, 0, 2);
            inf.inflate(new byte[1]);
            if ((bytes[1] & 0x20) != 0) {
                inf.setInput(new byte[4]); // FDICT (RFC 1950): zlib asks for the dictionary after DICTID
                inf.inflate(new byte[1]);
            }
            return inf.needsDictionary() ? new Result(false, -1, "rejected") : new Result(true, 2, null);
        } catch (DataFormatException e) {
            return new Result(false, -1, "rejected");
        } finally {
            inf.end();
        }
    }
}
