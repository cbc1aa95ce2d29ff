package io.uacce.crypto.soft;

/** A keyed 128-bit block cipher: the primitive the pure-Java modes run on. */
public interface BlockCipher {
    int BLOCK = 16;

    void encryptBlock(byte[] in, int inOff, byte[] out, int outOff);

    void decryptBlock(byte[] in, int inOff, byte[] out, int outOff);

    /** Makes a keyed block cipher; the key was already length-checked by the caller. */
    @FunctionalInterface
    interface Factory {
        BlockCipher create(byte[] key);
    }
}
