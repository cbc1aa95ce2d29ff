package io.uacce.crypto.soft;

import java.io.ByteArrayOutputStream;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.function.IntPredicate;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.IvParameterSpec;

/**
 * XTS (IEEE 1619, NIST SP 800-38E) with ciphertext stealing: AES/XTS/NoPadding (ACCP's name),
 * SM4/XTS/NoPadding. Key = key1 ‖ key2 (the halves must differ); IV = the 16-byte tweak
 * (little-endian data-unit number); one data unit of at least 16 bytes per {@code doFinal}
 * (updates are buffered). SM4 uses IEEE 1619's multiplication by alpha too (the Linux kernel's
 * {@code xts(sm4)}), not GB/T 17964's bit order: the two agree in the first block only.
 */
public final class XtsCipher extends SoftCipher {
    private BlockCipher k1;
    private BlockCipher k2;
    private byte[] tweak;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    public XtsCipher(String cipherName, IntPredicate halfKeyOk, BlockCipher.Factory factory) {
        super(cipherName, halfKeyOk, factory);
    }

    @Override
    byte[] rawKey(Key key) throws InvalidKeyException {
        byte[] k = SoftKeys.raw(key, cipherName + "-XTS", n -> n % 2 == 0 && keyLengthOk.test(n / 2));
        int h = k.length / 2;
        if (Arrays.equals(k, 0, h, k, h, k.length)) {
            Arrays.fill(k, (byte) 0);
            throw new InvalidKeyException(cipherName + "-XTS key halves must differ (IEEE 1619-2018 5.1)");
        }
        return k;
    }

    @Override
    Class<? extends AlgorithmParameterSpec> specClass() {
        return IvParameterSpec.class;
    }

    @Override
    void init(boolean enc, byte[] key, AlgorithmParameterSpec params, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        byte[] t = ivOrRandom(params, enc, 16, random, "tweak");
        int h = key.length / 2;
        k1 = factory.create(Arrays.copyOf(key, h));
        k2 = factory.create(Arrays.copyOfRange(key, h, key.length));
        tweak = t;
        data.reset();
    }

    @Override
    protected byte[] engineGetIV() {
        return tweak == null ? null : tweak.clone();
    }

    @Override
    protected AlgorithmParameters engineGetParameters() {
        return tweak == null ? null : IvParameters.of(cipherName, tweak);
    }

    @Override
    int bound(int len, boolean fin) {
        return fin ? data.size() + len : 0;
    }

    @Override
    byte[] update(byte[] in, int off, int len) {
        data.write(in, off, len);
        return new byte[0];
    }

    @Override
    byte[] doFinal(byte[] in, int off, int len) throws IllegalBlockSizeException {
        data.write(in, off, len);
        byte[] d = data.toByteArray();
        data.reset();
        if (d.length < 16) {
            throw new IllegalBlockSizeException("XTS needs at least 16 bytes, got " + d.length);
        }
        return crypt(d);
    }

    private static void mulAlpha(byte[] t) {
        int carry = 0;
        for (int i = 0; i < 16; i++) {
            int v = (t[i] & 0xff) << 1 | carry;
            t[i] = (byte) v;
            carry = v >>> 8;
        }
        if (carry != 0) {
            t[0] ^= (byte) 0x87;
        }
    }

    private void block(byte[] in, int inOff, byte[] out, int outOff, byte[] t) {
        byte[] x = new byte[16];
        for (int i = 0; i < 16; i++) {
            x[i] = (byte) (in[inOff + i] ^ t[i]);
        }
        if (encrypt) {
            k1.encryptBlock(x, 0, x, 0);
        } else {
            k1.decryptBlock(x, 0, x, 0);
        }
        for (int i = 0; i < 16; i++) {
            out[outOff + i] = (byte) (x[i] ^ t[i]);
        }
    }

    private byte[] crypt(byte[] d) {
        byte[] out = new byte[d.length];
        byte[] t = new byte[16];
        k2.encryptBlock(tweak, 0, t, 0);
        int full = d.length / 16;
        int r = d.length % 16;
        int plain = r == 0 ? full : full - 1;
        for (int j = 0; j < plain; j++) {
            block(d, 16 * j, out, 16 * j, t);
            mulAlpha(t);
        }
        if (r == 0) {
            return out;
        }
        int m = 16 * (full - 1);
        byte[] tLast = t.clone();
        mulAlpha(tLast);
        byte[] cc = new byte[16];
        byte[] pp = new byte[16];
        if (encrypt) {
            block(d, m, cc, 0, t);
            System.arraycopy(cc, 0, out, m + 16, r);
            System.arraycopy(d, m + 16, pp, 0, r);
            System.arraycopy(cc, r, pp, r, 16 - r);
            block(pp, 0, out, m, tLast);
        } else {
            block(d, m, pp, 0, tLast);
            System.arraycopy(pp, 0, out, m + 16, r);
            System.arraycopy(d, m + 16, cc, 0, r);
            System.arraycopy(pp, r, cc, r, 16 - r);
            block(cc, 0, out, m, t);
        }
        return out;
    }
}
