package io.uacce.crypto.soft;

import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/**
 * GMAC (SP 800-38D: GCM with the message as AAD and no plaintext): Mac "AES-GMAC". Init needs an
 * {@link IvParameterSpec} (or a {@link GCMParameterSpec}, whose IV is used; the tag is always 16 bytes).
 */
public final class Gmac extends BlockMac {
    private Ghash g;
    private byte[] ekj0;
    private long aadBytes;

    public Gmac(String cipherName, java.util.function.IntPredicate keyLengthOk, BlockCipher.Factory factory) {
        super(cipherName, keyLengthOk, factory);
    }

    @Override
    protected void engineInit(Key key, AlgorithmParameterSpec params)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        byte[] iv;
        if (params instanceof IvParameterSpec p) {
            iv = p.getIV();
        } else if (params instanceof GCMParameterSpec p) {
            iv = p.getIV();
        } else {
            throw new InvalidAlgorithmParameterException(cipherName + "-GMAC needs an IvParameterSpec");
        }
        if (iv.length == 0) {
            throw new InvalidAlgorithmParameterException(cipherName + "-GMAC IV must not be empty");
        }
        byte[] k = SoftKeys.raw(key, cipherName, keyLengthOk);
        BlockCipher e = factory.create(k);
        Arrays.fill(k, (byte) 0);
        g = Gcm.ghash(e);
        byte[] j0 = Gcm.j0(e, g, iv);
        ekj0 = new byte[16];
        e.encryptBlock(j0, 0, ekj0, 0);
        engineReset();
    }

    @Override
    protected void engineUpdate(byte[] in, int off, int len) {
        g.update(in, off, len);
        aadBytes += len;
    }

    @Override
    protected byte[] engineDoFinal() {
        byte[] out = new byte[16];
        g.finish(aadBytes * 8, 0, out, 0);
        for (int i = 0; i < 16; i++) {
            out[i] ^= ekj0[i];
        }
        engineReset();
        return out;
    }

    @Override
    protected void engineReset() {
        if (g != null) {
            g.reset();
        }
        aadBytes = 0;
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        Gmac c = (Gmac) super.clone();
        if (g != null) {
            c.g = g.clone();
        }
        return c;
    }
}
