package io.uacce.crypto.soft;

/** The GCM primitive of SP 800-38D over a 128-bit block cipher: J0, GCTR with inc32, tag. */
final class Gcm {
    private Gcm() {
    }

    /** The pre-counter block J0 for an IV of any non-zero length. */
    static byte[] j0(BlockCipher e, Ghash ghashTemplate, byte[] iv) {
        byte[] j0 = new byte[16];
        if (iv.length == 12) {
            System.arraycopy(iv, 0, j0, 0, 12);
            j0[15] = 1;
        } else {
            Ghash g = ghashTemplate.clone();
            g.reset();
            g.update(iv, 0, iv.length);
            g.finish(0, (long) iv.length * 8, j0, 0);
        }
        return j0;
    }

    static Ghash ghash(BlockCipher e) {
        byte[] h = new byte[16];
        e.encryptBlock(h, 0, h, 0);
        return new Ghash(h);
    }

    /** Increments the low 32 bits of a counter block (mod 2^32), as GCM's inc32. */
    static void inc32(byte[] ctr) {
        int c = Sm4.getInt(ctr, 12) + 1;
        Sm4.putInt(ctr, 12, c);
    }
}
