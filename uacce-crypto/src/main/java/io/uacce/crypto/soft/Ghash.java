package io.uacce.crypto.soft;

/** GHASH of NIST SP 800-38D over a hash subkey H, fed in sections that are each zero-padded to a block. */
final class Ghash implements Cloneable {
    private final long hHi;
    private final long hLo;
    private long yHi;
    private long yLo;
    private byte[] part = new byte[16];
    private int partLen;

    Ghash(byte[] h) {
        hHi = getLong(h, 0);
        hLo = getLong(h, 8);
    }

    void reset() {
        yHi = 0;
        yLo = 0;
        partLen = 0;
    }

    void update(byte[] in, int off, int len) {
        if (partLen > 0) {
            int n = Math.min(len, 16 - partLen);
            System.arraycopy(in, off, part, partLen, n);
            partLen += n;
            off += n;
            len -= n;
            if (partLen < 16) {
                return;
            }
            block(part, 0);
            partLen = 0;
        }
        while (len >= 16) {
            block(in, off);
            off += 16;
            len -= 16;
        }
        System.arraycopy(in, off, part, 0, len);
        partLen = len;
    }

    /** Ends a section: a partial block is padded with zeros. */
    void pad() {
        if (partLen > 0) {
            java.util.Arrays.fill(part, partLen, 16, (byte) 0);
            block(part, 0);
            partLen = 0;
        }
    }

    /** Pads, hashes the lengths block (bits) and writes Y to out[off..off+16). */
    void finish(long aBits, long cBits, byte[] out, int off) {
        pad();
        yHi ^= aBits;
        yLo ^= cBits;
        mul();
        putLong(out, off, yHi);
        putLong(out, off + 8, yLo);
    }

    private void block(byte[] b, int off) {
        yHi ^= getLong(b, off);
        yLo ^= getLong(b, off + 8);
        mul();
    }

    private void mul() {
        long zHi = 0, zLo = 0, vHi = hHi, vLo = hLo;
        long xHi = yHi, xLo = yLo;
        for (int i = 0; i < 128; i++) {
            long bit = i < 64 ? (xHi >>> (63 - i)) & 1 : (xLo >>> (127 - i)) & 1;
            long m = -bit;
            zHi ^= vHi & m;
            zLo ^= vLo & m;
            long lsb = vLo & 1;
            vLo = (vLo >>> 1) | (vHi << 63);
            vHi = (vHi >>> 1) ^ (0xe100000000000000L & -lsb);
        }
        yHi = zHi;
        yLo = zLo;
    }

    @Override
    public Ghash clone() {
        try {
            Ghash g = (Ghash) super.clone();
            g.part = part.clone();
            return g;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    static long getLong(byte[] b, int o) {
        return ((long) Sm4.getInt(b, o) << 32) | (Sm4.getInt(b, o + 4) & 0xffffffffL);
    }

    static void putLong(byte[] b, int o, long v) {
        Sm4.putInt(b, o, (int) (v >>> 32));
        Sm4.putInt(b, o + 4, (int) v);
    }
}
