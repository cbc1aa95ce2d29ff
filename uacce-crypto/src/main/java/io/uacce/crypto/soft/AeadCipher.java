package io.uacce.crypto.soft;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.InvalidParameterSpecException;
import java.util.Arrays;
import java.util.function.IntPredicate;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.GCMParameterSpec;

/**
 * GCM and CCM over a 128-bit block cipher with SunJCE's GCM rules: {@link GCMParameterSpec}
 * parameters (random IV and full tag when encrypting without them, refused when decrypting), AAD
 * only before data, refusal to encrypt twice with the same key and IV, and decryption that buffers
 * everything and releases no plaintext before the tag verified ({@link AEADBadTagException}).
 * Encryption output is released at {@code doFinal} too (JCA allows an update to return nothing).
 */
abstract class AeadCipher extends SoftCipher {
    protected BlockCipher bc;
    protected int tagLen;
    protected byte[] iv;
    private byte[] lastEncKey;
    private byte[] lastEncIv;
    private boolean needReinit;
    private boolean dataStarted;
    private final ByteArrayOutputStream aad = new ByteArrayOutputStream();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    AeadCipher(String cipherName, IntPredicate keyLengthOk, BlockCipher.Factory factory) {
        super(cipherName, keyLengthOk, factory);
    }

    abstract String modeName();

    /** Checks an IV length (bytes) and tag length (bits) for this mode. */
    abstract void checkParams(int ivLen, int tagBits) throws InvalidAlgorithmParameterException;

    abstract int defaultIvLen();

    abstract byte[] seal(byte[] aad, byte[] pt) throws IllegalBlockSizeException;

    /** Verifies and decrypts; returns the plaintext or throws {@link AEADBadTagException}. */
    abstract byte[] open(byte[] aad, byte[] ct, byte[] tag) throws AEADBadTagException, IllegalBlockSizeException;

    @Override
    Class<? extends AlgorithmParameterSpec> specClass() {
        return GCMParameterSpec.class;
    }

    @Override
    void init(boolean enc, byte[] key, AlgorithmParameterSpec params, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        byte[] newIv;
        int bits;
        if (params == null) {
            if (!enc) {
                throw new InvalidKeyException(cipherName + "/" + modeName() + " decryption needs a GCMParameterSpec");
            }
            newIv = new byte[defaultIvLen()];
            random.nextBytes(newIv);
            bits = 128;
        } else if (params instanceof GCMParameterSpec p) {
            newIv = p.getIV();
            bits = p.getTLen();
        } else {
            throw new InvalidAlgorithmParameterException("Unsupported parameter: " + params
                    + " (" + modeName() + " takes a GCMParameterSpec)");
        }
        if (bits % 8 != 0) {
            throw new InvalidAlgorithmParameterException("Unsupported TLen value: " + bits);
        }
        checkParams(newIv.length, bits);
        if (enc && Arrays.equals(key, lastEncKey) && Arrays.equals(newIv, lastEncIv)) {
            throw new InvalidAlgorithmParameterException("Cannot reuse iv for " + modeName() + " encryption");
        }
        bc = factory.create(key);
        iv = newIv.clone();
        tagLen = bits / 8;
        if (enc) {
            lastEncKey = key.clone();
            lastEncIv = newIv.clone();
        }
        needReinit = false;
        clear();
    }

    private void clear() {
        aad.reset();
        data.reset();
        dataStarted = false;
    }

    private void checkReinit() {
        if (needReinit) {
            throw new IllegalStateException("Must use either different key or iv for " + modeName() + " encryption");
        }
    }

    @Override
    protected byte[] engineGetIV() {
        return iv == null ? null : iv.clone();
    }

    @Override
    protected AlgorithmParameters engineGetParameters() {
        if (iv == null) {
            return null;
        }
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("GCM");
            p.init(new GCMParameterSpec(tagLen * 8, iv));
            return p;
        } catch (NoSuchAlgorithmException | InvalidParameterSpecException e) {
            return null;
        }
    }

    @Override
    protected void engineUpdateAAD(byte[] src, int offset, int len) {
        checkReinit();
        if (dataStarted) {
            throw new IllegalStateException("Update has been called; no more AAD data");
        }
        aad.write(src, offset, len);
    }

    @Override
    protected void engineUpdateAAD(ByteBuffer src) {
        byte[] b = new byte[src.remaining()];
        src.get(b);
        engineUpdateAAD(b, 0, b.length);
    }

    @Override
    int bound(int len, boolean fin) {
        if (!fin) {
            return 0;
        }
        int total = data.size() + len;
        return encrypt ? total + tagLen : Math.max(0, total - tagLen);
    }

    @Override
    byte[] update(byte[] in, int off, int len) {
        checkReinit();
        dataStarted = true;
        data.write(in, off, len);
        return new byte[0];
    }

    @Override
    byte[] doFinal(byte[] in, int off, int len) throws IllegalBlockSizeException, BadPaddingException {
        checkReinit();
        data.write(in, off, len);
        byte[] a = aad.toByteArray();
        byte[] d = data.toByteArray();
        clear();
        if (encrypt) {
            needReinit = true;
            return seal(a, d);
        }
        if (d.length < tagLen) {
            throw new AEADBadTagException("Input data too short to contain an expected tag length of " + tagLen
                    + "bytes");
        }
        return open(a, Arrays.copyOf(d, d.length - tagLen), Arrays.copyOfRange(d, d.length - tagLen, d.length));
    }
}
