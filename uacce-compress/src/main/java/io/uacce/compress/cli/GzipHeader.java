package io.uacce.compress.cli;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The gzip member header as gzip(1) writes it (RFC 1952 §2.3): FNAME and MTIME unless -n, XFL 2
 * for -9 and 4 for -1, OS 3 (Unix). Parsing reads the fields -N and -l need.
 */
record GzipHeader(String name, long mtime, int length) {
    private static final int FTEXT = 1;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    /** The header bytes; {@code name} null for none, {@code mtime} in seconds (0: none). */
    static byte[] encode(String name, long mtime, int level) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x1F);
        b.write(0x8B);
        b.write(8);
        b.write(name != null ? FNAME : 0);
        long t = mtime > 0 && mtime <= 0xFFFF_FFFFL ? mtime : 0; // gzip stores 0 when out of range
        for (int i = 0; i < 4; i++) {
            b.write((int) (t >>> (8 * i)));
        }
        b.write(level == 9 ? 2 : level == 1 ? 4 : 0);
        b.write(3);
        if (name != null) {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            for (byte c : n) {
                if (c != 0) {
                    b.write(c);
                }
            }
            b.write(0);
        }
        return b.toByteArray();
    }

    /** Parses a header at {@code buf[off..end)}; null when incomplete or not a gzip header. */
    static GzipHeader parse(byte[] buf, int off, int end) {
        if (end - off < 10 || (buf[off] & 0xFF) != 0x1F || (buf[off + 1] & 0xFF) != 0x8B || buf[off + 2] != 8) {
            return null;
        }
        int flags = buf[off + 3] & 0xFF;
        long mtime = (buf[off + 4] & 0xFFL) | (buf[off + 5] & 0xFFL) << 8 | (buf[off + 6] & 0xFFL) << 16
                | (buf[off + 7] & 0xFFL) << 24;
        int p = off + 10;
        if ((flags & FEXTRA) != 0) {
            if (end - p < 2) {
                return null;
            }
            p += 2 + ((buf[p] & 0xFF) | (buf[p + 1] & 0xFF) << 8);
        }
        String name = null;
        if ((flags & FNAME) != 0) {
            int z = zero(buf, p, end);
            if (z < 0) {
                return null;
            }
            name = new String(buf, p, z - p, StandardCharsets.UTF_8);
            p = z + 1;
        }
        if ((flags & FCOMMENT) != 0) {
            int z = zero(buf, p, end);
            if (z < 0) {
                return null;
            }
            p = z + 1;
        }
        if ((flags & FHCRC) != 0) {
            p += 2;
        }
        if (p > end) {
            return null;
        }
        return new GzipHeader(name, mtime, p - off);
    }

    private static int zero(byte[] buf, int p, int end) {
        for (int i = p; i < end; i++) {
            if (buf[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Puts {@code header} in place of the engine's fixed 10-byte gzip header ({@code 1F 8B 08 00},
     * no MTIME): the deflate body and the trailer do not depend on the header, on either engine.
     */
    static OutputStream replacing(OutputStream out, byte[] header) {
        return new FilterOutputStream(out) {
            private int skipped;
            private final byte[] seen = new byte[4];

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                while (skipped < 10 && len > 0) {
                    if (skipped < 4) {
                        seen[skipped] = b[off];
                    }
                    if (++skipped == 4 && ((seen[0] & 0xFF) != 0x1F || (seen[1] & 0xFF) != 0x8B || seen[2] != 8
                            || (seen[3] & ~FTEXT) != 0)) {
                        throw new IOException("the engine wrote an unexpected gzip header");
                    }
                    if (skipped == 10) {
                        out.write(header);
                    }
                    off++;
                    len--;
                }
                if (len > 0) {
                    out.write(b, off, len);
                }
            }
        };
    }
}
