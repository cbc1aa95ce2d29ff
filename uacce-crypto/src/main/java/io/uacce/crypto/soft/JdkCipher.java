package io.uacce.crypto.soft;

import java.nio.ByteBuffer;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.CipherSpi;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.ShortBufferException;

/**
 * A {@link CipherSpi} that is the JDK's own cipher (provider SunJCE) for one full transformation,
 * so results, parameters and exceptions are exactly SunJCE's.
 */
public final class JdkCipher extends FixedCipherSpi {
    private final Cipher c;
    private final boolean padded;
    private boolean decrypting;
    private long fed;

    /**
     * The one difference from SunJCE: a PKCS5Padding decryption of no input at all is refused with
     * BadPaddingException (SunJCE returns an empty plaintext; a padded ciphertext has at least one block,
     * and Wycheproof lists the empty ciphertext as invalid).
     */
    public JdkCipher(String transformation) {
        this.c = newJdk(transformation);
        this.padded = transformation.endsWith("PKCS5Padding") || !transformation.contains("/");
    }

    private void started(int opmode) {
        decrypting = opmode == Cipher.DECRYPT_MODE || opmode == Cipher.UNWRAP_MODE;
        fed = 0;
    }

    private void checkNotEmpty(int len) throws BadPaddingException {
        if (padded && decrypting && fed + len == 0) {
            throw new BadPaddingException("Empty input: a PKCS5Padding ciphertext has at least one block");
        }
        fed = 0;
    }

    static Cipher newJdk(String transformation) {
        Provider p = Security.getProvider("SunJCE");
        try {
            return p != null ? Cipher.getInstance(transformation, p) : Cipher.getInstance(transformation);
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            throw new IllegalStateException("the JDK lacks " + transformation, e);
        }
    }

    @Override
    protected int engineGetBlockSize() {
        return c.getBlockSize();
    }

    @Override
    protected int engineGetOutputSize(int inputLen) {
        return c.getOutputSize(inputLen);
    }

    @Override
    protected byte[] engineGetIV() {
        return c.getIV();
    }

    @Override
    protected AlgorithmParameters engineGetParameters() {
        return c.getParameters();
    }

    @Override
    protected void engineInit(int opmode, Key key, SecureRandom random) throws InvalidKeyException {
        c.init(opmode, key, random);
        started(opmode);
    }

    @Override
    protected void engineInit(int opmode, Key key, AlgorithmParameterSpec params, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        c.init(opmode, key, params, random);
        started(opmode);
    }

    @Override
    protected void engineInit(int opmode, Key key, AlgorithmParameters params, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        c.init(opmode, key, params, random);
        started(opmode);
    }

    @Override
    protected byte[] engineUpdate(byte[] input, int inputOffset, int inputLen) {
        byte[] r = c.update(input, inputOffset, inputLen);
        fed += inputLen;
        return r;
    }

    @Override
    protected int engineUpdate(byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset)
            throws ShortBufferException {
        int n = c.update(input, inputOffset, inputLen, output, outputOffset);
        fed += inputLen;
        return n;
    }

    @Override
    protected int engineUpdate(ByteBuffer input, ByteBuffer output) throws ShortBufferException {
        int len = input.remaining();
        int n = c.update(input, output);
        fed += len - input.remaining();
        return n;
    }

    @Override
    protected void engineUpdateAAD(byte[] src, int offset, int len) {
        c.updateAAD(src, offset, len);
    }

    @Override
    protected void engineUpdateAAD(ByteBuffer src) {
        c.updateAAD(src);
    }

    @Override
    protected byte[] engineDoFinal(byte[] input, int inputOffset, int inputLen)
            throws IllegalBlockSizeException, BadPaddingException {
        checkNotEmpty(inputLen);
        return c.doFinal(input, inputOffset, inputLen);
    }

    @Override
    protected int engineDoFinal(byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset)
            throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
        checkNotEmpty(inputLen);
        return c.doFinal(input, inputOffset, inputLen, output, outputOffset);
    }

    @Override
    protected int engineDoFinal(ByteBuffer input, ByteBuffer output)
            throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
        checkNotEmpty(input.remaining());
        return c.doFinal(input, output);
    }

    @Override
    protected byte[] engineWrap(Key key) throws IllegalBlockSizeException, InvalidKeyException {
        return c.wrap(key);
    }

    @Override
    protected Key engineUnwrap(byte[] wrappedKey, String wrappedKeyAlgorithm, int wrappedKeyType)
            throws InvalidKeyException, NoSuchAlgorithmException {
        return c.unwrap(wrappedKey, wrappedKeyAlgorithm, wrappedKeyType);
    }
}
