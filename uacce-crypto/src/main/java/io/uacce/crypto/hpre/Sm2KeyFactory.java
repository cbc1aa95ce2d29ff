package io.uacce.crypto.hpre;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactorySpi;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * {@code KeyFactory "SM2"}: {@link Sm2PublicKey}/{@link Sm2PrivateKey} from and to X.509 / PKCS#8
 * (sm2p256v1, as BouncyCastle and OpenSSL write them: {@link Sm2KeyEncoding}) and
 * {@link ECPublicKeySpec}/{@link ECPrivateKeySpec} (any prime curve, e.g. the test curves of
 * GB/T 32918); {@code translateKey} turns any {@code ECPublicKey}/{@code ECPrivateKey} on a prime
 * curve (BouncyCastle's) or an X.509/PKCS#8-encoded key into ours. Public points are checked on the
 * curve; d must be in [1, n − 2] (GB/T 32918.1 §6.1). A private key's public point (which
 * {@code SM3withSM2} signing takes its Z_A from) is d·G by {@link PkPrimitives#ecMultiply} — the
 * device's alg 0xD in AUTO and HARDWARE —; a point the encoding carries must equal it.
 */
final class Sm2KeyFactory extends KeyFactorySpi {
    private final PkPrimitives prims;

    Sm2KeyFactory(PkPrimitives prims) {
        this.prims = prims;
    }

    /** Our sm2p256v1 instance for parameters equal to it; the caller's prime-curve parameters otherwise. */
    private static ECParameterSpec params(ECParameterSpec s) throws InvalidKeySpecException {
        if (s == null || !(s.getCurve().getField() instanceof ECFieldFp)) {
            throw new InvalidKeySpecException("SM2 keys are on prime-field curves");
        }
        return EcCurves.sameCurve(s, Sm2Curve.SPEC) ? Sm2Curve.SPEC : s;
    }

    private static Sm2PublicKey publicKey(ECParameterSpec s, ECPoint w) throws InvalidKeySpecException {
        ECParameterSpec p = params(s);
        if (w == null || w.equals(ECPoint.POINT_INFINITY)
                || !EcCurves.onCurve(p, ((ECFieldFp) p.getCurve().getField()).getP(), w.getAffineX(), w.getAffineY())) {
            throw new InvalidKeySpecException("SM2 public key: the point is not on the curve");
        }
        return new Sm2PublicKey(p, w);
    }

    private Sm2PrivateKey privateKey(ECParameterSpec s, BigInteger d, ECPoint carried) throws InvalidKeySpecException {
        ECParameterSpec p = params(s);
        if (d == null || d.signum() <= 0 || d.compareTo(p.getOrder().subtract(BigInteger.TWO)) > 0) {
            throw new InvalidKeySpecException("SM2 private key: d must be in [1, n-2] (GB/T 32918.1 section 6.1)");
        }
        BigInteger[] q;
        try {
            q = prims.ecMultiply(p, d, p.getGenerator().getAffineX(), p.getGenerator().getAffineY());
        } catch (GeneralSecurityException e) {
            throw new InvalidKeySpecException("SM2 private key: d·G: " + e.getMessage(), e);
        }
        if (q == null) {
            throw new InvalidKeySpecException("SM2 private key: d·G is the point at infinity");
        }
        ECPoint w = new ECPoint(q[0], q[1]);
        if (carried != null && !carried.equals(w)) {
            throw new InvalidKeySpecException("SM2 private key: the encoded public key is not d·G");
        }
        return new Sm2PrivateKey(p, d, w);
    }

    @Override
    protected PublicKey engineGeneratePublic(KeySpec spec) throws InvalidKeySpecException {
        if (spec instanceof X509EncodedKeySpec x) {
            return publicKey(Sm2Curve.SPEC, Sm2KeyEncoding.decodePublic(x.getEncoded()));
        }
        if (spec instanceof ECPublicKeySpec e) {
            return publicKey(e.getParams(), e.getW());
        }
        throw new InvalidKeySpecException("SM2 public keys: X509EncodedKeySpec or ECPublicKeySpec, got "
                + (spec == null ? null : spec.getClass().getName()));
    }

    @Override
    protected PrivateKey engineGeneratePrivate(KeySpec spec) throws InvalidKeySpecException {
        if (spec instanceof PKCS8EncodedKeySpec p) {
            byte[] der = p.getEncoded();
            try {
                Sm2KeyEncoding.Private k = Sm2KeyEncoding.decodePrivate(der);
                return privateKey(Sm2Curve.SPEC, k.d(), k.w());
            } finally {
                java.util.Arrays.fill(der, (byte) 0);
            }
        }
        if (spec instanceof ECPrivateKeySpec e) {
            return privateKey(e.getParams(), e.getS(), null);
        }
        throw new InvalidKeySpecException("SM2 private keys: PKCS8EncodedKeySpec or ECPrivateKeySpec, got "
                + (spec == null ? null : spec.getClass().getName()));
    }

    @Override
    protected <T extends KeySpec> T engineGetKeySpec(Key key, Class<T> spec) throws InvalidKeySpecException {
        if (spec == null) {
            throw new InvalidKeySpecException("null key spec class");
        }
        Key k;
        try {
            k = engineTranslateKey(key);
        } catch (InvalidKeyException e) {
            throw new InvalidKeySpecException(e.getMessage(), e);
        }
        if (k instanceof Sm2PublicKey pub) {
            if (spec.isAssignableFrom(ECPublicKeySpec.class)) {
                return spec.cast(new ECPublicKeySpec(pub.getW(), pub.getParams()));
            }
            if (spec.isAssignableFrom(X509EncodedKeySpec.class)) {
                return spec.cast(new X509EncodedKeySpec(encoded(pub)));
            }
        } else if (k instanceof Sm2PrivateKey priv) {
            if (spec.isAssignableFrom(ECPrivateKeySpec.class)) {
                return spec.cast(new ECPrivateKeySpec(priv.getS(), priv.getParams()));
            }
            if (spec.isAssignableFrom(PKCS8EncodedKeySpec.class)) {
                byte[] der = encoded(priv);
                try {
                    return spec.cast(new PKCS8EncodedKeySpec(der));
                } finally {
                    java.util.Arrays.fill(der, (byte) 0);
                }
            }
        }
        throw new InvalidKeySpecException("no " + spec.getName() + " for " + k);
    }

    private static byte[] encoded(Key k) throws InvalidKeySpecException {
        byte[] e = k.getEncoded();
        if (e == null) {
            throw new InvalidKeySpecException("SM2 keys have an X.509/PKCS#8 encoding on sm2p256v1 only");
        }
        return e;
    }

    @Override
    protected Key engineTranslateKey(Key key) throws InvalidKeyException {
        if (key instanceof Sm2PublicKey || key instanceof Sm2PrivateKey) {
            return key;
        }
        try {
            if (key instanceof ECPublicKey pub) {
                return publicKey(pub.getParams(), pub.getW());
            }
            if (key instanceof ECPrivateKey priv) {
                return privateKey(priv.getParams(), priv.getS(), null);
            }
            if (key != null && "X.509".equals(key.getFormat()) && key.getEncoded() != null) {
                return engineGeneratePublic(new X509EncodedKeySpec(key.getEncoded()));
            }
            if (key != null && "PKCS#8".equals(key.getFormat()) && key.getEncoded() != null) {
                return engineGeneratePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
            }
        } catch (InvalidKeySpecException e) {
            throw new InvalidKeyException(e.getMessage(), e);
        }
        throw new InvalidKeyException("SM2 keys: an EC key on a prime curve or an X.509/PKCS#8 encoding, got "
                + (key == null ? null : key.getClass().getName()));
    }
}
