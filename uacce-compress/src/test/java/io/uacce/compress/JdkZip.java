package io.uacce.compress;

import io.uacce.compress.types.Format;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

/** The reference implementation: java.util.zip, independent of our framing code. */
final class JdkZip {
    private JdkZip() {
    }

    static byte[] compress(Format f, byte[] data) throws IOException {
        if (f == Format.GZIP) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(out)) {
                g.write(data);
            }
            return out.toByteArray();
        }
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, f == Format.RAW);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    static byte[] decompress(Format f, byte[] data) throws IOException, DataFormatException {
        if (f == Format.GZIP) {
            try (GZIPInputStream g = new GZIPInputStream(new ByteArrayInputStream(data))) {
                return g.readAllBytes();
            }
        }
        Inflater i = new Inflater(f == Format.RAW);
        i.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (!i.finished()) {
            int n = i.inflate(buf);
            if (n == 0 && !i.finished() && (i.needsInput() || i.needsDictionary())) {
                throw new DataFormatException("reference inflater: truncated");
            }
            out.write(buf, 0, n);
        }
        if (i.getRemaining() != 0) {
            throw new DataFormatException("reference inflater: trailing bytes");
        }
        i.end();
        return out.toByteArray();
    }
}
