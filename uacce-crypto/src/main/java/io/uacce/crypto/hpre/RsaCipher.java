package io.uacce.crypto.hpre;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.CipherSpi;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * {@code RSA/ECB/NoPadding}, {@code RSA/ECB/PKCS1Padding} (also private-key encryption = block
 * type 1, as SunJCE) and {@code RSA/ECB/OAEP…Padding} (the OAEP digest from the name, MGF1 with
 * SHA-1, as SunJCE; or both from an {@link OAEPParameterSpec}). One block per {@code doFinal}.
 */
public final class RsaCipher extends CipherSpi {
    enum Padding { NONE, PKCS1, OAEP }

    private final PkPrimitives prims;
    private final Padding padding;
    private final String oaepDigest; // from the transformation, null = SHA-1 / params
    private OAEPParameterSpec oaep;
    private RSAKey key;
    private boolean encrypt;
    private SecureRandom random;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    RsaCipher(PkPrimitives prims, Padding padding, String oaepDigest) {
        this.prims = prims;
        this.padding = padding;
        this.oaepDigest = oaepDigest;
    }

    @Override
    protected void engineSetMode(String mode) throws NoSuchAlgorithmException {
        if (!"ECB".equalsIgnoreCase(mode) && !"NONE".equalsIgnoreCase(mode)) {
            throw new NoSuchAlgorithmException("RSA supports mode ECB only, got " + mode);
        }
    }

    @Override
    protected void engineSetPadding(String p) throws NoSuchPaddingException {
        throw new NoSuchPaddingException("padding is fixed by the transformation name");
    }

    @Override
    protected int engineGetBlockSize() {
        return 0;
    }

    private int k() {
        return key == null ? 0 : (key.getModulus().bitLength() + 7) / 8;
    }

    @Override
    protected int engineGetOutputSize(int inputLen) {
        return k();
    }

    @Override
    protected byte[] engineGetIV() {
        return null;
    }

    @Override
    protected AlgorithmParameters engineGetParameters() {
        if (padding != Padding.OAEP || oaep == null) {
            return null;
        }
        try {
            AlgorithmParameters ap = AlgorithmParameters.getInstance("OAEP");
            ap.init(oaep);
            return ap;
        } catch (GeneralSecurityException e) {
            throw new ProviderException("cannot encode OAEP parameters", e);
        }
    }

    @Override
    protected void engineInit(int opmode, Key k, SecureRandom r) throws InvalidKeyException {
        try {
            engineInit(opmode, k, (AlgorithmParameterSpec) null, r);
        } catch (InvalidAlgorithmParameterException e) {
            throw new InvalidKeyException(e.getMessage(), e);
        }
    }

    @Override
    protected void engineInit(int opmode, Key k, AlgorithmParameters params, SecureRandom r)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        AlgorithmParameterSpec spec = null;
        if (params != null) {
            try {
                spec = params.getParameterSpec(OAEPParameterSpec.class);
            } catch (GeneralSecurityException e) {
                throw new InvalidAlgorithmParameterException("OAEP parameters expected", e);
            }
        }
        engineInit(opmode, k, spec, r);
    }

    @Override
    protected void engineInit(int opmode, Key k, AlgorithmParameterSpec params, SecureRandom r)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        encrypt = switch (opmode) {
            case Cipher.ENCRYPT_MODE, Cipher.WRAP_MODE -> true;
            case Cipher.DECRYPT_MODE, Cipher.UNWRAP_MODE -> false;
            default -> throw new InvalidKeyException("unknown opmode " + opmode);
        };
        if (!(k instanceof RSAPublicKey) && !(k instanceof RSAPrivateKey)) {
            throw new InvalidKeyException("RSA key required, got " + (k == null ? null : k.getClass()));
        }
        if (padding == Padding.OAEP && (encrypt != (k instanceof RSAPublicKey))) {
            throw new InvalidKeyException("OAEP encrypts with the public key and decrypts with the private key");
        }
        if (padding == Padding.OAEP) {
            if (params == null) {
                String d = oaepDigest == null ? "SHA-1" : oaepDigest;
                // as SunJCE: the name fixes the OAEP digest; MGF1 uses SHA-1 unless an OAEPParameterSpec says otherwise
                oaep = new OAEPParameterSpec(d, "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);
            } else if (params instanceof OAEPParameterSpec o) {
                if (!"MGF1".equalsIgnoreCase(o.getMGFAlgorithm())
                        || !(o.getMGFParameters() instanceof MGF1ParameterSpec)
                        || !(o.getPSource() instanceof PSource.PSpecified)) {
                    throw new InvalidAlgorithmParameterException("OAEP supports MGF1 and PSpecified only");
                }
                oaep = o;
            } else {
                throw new InvalidAlgorithmParameterException("OAEPParameterSpec expected");
            }
        } else if (params != null) {
            throw new InvalidAlgorithmParameterException("RSA " + padding + " takes no parameters");
        }
        key = (RSAKey) k;
        random = r != null ? r : new SecureRandom();
        buf.reset();
    }

    @Override
    protected byte[] engineUpdate(byte[] in, int off, int len) {
        buf.write(in, off, len);
        return new byte[0];
    }

    @Override
    protected int engineUpdate(byte[] in, int off, int len, byte[] out, int outOff) {
        buf.write(in, off, len);
        return 0;
    }

    @Override
    protected byte[] engineDoFinal(byte[] in, int off, int len) throws IllegalBlockSizeException, BadPaddingException {
        if (key == null) {
            throw new IllegalStateException("Cipher not initialised");
        }
        if (in != null) {
            buf.write(in, off, len);
        }
        byte[] data = buf.toByteArray();
        buf.reset();
        try {
            return encrypt ? encrypt(data) : decrypt(data);
        } finally {
            java.util.Arrays.fill(data, (byte) 0);
        }
    }

    @Override
    protected int engineDoFinal(byte[] in, int off, int len, byte[] out, int outOff)
            throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
        byte[] r = engineDoFinal(in, off, len);
        if (out.length - outOff < r.length) {
            throw new ShortBufferException("need " + r.length + " bytes");
        }
        System.arraycopy(r, 0, out, outOff, r.length);
        return r.length;
    }

    private MessageDigest[] oaepDigests() {
        try {
            MGF1ParameterSpec m = (MGF1ParameterSpec) oaep.getMGFParameters();
            return new MessageDigest[] {RsaPadding.digest(oaep.getDigestAlgorithm()),
                RsaPadding.digest(m.getDigestAlgorithm())};
        } catch (NoSuchAlgorithmException e) {
            throw new ProviderException("OAEP digest unavailable", e);
        }
    }

    private BigInteger raw(BigInteger x) throws BadPaddingException {
        if (x.compareTo(key.getModulus()) >= 0) {
            throw new BadPaddingException("RSA input not smaller than the modulus");
        }
        try {
            return key instanceof RSAPublicKey pub ? prims.rsaPublic(pub, x) : prims.rsaPrivate((RSAPrivateKey) key, x);
        } catch (GeneralSecurityException e) {
            throw new ProviderException("RSA primitive failed: " + e.getMessage(), e);
        }
    }

    private byte[] encrypt(byte[] m) throws IllegalBlockSizeException, BadPaddingException {
        int k = k();
        byte[] em = switch (padding) {
            case NONE -> {
                if (m.length > k) {
                    throw new IllegalBlockSizeException("input of " + m.length + " bytes exceeds " + k + " bytes");
                }
                yield m.clone();
            }
            case PKCS1 -> RsaPadding.pkcs1Encode(m, k, key instanceof RSAPublicKey ? 2 : 1, random);
            case OAEP -> {
                MessageDigest[] d = oaepDigests();
                yield RsaPadding.oaepEncode(d[0], d[1], ((PSource.PSpecified) oaep.getPSource()).getValue(), m, k,
                        random);
            }
        };
        return HpreOperands.slot(raw(new BigInteger(1, em)), k);
    }

    private byte[] decrypt(byte[] c) throws IllegalBlockSizeException, BadPaddingException {
        int k = k();
        if (c.length > k || (padding != Padding.NONE && c.length != k)) {
            throw new IllegalBlockSizeException("RSA ciphertext must be " + k + " bytes, got " + c.length);
        }
        byte[] em = HpreOperands.slot(raw(new BigInteger(1, c)), k);
        try {
            return switch (padding) {
                case NONE -> em.clone();
                case PKCS1 -> RsaPadding.pkcs1Decode(em, key instanceof RSAPublicKey ? 1 : 2);
                case OAEP -> {
                    MessageDigest[] d = oaepDigests();
                    yield RsaPadding.oaepDecode(d[0], d[1], ((PSource.PSpecified) oaep.getPSource()).getValue(), em);
                }
            };
        } finally {
            java.util.Arrays.fill(em, (byte) 0);
        }
    }

    @Override
    protected byte[] engineWrap(Key k) throws IllegalBlockSizeException, InvalidKeyException {
        byte[] enc = k.getEncoded();
        if (enc == null) {
            throw new InvalidKeyException("key has no encoding");
        }
        try {
            return engineDoFinal(enc, 0, enc.length);
        } catch (BadPaddingException e) {
            throw new InvalidKeyException(e.getMessage(), e);
        }
    }

    @Override
    protected Key engineUnwrap(byte[] wrapped, String alg, int type) throws InvalidKeyException,
            NoSuchAlgorithmException {
        byte[] enc;
        try {
            enc = engineDoFinal(wrapped, 0, wrapped.length);
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyException("unwrap failed: " + e.getMessage(), e);
        }
        try {
            return switch (type) {
                case Cipher.SECRET_KEY -> new javax.crypto.spec.SecretKeySpec(enc, alg);
                case Cipher.PUBLIC_KEY -> java.security.KeyFactory.getInstance(alg)
                        .generatePublic(new java.security.spec.X509EncodedKeySpec(enc));
                case Cipher.PRIVATE_KEY -> java.security.KeyFactory.getInstance(alg)
                        .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(enc));
                default -> throw new InvalidKeyException("unknown key type " + type);
            };
        } catch (java.security.spec.InvalidKeySpecException e) {
            throw new InvalidKeyException(e.getMessage(), e);
        }
    }

    @Override
    protected int engineGetKeySize(Key k) throws InvalidKeyException {
        if (!(k instanceof RSAKey r)) {
            throw new InvalidKeyException("not an RSA key");
        }
        return r.getModulus().bitLength();
    }
}
