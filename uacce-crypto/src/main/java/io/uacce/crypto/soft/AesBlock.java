package io.uacce.crypto.soft;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/** AES as a {@link BlockCipher}: the JDK's AES/ECB/NoPadding, one block per call. */
public final class AesBlock implements BlockCipher {
    private final Cipher enc;
    private final Cipher dec;

    public AesBlock(byte[] key) {
        try {
            SecretKeySpec k = new SecretKeySpec(key, "AES");
            enc = JdkCipher.newJdk("AES/ECB/NoPadding");
            enc.init(Cipher.ENCRYPT_MODE, k);
            dec = JdkCipher.newJdk("AES/ECB/NoPadding");
            dec.init(Cipher.DECRYPT_MODE, k);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("AES key of " + key.length + " bytes: " + e.getMessage(), e);
        }
    }

    /** Whether {@code n} is an AES key length (16, 24, 32). */
    public static boolean validKeyLength(int n) {
        return n == 16 || n == 24 || n == 32;
    }

    @Override
    public void encryptBlock(byte[] in, int inOff, byte[] out, int outOff) {
        run(enc, in, inOff, out, outOff);
    }

    @Override
    public void decryptBlock(byte[] in, int inOff, byte[] out, int outOff) {
        run(dec, in, inOff, out, outOff);
    }

    private static void run(Cipher c, byte[] in, int inOff, byte[] out, int outOff) {
        try {
            c.update(in, inOff, BLOCK, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
