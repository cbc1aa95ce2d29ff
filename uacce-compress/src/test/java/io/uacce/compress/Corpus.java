package io.uacce.compress;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/** Test inputs: empty, 1 byte, random, highly compressible, exactly 8 MiB, more than 8 MiB. */
final class Corpus {
    static final int EIGHT_MIB = 8 << 20;

    private Corpus() {
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    static byte[] compressible(int n) {
        byte[] b = new byte[n];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ("abcdefgh".charAt((i / 64 + r.nextInt(2)) & 7));
        }
        return b;
    }

    /** Small and medium inputs, every API runs them. */
    static Map<String, byte[]> small() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("empty", new byte[0]);
        m.put("one byte", new byte[] {42});
        m.put("random 100 KiB", random(100 << 10, 1));
        m.put("compressible 1 MiB", compressible(1 << 20));
        return m;
    }

    /** The 8 MiB boundary: exactly 8 MiB and above (chunked on the device). */
    static Map<String, byte[]> large() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("compressible exactly 8 MiB", compressible(EIGHT_MIB));
        m.put("random 8 MiB + 4097", random(EIGHT_MIB + 4097, 2));
        return m;
    }

    /** Two gzip members made by java.util.zip, and their concatenated plain text. */
    static byte[][] twoMembers() throws Exception {
        byte[] a = "first member\n".repeat(1000).getBytes();
        byte[] b = random(5000, 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : new byte[][] {a, b}) {
            try (GZIPOutputStream g = new GZIPOutputStream(out) {
                @Override
                public void close() throws java.io.IOException {
                    finish();
                }
            }) {
                g.write(part);
            }
        }
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        plain.write(a);
        plain.write(b);
        return new byte[][] {out.toByteArray(), plain.toByteArray()};
    }
}
