package io.uacce.reliability.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.uacce.compress.types.Format;
import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Builds compressed inputs from fuzzer data: well-formed streams made by java.util.zip (gzip with
 * every optional header field, several members), then optionally damaged at fuzzer-chosen places,
 * or the fuzzer's bytes as they are.
 */
final class Inputs {
    private Inputs() {
    }

    /** A valid stream of {@code payload} in {@code format}; gzip: {@code members} members. */
    static byte[] valid(FuzzedDataProvider d, Format format, byte[] payload, int members) {
        int level = d.consumeInt(0, 9);
        if (format != Format.GZIP) {
            return deflate(payload, level, format == Format.RAW ? Kind.RAW : Kind.ZLIB);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int per = payload.length / members;
        for (int m = 0; m < members; m++) {
            int from = m * per;
            int to = m == members - 1 ? payload.length : from + per;
            byte[] part = java.util.Arrays.copyOfRange(payload, from, to);
            out.writeBytes(gzipHeader(d));
            out.writeBytes(deflate(part, level, Kind.RAW));
            CRC32 crc = new CRC32();
            crc.update(part);
            writeLe32(out, (int) crc.getValue());
            writeLe32(out, part.length);
        }
        return out.toByteArray();
    }

    /** Flips, overwrites, truncates or extends {@code in} as the fuzzer says (0..4 edits). */
    static byte[] damage(FuzzedDataProvider d, byte[] in) {
        byte[] b = in;
        int edits = d.consumeInt(0, 4);
        for (int i = 0; i < edits && b.length > 0; i++) {
            switch (d.consumeInt(0, 3)) {
                case 0 -> b[d.consumeInt(0, b.length - 1)] ^= (byte) (1 << d.consumeInt(0, 7));
                case 1 -> b[d.consumeInt(0, b.length - 1)] = d.consumeByte();
                case 2 -> b = java.util.Arrays.copyOf(b, d.consumeInt(0, b.length - 1));
                default -> {
                    byte[] tail = d.consumeBytes(d.consumeInt(0, 16));
                    byte[] c = java.util.Arrays.copyOf(b, b.length + tail.length);
                    System.arraycopy(tail, 0, c, b.length, tail.length);
                    b = c;
                }
            }
        }
        return b;
    }

    private enum Kind { RAW, ZLIB }

    private static byte[] deflate(byte[] data, int level, Kind kind) {
        Deflater def = new Deflater(level, kind == Kind.RAW);
        try {
            def.setInput(data);
            def.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!def.finished()) {
                out.write(buf, 0, def.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            def.end();
        }
    }

    /** RFC 1952 header with fuzzer-chosen optional fields (FEXTRA, FNAME, FCOMMENT, FHCRC). */
    static byte[] gzipHeader(FuzzedDataProvider d) {
        int flags = d.consumeInt(0, 0x1F);
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(0x1F);
        h.write(0x8B);
        h.write(8);
        h.write(flags);
        writeLe32(h, d.consumeInt());
        h.write(d.consumeInt(0, 255)); // XFL
        h.write(d.consumeInt(0, 255)); // OS
        if ((flags & 0x04) != 0) {
            byte[] extra = d.consumeBytes(d.consumeInt(0, 40));
            h.write(extra.length);
            h.write(extra.length >>> 8);
            h.writeBytes(extra);
        }
        if ((flags & 0x08) != 0) {
            h.writeBytes(zeroFree(d.consumeBytes(d.consumeInt(0, 40))));
            h.write(0);
        }
        if ((flags & 0x10) != 0) {
            h.writeBytes(zeroFree(d.consumeBytes(d.consumeInt(0, 40))));
            h.write(0);
        }
        if ((flags & 0x02) != 0) {
            CRC32 crc = new CRC32();
            crc.update(h.toByteArray());
            h.write((int) crc.getValue());
            h.write((int) crc.getValue() >>> 8);
        }
        return h.toByteArray();
    }

    private static byte[] zeroFree(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                b[i] = 'x';
            }
        }
        return b;
    }

    private static void writeLe32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }
}
