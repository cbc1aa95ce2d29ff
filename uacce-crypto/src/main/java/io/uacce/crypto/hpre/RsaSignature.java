package io.uacce.crypto.hpre;

import io.uacce.crypto.hpre.sqe.HpreOperands;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * RSA signatures: {@code SHA*withRSA} (EMSA-PKCS1-v1_5) and {@code RSASSA-PSS} (parameters from
 * {@link PSSParameterSpec} or the key). Hashing and encoding here; the raw m^d / s^e through
 * {@link PkPrimitives}. Verification re-encodes and compares, so no alternative DER is accepted.
 */
public final class RsaSignature extends SignatureSpi {
    private final PkPrimitives prims;
    private final String fixedDigest; // null for RSASSA-PSS
    private MessageDigest md;
    private PSSParameterSpec pss;
    private MessageDigest mgf;
    private RSAPrivateKey priv;
    private RSAPublicKey pub;
    private SecureRandom random;

    private RsaSignature(PkPrimitives prims, String digest) {
        this.prims = prims;
        this.fixedDigest = digest;
    }

    static RsaSignature pkcs1(PkPrimitives prims, String digest) {
        RsaSignature s = new RsaSignature(prims, digest);
        try {
            s.md = RsaPadding.digest(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new ProviderException(e);
        }
        return s;
    }

    static RsaSignature pss(PkPrimitives prims) {
        return new RsaSignature(prims, null);
    }

    private static int bytes(RSAKey k) {
        return (k.getModulus().bitLength() + 7) / 8;
    }

    private void keyParams(RSAKey key) throws InvalidKeyException {
        if (fixedDigest != null) {
            return;
        }
        AlgorithmParameterSpec p = key.getParams();
        if (p instanceof PSSParameterSpec spec) {
            try {
                setPss(spec);
            } catch (InvalidAlgorithmParameterException e) {
                throw new InvalidKeyException(e.getMessage(), e);
            }
        }
    }

    @Override
    protected void engineInitVerify(PublicKey key) throws InvalidKeyException {
        if (!(key instanceof RSAPublicKey k)) {
            throw new InvalidKeyException("RSA public key required, got " + (key == null ? null : key.getClass()));
        }
        keyParams(k);
        pub = k;
        priv = null;
        reset();
    }

    @Override
    protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
        engineInitSign(key, null);
    }

    @Override
    protected void engineInitSign(PrivateKey key, SecureRandom r) throws InvalidKeyException {
        if (!(key instanceof RSAPrivateKey k)) {
            throw new InvalidKeyException("RSA private key required, got " + (key == null ? null : key.getClass()));
        }
        keyParams(k);
        priv = k;
        pub = null;
        random = r != null ? r : new SecureRandom();
        reset();
    }

    private void reset() {
        if (md != null) {
            md.reset();
        }
    }

    private MessageDigest md() throws SignatureException {
        if (md == null) {
            throw new SignatureException("RSASSA-PSS needs parameters: setParameter(PSSParameterSpec)");
        }
        return md;
    }

    @Override
    protected void engineUpdate(byte b) throws SignatureException {
        md().update(b);
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
        md().update(b, off, len);
    }

    @Override
    protected void engineUpdate(java.nio.ByteBuffer input) {
        if (md == null) {
            throw new IllegalStateException("RSASSA-PSS needs parameters: setParameter(PSSParameterSpec)");
        }
        md.update(input);
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
        if (priv == null) {
            throw new SignatureException("not initialised for signing");
        }
        byte[] hash = md().digest();
        int k = bytes(priv);
        int modBits = priv.getModulus().bitLength();
        byte[] em = fixedDigest != null ? RsaPadding.pkcs1Signature(fixedDigest, hash, k)
                : RsaPadding.pssEncode(md, mgf, hash, pss.getSaltLength(), modBits, random);
        try {
            return HpreOperands.slot(prims.rsaPrivate(priv, new BigInteger(1, em)), k);
        } catch (java.security.GeneralSecurityException e) {
            throw new SignatureException("RSA private operation failed: " + e.getMessage(), e);
        }
    }

    @Override
    protected boolean engineVerify(byte[] sig) throws SignatureException {
        if (pub == null) {
            throw new SignatureException("not initialised for verification");
        }
        byte[] hash = md().digest();
        int k = bytes(pub);
        if (sig.length != k) {
            // as SunRsaSign (found by ProviderFuzzTest, issue 13): a wrong length is an encoding error, not a verdict
            throw new SignatureException("Bad signature length: got " + sig.length + " but was expecting " + k);
        }
        BigInteger s = new BigInteger(1, sig);
        if (s.compareTo(pub.getModulus()) >= 0) {
            return false;
        }
        BigInteger m;
        try {
            m = prims.rsaPublic(pub, s);
        } catch (java.security.GeneralSecurityException e) {
            throw new SignatureException("RSA public operation failed: " + e.getMessage(), e);
        }
        int modBits = pub.getModulus().bitLength();
        if (fixedDigest != null) {
            return MessageDigest.isEqual(HpreOperands.slot(m, k), RsaPadding.pkcs1Signature(fixedDigest, hash, k));
        }
        int emLen = (modBits - 1 + 7) / 8;
        if (m.bitLength() > 8 * emLen) {
            return false;
        }
        return RsaPadding.pssVerify(md, mgf, hash, pss.getSaltLength(), modBits, HpreOperands.slot(m, emLen));
    }

    private void setPss(PSSParameterSpec spec) throws InvalidAlgorithmParameterException {
        if (!"MGF1".equalsIgnoreCase(spec.getMGFAlgorithm())
                || !(spec.getMGFParameters() instanceof MGF1ParameterSpec mgfSpec)) {
            throw new InvalidAlgorithmParameterException("only MGF1 is supported, got " + spec.getMGFAlgorithm());
        }
        if (spec.getTrailerField() != PSSParameterSpec.TRAILER_FIELD_BC) {
            throw new InvalidAlgorithmParameterException("only trailer field 1 (0xBC) is supported");
        }
        if (spec.getSaltLength() < 0) {
            throw new InvalidAlgorithmParameterException("negative salt length");
        }
        try {
            MessageDigest h = RsaPadding.digest(spec.getDigestAlgorithm());
            MessageDigest g = RsaPadding.digest(mgfSpec.getDigestAlgorithm());
            md = h;
            mgf = g;
            pss = spec;
        } catch (NoSuchAlgorithmException e) {
            throw new InvalidAlgorithmParameterException("unsupported PSS digest: " + e.getMessage(), e);
        }
    }

    @Override
    protected void engineSetParameter(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
        if (fixedDigest != null) {
            if (params != null) {
                throw new InvalidAlgorithmParameterException("SHA*withRSA takes no parameters");
            }
            return;
        }
        if (!(params instanceof PSSParameterSpec spec)) {
            throw new InvalidAlgorithmParameterException("RSASSA-PSS needs a PSSParameterSpec");
        }
        setPss(spec);
    }

    @Override
    protected AlgorithmParameters engineGetParameters() {
        if (pss == null) {
            return null;
        }
        try {
            AlgorithmParameters ap = AlgorithmParameters.getInstance("RSASSA-PSS");
            ap.init(pss);
            return ap;
        } catch (java.security.GeneralSecurityException e) {
            throw new ProviderException("cannot encode PSS parameters", e);
        }
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
        throw new InvalidParameterException("not supported");
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
        throw new InvalidParameterException("not supported");
    }
}
