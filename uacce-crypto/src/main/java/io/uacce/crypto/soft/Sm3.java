package io.uacce.crypto.soft;

import java.util.Arrays;

/** SM3 (GB/T 32905-2016): 512-bit blocks, 256-bit digest, Merkle-Damgard with SHA-2-style padding. */
public final class Sm3 implements Cloneable {
    public static final int DIGEST_BYTES = 32;
    public static final int BLOCK_BYTES = 64;
    private static final int[] IV = {0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa,
        0xe38dee4d, 0xb0fb0e4e};

    private int[] v = IV.clone();
    private byte[] buf = new byte[BLOCK_BYTES];
    private int bufLen;
    private long total;
    private int[] w = new int[68];

    public void reset() {
        v = IV.clone();
        bufLen = 0;
        total = 0;
        Arrays.fill(buf, (byte) 0);
    }

    public void update(byte b) {
        buf[bufLen++] = b;
        total++;
        if (bufLen == BLOCK_BYTES) {
            compress(buf, 0);
            bufLen = 0;
        }
    }

    public void update(byte[] in, int off, int len) {
        total += len;
        if (bufLen > 0) {
            int n = Math.min(len, BLOCK_BYTES - bufLen);
            System.arraycopy(in, off, buf, bufLen, n);
            bufLen += n;
            off += n;
            len -= n;
            if (bufLen < BLOCK_BYTES) {
                return;
            }
            compress(buf, 0);
            bufLen = 0;
        }
        while (len >= BLOCK_BYTES) {
            compress(in, off);
            off += BLOCK_BYTES;
            len -= BLOCK_BYTES;
        }
        System.arraycopy(in, off, buf, 0, len);
        bufLen = len;
    }

    /** Writes the 32-byte digest to {@code out} at {@code off} and resets. */
    public void doFinal(byte[] out, int off) {
        long bits = total * 8;
        buf[bufLen++] = (byte) 0x80;
        if (bufLen > BLOCK_BYTES - 8) {
            Arrays.fill(buf, bufLen, BLOCK_BYTES, (byte) 0);
            compress(buf, 0);
            bufLen = 0;
        }
        Arrays.fill(buf, bufLen, BLOCK_BYTES - 8, (byte) 0);
        for (int i = 0; i < 8; i++) {
            buf[BLOCK_BYTES - 1 - i] = (byte) (bits >>> (8 * i));
        }
        compress(buf, 0);
        for (int i = 0; i < 8; i++) {
            Sm4.putInt(out, off + 4 * i, v[i]);
        }
        reset();
    }

    private void compress(byte[] b, int off) {
        for (int j = 0; j < 16; j++) {
            w[j] = Sm4.getInt(b, off + 4 * j);
        }
        for (int j = 16; j < 68; j++) {
            int x = w[j - 16] ^ w[j - 9] ^ Integer.rotateLeft(w[j - 3], 15);
            w[j] = (x ^ Integer.rotateLeft(x, 15) ^ Integer.rotateLeft(x, 23)) ^ Integer.rotateLeft(w[j - 13], 7)
                    ^ w[j - 6];
        }
        int a = v[0], bb = v[1], c = v[2], d = v[3], e = v[4], f = v[5], g = v[6], h = v[7];
        for (int j = 0; j < 64; j++) {
            int t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
            int a12 = Integer.rotateLeft(a, 12);
            int ss1 = Integer.rotateLeft(a12 + e + Integer.rotateLeft(t, j % 32), 7);
            int ss2 = ss1 ^ a12;
            int ff = j < 16 ? a ^ bb ^ c : (a & bb) | (a & c) | (bb & c);
            int gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
            int tt1 = ff + d + ss2 + (w[j] ^ w[j + 4]);
            int tt2 = gg + h + ss1 + w[j];
            d = c;
            c = Integer.rotateLeft(bb, 9);
            bb = a;
            a = tt1;
            h = g;
            g = Integer.rotateLeft(f, 19);
            f = e;
            e = tt2 ^ Integer.rotateLeft(tt2, 9) ^ Integer.rotateLeft(tt2, 17);
        }
        v[0] ^= a;
        v[1] ^= bb;
        v[2] ^= c;
        v[3] ^= d;
        v[4] ^= e;
        v[5] ^= f;
        v[6] ^= g;
        v[7] ^= h;
    }

    @Override
    public Sm3 clone() {
        try {
            Sm3 c = (Sm3) super.clone();
            c.v = v.clone();
            c.buf = buf.clone();
            c.w = new int[68];
            return c;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }
}
