package io.uacce.reliability.fuzz;

import io.uacce.compress.types.Format;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.GZIPInputStream;

/**
 * The oracle: what java.util.zip makes of an input. Raw deflate and zlib are decoded strictly (one
 * whole stream, nothing after it), as the driver's API promises; gzip goes through
 * {@link GZIPInputStream}, which is more lenient than the driver (it ignores data after a member
 * that is not a gzip header), so for gzip only "the JDK rejects ⇒ we reject" and "both accept ⇒
 * same bytes" hold.
 */
final class JdkReference {
    /** Outputs larger than this are not compared (a fuzzed deflate stream can expand 1000:1). */
    static final int LIMIT = 16 << 20;

    /** Too large to compare. */
    static final byte[] TOO_LARGE = new byte[0];

    private JdkReference() {
    }

    /** The decoded bytes, {@code null} when java.util.zip rejects the input, or {@link #TOO_LARGE}. */
    static byte[] decode(Format format, byte[] in) {
        return format == Format.GZIP ? gunzip(in) : inflate(format == Format.RAW, in);
    }

    private static byte[] inflate(boolean raw, byte[] in) {
        Inflater inf = new Inflater(raw);
        try {
            inf.setInput(in);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[64 << 10];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && !inf.finished() && (inf.needsInput() || inf.needsDictionary())) {
                    return null; // truncated, or a preset dictionary the driver refuses
                }
                out.write(buf, 0, n);
                if (out.size() > LIMIT) {
                    return TOO_LARGE;
                }
            }
            return inf.getRemaining() == 0 ? out.toByteArray() : null;
        } catch (DataFormatException e) {
            return null;
        } finally {
            inf.end();
        }
    }

    private static byte[] gunzip(byte[] in) {
        try (GZIPInputStream g = new GZIPInputStream(new ByteArrayInputStream(in), 4096)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[64 << 10];
            int n;
            while ((n = g.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > LIMIT) {
                    return TOO_LARGE;
                }
            }
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
