package io.uacce.crypto.soft;

/** SM4 (GB/T 32907-2016): 128-bit block, 128-bit key, 32 rounds. */
public final class Sm4 implements BlockCipher {
    public static final int KEY_BYTES = 16;

    private static final byte[] SBOX = java.util.HexFormat.of().parseHex(
            "d690e9fecce13db716b614c228fb2c052b679a762abe04c3aa44132649860699"
            + "9c4250f491ef987a33540b43edcfac62e4b31ca9c908e89580df94fa758f3fa6"
            + "4707a7fcf37317ba83593c19e6854fa8686b81b27164da8bf8eb0f4b70569d35"
            + "1e240e5e6358d1a225227c3b01217887d40046579fd327524c3602e7a0c4c89e"
            + "eabf8ad240c738b5a3f7f2cef96115a1e0ae5da49b341a55ad933230f58cb1e3"
            + "1df6e22e8266ca60c02923ab0d534e6fd5db3745defd8e2f03ff6a726d6c5b51"
            + "8d1baf92bbddbc7f11d95c411f105ad80ac13188a5cd7bbd2d74d012b8e5b4b0"
            + "8969974a0c96777e65b9f109c56ec68418f07dec3adc4d2079ee5f3ed7cb3948");
    private static final int[] FK = {0xa3b1bac6, 0x56aa3350, 0x677d9197, 0xb27022dc};

    private final int[] rk = new int[32];

    public Sm4(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("SM4 key must be 16 bytes, got " + key.length);
        }
        int k0 = getInt(key, 0) ^ FK[0], k1 = getInt(key, 4) ^ FK[1], k2 = getInt(key, 8) ^ FK[2],
                k3 = getInt(key, 12) ^ FK[3];
        for (int i = 0; i < 32; i++) {
            int ck = 0;
            for (int j = 0; j < 4; j++) {
                ck = (ck << 8) | (((4 * i + j) * 7) & 0xff);
            }
            int b = tau(k1 ^ k2 ^ k3 ^ ck);
            int next = k0 ^ b ^ Integer.rotateLeft(b, 13) ^ Integer.rotateLeft(b, 23);
            rk[i] = next;
            k0 = k1;
            k1 = k2;
            k2 = k3;
            k3 = next;
        }
    }

    private static int tau(int a) {
        return (SBOX[a >>> 24] & 0xff) << 24 | (SBOX[(a >>> 16) & 0xff] & 0xff) << 16
                | (SBOX[(a >>> 8) & 0xff] & 0xff) << 8 | (SBOX[a & 0xff] & 0xff);
    }

    private static int t(int a) {
        int b = tau(a);
        return b ^ Integer.rotateLeft(b, 2) ^ Integer.rotateLeft(b, 10) ^ Integer.rotateLeft(b, 18)
                ^ Integer.rotateLeft(b, 24);
    }

    private void crypt(byte[] in, int inOff, byte[] out, int outOff, boolean decrypt) {
        int x0 = getInt(in, inOff), x1 = getInt(in, inOff + 4), x2 = getInt(in, inOff + 8), x3 = getInt(in, inOff + 12);
        for (int i = 0; i < 32; i++) {
            int next = x0 ^ t(x1 ^ x2 ^ x3 ^ rk[decrypt ? 31 - i : i]);
            x0 = x1;
            x1 = x2;
            x2 = x3;
            x3 = next;
        }
        putInt(out, outOff, x3);
        putInt(out, outOff + 4, x2);
        putInt(out, outOff + 8, x1);
        putInt(out, outOff + 12, x0);
    }

    @Override
    public void encryptBlock(byte[] in, int inOff, byte[] out, int outOff) {
        crypt(in, inOff, out, outOff, false);
    }

    @Override
    public void decryptBlock(byte[] in, int inOff, byte[] out, int outOff) {
        crypt(in, inOff, out, outOff, true);
    }

    static int getInt(byte[] b, int o) {
        return (b[o] & 0xff) << 24 | (b[o + 1] & 0xff) << 16 | (b[o + 2] & 0xff) << 8 | (b[o + 3] & 0xff);
    }

    static void putInt(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 24);
        b[o + 1] = (byte) (v >>> 16);
        b[o + 2] = (byte) (v >>> 8);
        b[o + 3] = (byte) v;
    }
}
