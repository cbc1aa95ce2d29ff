package io.uacce.crypto.sec;

import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.BadPaddingException;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.ShortBufferException;

/**
 * A device cipher SPI in front of the SOFTWARE provider's cipher for the same transformation: every
 * {@code init} goes to the software cipher first, so key, IV, parameter and IV-reuse errors are
 * exactly its own; wrap/unwrap stay in software.
 */
abstract class SoftFrontedCipher extends io.uacce.crypto.soft.FixedCipherSpi {
    protected final SecDevice device;
    protected final Cipher soft;

    SoftFrontedCipher(SecDevice device, Supplier<Cipher> software) {
        this.device = device;
        this.soft = software.get();
    }

    /**
     * Called after the software cipher accepted an init; {@code params}: the {@link AlgorithmParameterSpec}
     * or {@link AlgorithmParameters} given (null when none).
     */
    abstract void started(int mode, Key k, Object params);

    @Override
    protected int engineGetBlockSize() {
        return soft.getBlockSize();
    }

    @Override
    protected void engineInit(int mode, Key k, SecureRandom random) throws InvalidKeyException {
        soft.init(mode, k, random);
        started(mode, k, null);
    }

    @Override
    protected void engineInit(int mode, Key k, AlgorithmParameterSpec params, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        soft.init(mode, k, params, random);
        started(mode, k, params);
    }

    @Override
    protected void engineInit(int mode, Key k, AlgorithmParameters params, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        soft.init(mode, k, params, random);
        started(mode, k, params);
    }

    @Override
    protected byte[] engineGetIV() {
        return soft.getIV();
    }

    @Override
    protected AlgorithmParameters engineGetParameters() {
        return soft.getParameters();
    }

    @Override
    protected byte[] engineUpdate(byte[] input, int inputOffset, int inputLen) {
        byte[] out = new byte[engineGetOutputSize(inputLen)];
        try {
            int n = engineUpdate(input, inputOffset, inputLen, out, 0);
            return n == out.length ? out : Arrays.copyOf(out, n);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e); // sized by engineGetOutputSize
        }
    }

    @Override
    protected byte[] engineDoFinal(byte[] input, int inputOffset, int inputLen)
            throws IllegalBlockSizeException, BadPaddingException {
        byte[] out = new byte[engineGetOutputSize(inputLen)];
        try {
            int n = engineDoFinal(input, inputOffset, inputLen, out, 0);
            return n == out.length ? out : Arrays.copyOf(out, n);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e); // sized by engineGetOutputSize
        }
    }

    @Override
    protected byte[] engineWrap(Key k) throws IllegalBlockSizeException, InvalidKeyException {
        return soft.wrap(k);
    }

    @Override
    protected Key engineUnwrap(byte[] wrapped, String wrappedAlgorithm, int wrappedType)
            throws InvalidKeyException, NoSuchAlgorithmException {
        return soft.unwrap(wrapped, wrappedAlgorithm, wrappedType);
    }
}
