package io.uacce.stubs.model;

import java.nio.ByteBuffer;
import java.util.zip.Adler32;
import java.util.zip.CRC32;

/**
 * Running Adler-32 and CRC-32 that continue from a value carried in an SQE (dw31), as the device
 * must for stateful streams. The JDK classes cannot start from a given value, so the checksum of
 * the new bytes is computed with them and joined to the carried value arithmetically.
 */
final class ModelChecksums {
    private static final int ADLER_MOD = 65521;
    /** CRC-32 polynomial, bit-reflected (bit 31 = x^0). */
    private static final int POLY = 0xEDB88320;
    /** POW2[k] = x^(2^k) mod P, reflected. */
    private static final int[] POW2 = new int[64];

    static {
        POW2[0] = 1 << 30; // x^1
        for (int k = 1; k < POW2.length; k++) {
            POW2[k] = mulModP(POW2[k - 1], POW2[k - 1]);
        }
    }

    private ModelChecksums() {
    }

    /** Adler-32 of (bytes summarised by {@code seed}) followed by {@code data}. */
    static int adler32(int seed, ByteBuffer data) {
        long len = data.remaining();
        Adler32 a = new Adler32();
        a.update(data);
        return adlerJoin(seed, (int) a.getValue(), len);
    }

    /** CRC-32 of (bytes summarised by {@code seed}) followed by {@code data}. */
    static int crc32(int seed, ByteBuffer data) {
        long len = data.remaining();
        CRC32 c = new CRC32();
        c.update(data);
        return crcJoin(seed, (int) c.getValue(), len);
    }

    /**
     * Adler-32 of A‖B from adler(A), adler(B) and |B|: the low sums add (each started at 1), and
     * every byte of B sees the low sum of A minus 1 once more in the high sum.
     */
    static int adlerJoin(int first, int second, long secondLength) {
        long a1 = first & 0xFFFF;
        long b1 = (first >>> 16) & 0xFFFF;
        long a2 = second & 0xFFFF;
        long b2 = (second >>> 16) & 0xFFFF;
        long a = Math.floorMod(a1 + a2 - 1, ADLER_MOD);
        long b = Math.floorMod(b1 + b2 + (secondLength % ADLER_MOD) * (a1 - 1), (long) ADLER_MOD);
        return (int) (b << 16 | a);
    }

    /** CRC-32 of A‖B = crc(A)·x^(8|B|) mod P xor crc(B) (the pre/post inversions cancel). */
    static int crcJoin(int first, int second, long secondLength) {
        if (secondLength == 0) {
            return first;
        }
        int shift = 1 << 31; // x^0
        long bits = secondLength << 3;
        for (int k = 0; bits != 0; k++, bits >>>= 1) {
            if ((bits & 1) != 0) {
                shift = mulModP(POW2[k], shift);
            }
        }
        return mulModP(shift, first) ^ second;
    }

    /** a(x)·b(x) mod P on bit-reflected 32-bit polynomials. */
    private static int mulModP(int a, int b) {
        int product = 0;
        for (int bit = 31; bit >= 0; bit--) {
            if ((a & (1 << bit)) != 0) {
                product ^= b;
            }
            b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
        }
        return product;
    }

    /** gzip checksum as the device reports it in dw31: NOT(bitrev32(crc)) (spec §4.8). */
    static int gzipDw31(int crc) {
        return ~Integer.reverse(crc);
    }

    /** The standard CRC-32 from a gzip dw31 value. */
    static int crcFromDw31(int dw31) {
        return Integer.reverse(~dw31);
    }
}
