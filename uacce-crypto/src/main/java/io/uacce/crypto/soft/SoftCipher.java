package io.uacce.crypto.soft;

import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.InvalidParameterSpecException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.CipherSpi;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * Base of the pure-Java ciphers: subclasses compute results as fresh arrays; this class places them,
 * checks output space before any state changes (ShortBufferException leaves the cipher as it was),
 * maps WRAP/UNWRAP to encrypt/decrypt, and leaves ByteBuffer handling to {@link CipherSpi}'s
 * defaults (JCA's position rules for heap, direct and read-only buffers).
 */
abstract class SoftCipher extends FixedCipherSpi {
    protected final String cipherName;
    protected final java.util.function.IntPredicate keyLengthOk;
    protected final BlockCipher.Factory factory;
    protected boolean encrypt;

    SoftCipher(String cipherName, java.util.function.IntPredicate keyLengthOk, BlockCipher.Factory factory) {
        this.cipherName = cipherName;
        this.keyLengthOk = keyLengthOk;
        this.factory = factory;
    }

    /** The raw key bytes, length-checked with {@link #keyLengthOk}. */
    byte[] rawKey(Key key) throws InvalidKeyException {
        return SoftKeys.raw(key, cipherName, keyLengthOk);
    }

    /**
     * The IV of an {@link javax.crypto.spec.IvParameterSpec} of exactly {@code n} bytes, or a random one
     * when encrypting without parameters (decrypting without them is an InvalidKeyException), as SunJCE.
     */
    static byte[] ivOrRandom(AlgorithmParameterSpec params, boolean enc, int n, SecureRandom random, String what)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        if (params == null) {
            if (!enc) {
                throw new InvalidKeyException("Parameters missing: decryption needs the " + n + "-byte " + what);
            }
            byte[] iv = new byte[n];
            random.nextBytes(iv);
            return iv;
        }
        if (!(params instanceof javax.crypto.spec.IvParameterSpec p)) {
            throw new InvalidAlgorithmParameterException("Wrong parameter type: IV expected");
        }
        byte[] iv = p.getIV();
        if (iv.length != n) {
            throw new InvalidAlgorithmParameterException("Wrong IV length: must be " + n + " bytes long");
        }
        return iv;
    }

    /** Upper bound of the output of update ({@code fin} false) or doFinal ({@code fin} true) on len more bytes. */
    abstract int bound(int len, boolean fin);

    abstract byte[] update(byte[] in, int off, int len);

    abstract byte[] doFinal(byte[] in, int off, int len) throws IllegalBlockSizeException, BadPaddingException;

    /** Initialises; params may be null (then the subclass generates them for encryption or refuses). */
    abstract void init(boolean encrypt, byte[] key, AlgorithmParameterSpec params, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException;

    /** The parameter-spec class for {@link #engineInit(int, Key, AlgorithmParameters, SecureRandom)}. */
    abstract Class<? extends AlgorithmParameterSpec> specClass();

    @Override
    protected int engineGetBlockSize() {
        return 16;
    }

    @Override
    protected int engineGetOutputSize(int inputLen) {
        return bound(inputLen, true);
    }

    private static boolean encrypting(int opmode) {
        return switch (opmode) {
            case Cipher.ENCRYPT_MODE, Cipher.WRAP_MODE -> true;
            case Cipher.DECRYPT_MODE, Cipher.UNWRAP_MODE -> false;
            default -> throw new java.security.InvalidParameterException("Unknown mode: " + opmode);
        };
    }

    @Override
    protected void engineInit(int opmode, Key key, SecureRandom random) throws InvalidKeyException {
        try {
            engineInit(opmode, key, (AlgorithmParameterSpec) null, random);
        } catch (InvalidAlgorithmParameterException e) {
            throw new InvalidKeyException(e.getMessage(), e);
        }
    }

    @Override
    protected void engineInit(int opmode, Key key, AlgorithmParameterSpec params, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        boolean enc = encrypting(opmode);
        byte[] k = rawKey(key);
        try {
            init(enc, k, params, random != null ? random : new SecureRandom());
            encrypt = enc;
        } finally {
            java.util.Arrays.fill(k, (byte) 0);
        }
    }

    @Override
    protected void engineInit(int opmode, Key key, AlgorithmParameters params, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        AlgorithmParameterSpec spec = null;
        if (params != null) {
            try {
                spec = params.getParameterSpec(specClass());
            } catch (InvalidParameterSpecException e) {
                throw new InvalidAlgorithmParameterException("Wrong parameter type: " + specClass().getSimpleName()
                        + " expected", e);
            }
        }
        engineInit(opmode, key, spec, random);
    }

    @Override
    protected byte[] engineUpdate(byte[] input, int inputOffset, int inputLen) {
        return update(input, inputOffset, inputLen);
    }

    @Override
    protected int engineUpdate(byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset)
            throws ShortBufferException {
        checkSpace(bound(inputLen, false), output, outputOffset);
        return place(update(input, inputOffset, inputLen), output, outputOffset);
    }

    @Override
    protected byte[] engineDoFinal(byte[] input, int inputOffset, int inputLen)
            throws IllegalBlockSizeException, BadPaddingException {
        return doFinal(input == null ? new byte[0] : input, inputOffset, inputLen);
    }

    @Override
    protected int engineDoFinal(byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset)
            throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
        checkSpace(bound(inputLen, true), output, outputOffset);
        return place(doFinal(input == null ? new byte[0] : input, inputOffset, inputLen), output, outputOffset);
    }

    private static void checkSpace(int need, byte[] output, int off) throws ShortBufferException {
        int have = output == null ? 0 : output.length - off;
        if (have < need) {
            throw new ShortBufferException("Output buffer too short: " + have + " bytes given, " + need + " bytes needed");
        }
    }

    private static int place(byte[] r, byte[] output, int off) {
        if (r.length > 0) {
            System.arraycopy(r, 0, output, off, r.length);
        }
        return r.length;
    }

    @Override
    protected byte[] engineWrap(Key key) throws IllegalBlockSizeException, InvalidKeyException {
        byte[] e = key.getEncoded();
        if (e == null || e.length == 0) {
            throw new InvalidKeyException("Cannot get an encoding of the key to be wrapped");
        }
        try {
            return doFinal(e, 0, e.length);
        } catch (BadPaddingException ex) {
            throw new InvalidKeyException("wrapping failed", ex);
        }
    }

    @Override
    protected Key engineUnwrap(byte[] wrappedKey, String wrappedKeyAlgorithm, int wrappedKeyType)
            throws InvalidKeyException, NoSuchAlgorithmException {
        if (wrappedKeyType != Cipher.SECRET_KEY) {
            throw new InvalidKeyException(cipherName + " unwraps secret keys only");
        }
        try {
            return new SecretKeySpec(doFinal(wrappedKey, 0, wrappedKey.length), wrappedKeyAlgorithm);
        } catch (IllegalBlockSizeException | BadPaddingException e) {
            throw new InvalidKeyException("unwrapping failed", e);
        }
    }

    @Override
    protected int engineGetKeySize(Key key) throws InvalidKeyException {
        byte[] k = rawKey(key);
        java.util.Arrays.fill(k, (byte) 0);
        return k.length * 8;
    }
}
