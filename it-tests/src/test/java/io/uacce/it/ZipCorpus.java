package io.uacce.it;

import io.uacce.compress.types.Format;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Inputs of the data-path tests and the java.util.zip reference for the public {@link Format}s.
 * Sizes stay modest: the kernel targets run in an emulated VM.
 */
final class ZipCorpus {
    static final int EIGHT_MIB = 8 << 20;

    private ZipCorpus() {
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    /** Empty, one byte, random (incompressible) and highly compressible: every mode runs these. */
    static Map<String, byte[]> small() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("empty", new byte[0]);
        m.put("one byte", new byte[] {42});
        m.put("random 64 KiB", random(64 << 10, 1));
        m.put("compressible 512 KiB", Payloads.text(2, 512 << 10));
        return m;
    }

    /**
     * The 8 MiB request limit: exactly 8 MiB of random data (the compressed stream is larger than
     * 8 MiB) and 8 MiB + 4097 bytes of text (split into more than one request).
     */
    static Map<String, byte[]> large() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("random exactly 8 MiB", random(EIGHT_MIB, 3));
        m.put("compressible 8 MiB + 4097", Payloads.text(4, EIGHT_MIB + 4097));
        return m;
    }

    /** java.util.zip's gzip members of {@code parts}, concatenated (what `cat a.gz b.gz` gives). */
    static byte[] gzipMembers(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            ByteArrayOutputStream one = new ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(one)) {
                g.write(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.writeBytes(one.toByteArray());
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    /** java.util.zip's whole stream of {@code data} (Deflater level 6, GZIPOutputStream). */
    static byte[] jdkCompress(Format f, byte[] data) {
        return Payloads.encode(sqe(f), data);
    }

    /** java.util.zip's reading of a whole stream (gzip: every member); AssertionError when it fails. */
    static byte[] jdkDecompress(Format f, byte[] stream, String what) {
        return Payloads.decodeStream(sqe(f), stream, what);
    }

    private static SuiteZipSqe.Format sqe(Format f) {
        return switch (f) {
            case RAW -> SuiteZipSqe.Format.DEFLATE;
            case ZLIB -> SuiteZipSqe.Format.ZLIB;
            case GZIP -> SuiteZipSqe.Format.GZIP;
        };
    }
}
