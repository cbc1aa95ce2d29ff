package io.uacce.it;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

/** Test data (deterministic, compressible) and the java.util.zip reference for checking outputs. */
final class Payloads {
    private static final String[] WORDS = {"uacce", "queue", "doorbell", "phase", "hisi_zip", "deflate", "ring",
        "Kunpeng", "completion", "the", "a", "of", "SQE", "CQE", "zlib", "gzip", "stop", "word", "\n", "0x1000"};

    private Payloads() {
    }

    /** Text-like data of exactly {@code length} bytes, a function of {@code seed}. */
    static byte[] text(long seed, int length) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] out = new byte[length];
        int i = 0;
        while (i < length) {
            byte[] w = (WORDS[r.nextInt(WORDS.length)] + (r.nextInt(8) == 0 ? r.nextInt(1000) : "") + ' ').getBytes();
            int n = Math.min(w.length, length - i);
            System.arraycopy(w, 0, out, i, n);
            i += n;
        }
        return out;
    }

    /** A length between {@code min} and {@code max} for request {@code index}. */
    static int length(long seed, int min, int max) {
        return min + new SplittableRandom(seed * 31 + 7).nextInt(max - min + 1);
    }

    /** Decodes what a device produced for a compression request: the library's header + the device's bytes. */
    static byte[] decode(SuiteZipSqe.Format f, byte[] deviceOutput) {
        byte[] hdr = f.header();
        byte[] stream = Arrays.copyOf(hdr, hdr.length + deviceOutput.length);
        System.arraycopy(deviceOutput, 0, stream, hdr.length, deviceOutput.length);
        return decodeStream(f, stream, "the device's " + f + " output (" + deviceOutput.length
                + " bytes, library header prepended)");
    }

    /**
     * Decodes a whole stream (header included) with java.util.zip; {@code what} names it in the
     * assertion error when it does not decode (gzip: every member, as GZIPInputStream reads them).
     */
    static byte[] decodeStream(SuiteZipSqe.Format f, byte[] stream, String what) {
        try {
            if (f == SuiteZipSqe.Format.GZIP) {
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(stream))) {
                    return in.readAllBytes();
                }
            }
            Inflater inf = new Inflater(f == SuiteZipSqe.Format.DEFLATE);
            try {
                inf.setInput(stream);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buf = new byte[8192];
                while (!inf.finished()) {
                    int n = inf.inflate(buf);
                    if (n == 0 && !inf.finished() && (inf.needsInput() || inf.needsDictionary())) {
                        throw new DataFormatException("truncated stream: inflater needs more input after "
                                + inf.getTotalIn() + " of " + stream.length + " bytes");
                    }
                    out.write(buf, 0, n);
                }
                if (inf.getRemaining() != 0) {
                    throw new DataFormatException(inf.getRemaining() + " bytes after the end of the stream");
                }
                return out.toByteArray();
            } finally {
                inf.end();
            }
        } catch (IOException | DataFormatException e) {
            throw new AssertionError(what + " does not decode with java.util.zip: " + e, e);
        }
    }

    /** java.util.zip's encoding of {@code data} in format {@code f} (a whole stream, header included). */
    static byte[] encode(SuiteZipSqe.Format f, byte[] data) {
        try {
            if (f == SuiteZipSqe.Format.GZIP) {
                ByteArrayOutputStream bo = new ByteArrayOutputStream();
                try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
                    g.write(data);
                }
                return bo.toByteArray();
            }
            Deflater d = new Deflater(6, f == SuiteZipSqe.Format.DEFLATE);
            try {
                d.setInput(data);
                d.finish();
                ByteArrayOutputStream bo = new ByteArrayOutputStream();
                byte[] buf = new byte[8192];
                while (!d.finished()) {
                    bo.write(buf, 0, d.deflate(buf));
                }
                return bo.toByteArray();
            } finally {
                d.end();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
