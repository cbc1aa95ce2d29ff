package io.uacce.crypto.sec.bd;

/**
 * The two 16-byte blocks a CCM BD points at (spec §2.6): the counter block for c_ivin
 * ({@code flags(L') ‖ nonce ‖ counter}, counter bytes zero and the last byte 1) and B0 for a_ivin
 * ({@code Adata<<6 | M'<<3 | L' ‖ nonce ‖ length}).
 */
public final class SecCcm {
    private SecCcm() {
    }

    /** c_ivin: the counter block of the first payload block. */
    public static byte[] counterBlock(byte[] nonce) {
        int q = 15 - nonce.length;
        byte[] c = new byte[16];
        c[0] = (byte) (q - 1);
        System.arraycopy(nonce, 0, c, 1, nonce.length);
        c[15] = 1;
        return c;
    }

    /**
     * a_ivin: B0 with the whole length field written [choice: the kernel and UADK write only its
     * last two bytes; writing all of it is the standard's B0 and the same for texts below 64 KiB].
     */
    public static byte[] b0(byte[] nonce, int tagLength, boolean hasAad, long textLength) {
        int q = 15 - nonce.length;
        byte[] b = new byte[16];
        b[0] = (byte) ((hasAad ? 0x40 : 0) | ((tagLength - 2) / 2) << 3 | (q - 1));
        System.arraycopy(nonce, 0, b, 1, nonce.length);
        for (int i = 0; i < q && i < 8; i++) {
            b[15 - i] = (byte) (textLength >>> (8 * i));
        }
        return b;
    }
}
