package io.uacce.crypto.hpre;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidParameterException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyPairGeneratorSpi;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;

/**
 * {@code KeyPairGenerator "EC"} on prime curves: d from the caller's SecureRandom by FIPS 186-5
 * A.2.1 (N + 64 random bits c, d = (c mod (n − 1)) + 1: no rejection loop, no branch on d), Q = d·G
 * by {@link PkPrimitives#ecBaseMultiply} — HPRE alg 0xD on a V3 device —, Q checked on the curve and
 * not the point at infinity. Where the device does not run it (AUTO on V2 or without a device, and
 * SOFTWARE) the pair is software: SunEC's own constant-time generator on P-256/384/521, else d as
 * above and d·G by {@link EcPoints}. HARDWARE refuses with
 * {@link io.uacce.crypto.types.HpreDeviceException}. Keys are SunEC's classes wherever SunEC's
 * {@code KeyFactory "EC"} holds the curve, else {@link Sm2PublicKey}/{@link Sm2PrivateKey} (the
 * provider's prime-curve keys, unencoded off sm2p256v1). sm2p256v1 (by name, OID or parameters),
 * which SunEC lacks, goes to {@link Sm2KeyPairGenerator}.
 */
final class EcKeyPairGenerator extends KeyPairGeneratorSpi {
    /** The JDK's default EC key size since JDK 20 (SunEC: secp384r1). */
    private static final int DEFAULT_BITS = 384;

    private final PkPrimitives prims;
    private final Sm2KeyPairGenerator sm2;
    private boolean toSm2;
    private ECParameterSpec spec;
    private SecureRandom random;

    EcKeyPairGenerator(PkPrimitives prims) {
        this.prims = prims;
        sm2 = new Sm2KeyPairGenerator(prims);
    }

    /** The curve SunEC names {@code name}, or null when SunEC has none by that name. */
    static ECParameterSpec named(String name) {
        try {
            AlgorithmParameters ap = AlgorithmParameters.getInstance("EC", "SunEC");
            ap.init(new ECGenParameterSpec(name));
            return ap.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    @Override
    public void initialize(int keysize, SecureRandom rnd) {
        String name = switch (keysize) {
            case 256 -> "secp256r1";
            case 384 -> "secp384r1";
            case 521 -> "secp521r1";
            default -> throw new InvalidParameterException("EC key sizes 256, 384, 521 (NIST P-256/384/521), got "
                    + keysize + "; other curves by ECGenParameterSpec or ECParameterSpec");
        };
        spec = named(name);
        toSm2 = false;
        random = rnd;
    }

    @Override
    public void initialize(AlgorithmParameterSpec params, SecureRandom rnd) throws InvalidAlgorithmParameterException {
        if (Sm2Curve.isSm2(params)) {
            sm2.initialize(params, rnd);
            toSm2 = true;
            return;
        }
        ECParameterSpec s;
        if (params instanceof ECGenParameterSpec g) {
            s = named(g.getName());
            if (s == null) {
                throw new InvalidAlgorithmParameterException("unknown curve " + g.getName());
            }
        } else if (params instanceof ECParameterSpec p) {
            s = p;
        } else {
            throw new InvalidAlgorithmParameterException("EC keys: ECGenParameterSpec or ECParameterSpec, got " + params);
        }
        if (!(s.getCurve().getField() instanceof ECFieldFp fp)) {
            throw new InvalidAlgorithmParameterException("only prime-field curves are supported");
        }
        ECPoint g = s.getGenerator();
        if (s.getOrder().compareTo(BigInteger.TWO) <= 0 || g == null || g.equals(ECPoint.POINT_INFINITY)
                || !EcCurves.onCurve(s, fp.getP(), g.getAffineX(), g.getAffineY())) {
            throw new InvalidAlgorithmParameterException("curve parameters: the generator is not on the curve or n <= 2");
        }
        spec = s;
        toSm2 = false;
        random = rnd;
    }

    /** FIPS 186-5 A.2.1: c = N + 64 random bits (B.2.1, big-endian), d = (c mod (n − 1)) + 1. */
    static BigInteger privateScalar(BigInteger n, SecureRandom rnd) {
        BigInteger c = new BigInteger(n.bitLength() + 64, rnd);
        return c.mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
    }

    @Override
    public KeyPair generateKeyPair() {
        if (toSm2) {
            return sm2.generateKeyPair();
        }
        if (spec == null) {
            initialize(DEFAULT_BITS, random);
        }
        SecureRandom rnd = random != null ? random : new SecureRandom();
        BigInteger d = privateScalar(spec.getOrder(), rnd);
        try {
            BigInteger[] q = prims.ecBaseMultiply(spec, d);
            if (q == null) { // not on the device: software
                KeyPair sunEc = sunEcGenerated(rnd);
                if (sunEc != null) {
                    return sunEc;
                }
                q = SoftPrimitives.INSTANCE.ecMultiply(spec, d, spec.getGenerator().getAffineX(),
                        spec.getGenerator().getAffineY());
            }
            BigInteger p = ((ECFieldFp) spec.getCurve().getField()).getP();
            if (q == null || !EcCurves.onCurve(spec, p, q[0], q[1])) { // d in [1, n-1]: only a faulty multiply
                throw new ProviderException("EC key generation: d·G is the point at infinity or not on the curve");
            }
            return keys(d, new ECPoint(q[0], q[1]));
        } catch (GeneralSecurityException e) {
            throw new ProviderException("EC key generation: " + e.getMessage(), e);
        }
    }

    /** SunEC's generator on the curves it generates keys for (NIST P-256/384/521), else null. */
    private KeyPair sunEcGenerated(SecureRandom rnd) throws GeneralSecurityException {
        for (String name : new String[] {"secp256r1", "secp384r1", "secp521r1"}) {
            ECParameterSpec s = named(name);
            if (s != null && EcCurves.sameCurve(s, spec)) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "SunEC");
                g.initialize(s, rnd);
                return g.generateKeyPair();
            }
        }
        return null;
    }

    /** SunEC's key classes where its KeyFactory holds the curve, else the provider's prime-curve keys. */
    private KeyPair keys(BigInteger d, ECPoint w) throws GeneralSecurityException {
        KeyFactory kf = KeyFactory.getInstance("EC", "SunEC");
        try {
            return new KeyPair(kf.generatePublic(new ECPublicKeySpec(w, spec)),
                    kf.generatePrivate(new ECPrivateKeySpec(d, spec)));
        } catch (InvalidKeySpecException notASunEcCurve) {
            return new KeyPair(new Sm2PublicKey(spec, w), new Sm2PrivateKey(spec, d, w));
        }
    }
}
