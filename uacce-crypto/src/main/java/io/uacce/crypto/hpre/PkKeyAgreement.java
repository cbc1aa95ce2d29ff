package io.uacce.crypto.hpre;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.NamedParameterSpec;
import javax.crypto.KeyAgreementSpi;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.interfaces.DHPrivateKey;
import javax.crypto.interfaces.DHPublicKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Two-party key agreement: ECDH (peer point checked on the private key's curve), XDH / X25519 /
 * X448 (both keys on the named curve; an all-zero result refused, RFC 7748 §6), DH (1 < y < p-1).
 * The shared secret itself comes from {@link PkPrimitives}.
 */
public final class PkKeyAgreement extends KeyAgreementSpi {
    enum Kind { ECDH, XDH, DH }

    private final PkPrimitives prims;
    private final Kind kind;
    private final String curve; // XDH: "X25519", "X448" or null (either)
    private Key priv;
    private byte[] secret;

    PkKeyAgreement(PkPrimitives prims, Kind kind, String curve) {
        this.prims = prims;
        this.kind = kind;
        this.curve = curve;
    }

    private static String xCurve(AlgorithmParameterSpec p) throws InvalidKeyException {
        if (p instanceof NamedParameterSpec n) {
            return n.getName().toUpperCase(java.util.Locale.ROOT);
        }
        throw new InvalidKeyException("XEC key without a named curve");
    }

    @Override
    protected void engineInit(Key key, SecureRandom random) throws InvalidKeyException {
        boolean ok = switch (kind) {
            case ECDH -> key instanceof ECPrivateKey;
            case XDH -> key instanceof XECPrivateKey;
            case DH -> key instanceof DHPrivateKey;
        };
        if (!ok) {
            throw new InvalidKeyException(kind + " private key required, got " + (key == null ? null : key.getClass()));
        }
        if (key instanceof XECPrivateKey x) {
            String c = xCurve(x.getParams());
            if (curve != null && !curve.equals(c)) {
                throw new InvalidKeyException(curve + " key agreement given a " + c + " key");
            }
        }
        priv = key;
        secret = null;
    }

    @Override
    protected void engineInit(Key key, AlgorithmParameterSpec params, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        if (params != null) {
            throw new InvalidAlgorithmParameterException(kind + " key agreement takes no parameters");
        }
        engineInit(key, random);
    }

    @Override
    protected Key engineDoPhase(Key key, boolean lastPhase) throws InvalidKeyException {
        if (priv == null) {
            throw new IllegalStateException("not initialised");
        }
        if (!lastPhase) {
            throw new IllegalStateException("two-party key agreement: only one phase");
        }
        try {
            secret = switch (kind) {
                case ECDH -> ecdh(key);
                case XDH -> xdh(key);
                case DH -> dh(key);
            };
        } catch (InvalidKeyException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyException(kind + " failed: " + e.getMessage(), e);
        }
        return null;
    }

    private byte[] ecdh(Key key) throws GeneralSecurityException {
        if (!(key instanceof ECPublicKey pub)) {
            throw new InvalidKeyException("EC public key required");
        }
        ECPrivateKey p = (ECPrivateKey) priv;
        EcCurves.checkSameCurve(p.getParams(), pub.getParams());
        EcCurves.checkOnCurve(pub);
        return prims.ecdh(p, pub);
    }

    private byte[] xdh(Key key) throws GeneralSecurityException {
        if (!(key instanceof XECPublicKey pub)) {
            throw new InvalidKeyException("XEC public key required");
        }
        XECPrivateKey p = (XECPrivateKey) priv;
        if (!xCurve(p.getParams()).equals(xCurve(pub.getParams()))) {
            throw new InvalidKeyException("XEC keys on different curves");
        }
        byte[] s = prims.xdh(p, pub);
        int acc = 0;
        for (byte b : s) {
            acc |= b;
        }
        if (acc == 0) {
            throw new InvalidKeyException("XDH shared secret is zero (small-order point)");
        }
        return s;
    }

    private byte[] dh(Key key) throws GeneralSecurityException {
        if (!(key instanceof DHPublicKey pub)) {
            throw new InvalidKeyException("DH public key required");
        }
        DHPrivateKey p = (DHPrivateKey) priv;
        BigInteger mod = p.getParams().getP();
        if (!mod.equals(pub.getParams().getP()) || !p.getParams().getG().equals(pub.getParams().getG())) {
            throw new InvalidKeyException("DH keys with different parameters");
        }
        BigInteger y = pub.getY();
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(mod.subtract(BigInteger.ONE)) >= 0) {
            throw new InvalidKeyException("DH public value out of range (1, p-1)");
        }
        return prims.dh(p, pub);
    }

    private byte[] take() {
        if (secret == null) {
            throw new IllegalStateException("doPhase(key, true) first");
        }
        byte[] s = secret;
        secret = null;
        return s;
    }

    @Override
    protected byte[] engineGenerateSecret() {
        return take();
    }

    @Override
    protected int engineGenerateSecret(byte[] out, int off) throws ShortBufferException {
        if (secret == null) {
            throw new IllegalStateException("doPhase(key, true) first");
        }
        if (out.length - off < secret.length) {
            throw new ShortBufferException("need " + secret.length + " bytes");
        }
        byte[] s = take();
        System.arraycopy(s, 0, out, off, s.length);
        return s.length;
    }

    @Override
    protected SecretKey engineGenerateSecret(String algorithm) throws NoSuchAlgorithmException {
        if (algorithm == null) {
            throw new NoSuchAlgorithmException("null algorithm");
        }
        if (!"TlsPremasterSecret".equalsIgnoreCase(algorithm) && !"Generic".equalsIgnoreCase(algorithm)
                && kind == Kind.DH) {
            throw new NoSuchAlgorithmException("DH secret as " + algorithm + " not supported; use Generic");
        }
        try {
            return new SecretKeySpec(take(), algorithm);
        } catch (IllegalArgumentException e) {
            throw new ProviderException(e);
        }
    }
}
