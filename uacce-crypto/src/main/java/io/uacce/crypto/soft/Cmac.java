package io.uacce.crypto.soft;

import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.SecretKey;

/** CMAC (NIST SP 800-38B, RFC 4493) over a 128-bit block cipher: Mac "AES-CMAC". */
public final class Cmac extends BlockMac {
    private BlockCipher e;
    private byte[] k1;
    private byte[] k2;
    private byte[] x = new byte[16];
    private byte[] last = new byte[16];
    private int lastLen;

    public Cmac(String cipherName, java.util.function.IntPredicate keyLengthOk, BlockCipher.Factory factory) {
        super(cipherName, keyLengthOk, factory);
    }

    @Override
    protected void engineInit(Key key, AlgorithmParameterSpec params)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        if (params != null) {
            throw new InvalidAlgorithmParameterException(cipherName + "-CMAC does not use parameters");
        }
        byte[] k = SoftKeys.raw(key, cipherName, keyLengthOk);
        e = factory.create(k);
        Arrays.fill(k, (byte) 0);
        byte[] l = new byte[16];
        e.encryptBlock(l, 0, l, 0);
        k1 = dbl(l);
        k2 = dbl(k1);
        engineReset();
    }

    private static byte[] dbl(byte[] in) {
        byte[] out = new byte[16];
        int carry = 0;
        for (int i = 15; i >= 0; i--) {
            int v = (in[i] & 0xff) << 1 | carry;
            out[i] = (byte) v;
            carry = v >>> 8;
        }
        if ((in[0] & 0x80) != 0) {
            out[15] ^= (byte) 0x87;
        }
        return out;
    }

    @Override
    protected void engineUpdate(byte[] in, int off, int len) {
        while (len > 0) {
            if (lastLen == 16) {
                for (int i = 0; i < 16; i++) {
                    x[i] ^= last[i];
                }
                e.encryptBlock(x, 0, x, 0);
                lastLen = 0;
            }
            int n = Math.min(len, 16 - lastLen);
            System.arraycopy(in, off, last, lastLen, n);
            lastLen += n;
            off += n;
            len -= n;
        }
    }

    @Override
    protected byte[] engineDoFinal() {
        byte[] m = last.clone();
        byte[] k;
        if (lastLen == 16) {
            k = k1;
        } else {
            m[lastLen] = (byte) 0x80;
            Arrays.fill(m, lastLen + 1, 16, (byte) 0);
            k = k2;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            out[i] = (byte) (x[i] ^ m[i] ^ k[i]);
        }
        e.encryptBlock(out, 0, out, 0);
        engineReset();
        return out;
    }

    @Override
    protected void engineReset() {
        Arrays.fill(x, (byte) 0);
        Arrays.fill(last, (byte) 0);
        lastLen = 0;
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        Cmac c = (Cmac) super.clone();
        c.x = x.clone();
        c.last = last.clone();
        return c;
    }
}
