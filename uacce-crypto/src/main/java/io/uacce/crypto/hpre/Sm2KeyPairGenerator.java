package io.uacce.crypto.hpre;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidParameterException;
import java.security.KeyPair;
import java.security.KeyPairGeneratorSpi;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;

/**
 * {@code KeyPairGenerator "SM2"} (GB/T 32918.1-2016 section 6.1): d drawn uniformly from [1, n-2]
 * by rejection sampling, P = d·G by {@link PkPrimitives#ecMultiply} — HPRE alg 0xD on a V3 device,
 * software when the device lacks ECC (V2) in AUTO, {@link io.uacce.crypto.types.HpreDeviceException}
 * in HARDWARE. Default and {@code initialize(256)}: sm2p256v1 (GB/T 32918.5); also any prime curve
 * given by {@link ECParameterSpec} (the test curves of GB/T 32918.2/.4). Keys: {@link Sm2PrivateKey},
 * {@link Sm2PublicKey}.
 */
final class Sm2KeyPairGenerator extends KeyPairGeneratorSpi {
    private final PkPrimitives prims;
    private ECParameterSpec spec = Sm2Curve.SPEC;
    private SecureRandom random;

    Sm2KeyPairGenerator(PkPrimitives prims) {
        this.prims = prims;
    }

    @Override
    public void initialize(int keysize, SecureRandom rnd) {
        if (keysize != 256) {
            throw new InvalidParameterException("SM2 keys are 256 bits (sm2p256v1), got " + keysize);
        }
        spec = Sm2Curve.SPEC;
        random = rnd;
    }

    @Override
    public void initialize(AlgorithmParameterSpec params, SecureRandom rnd) throws InvalidAlgorithmParameterException {
        if (Sm2Curve.isSm2(params)) {
            spec = Sm2Curve.SPEC;
        } else if (params instanceof ECParameterSpec s && s.getCurve().getField() instanceof ECFieldFp) {
            spec = s;
        } else {
            throw new InvalidAlgorithmParameterException("SM2 keys: ECGenParameterSpec(\"sm2p256v1\") or the"
                    + " ECParameterSpec of a prime curve, got " + params);
        }
        random = rnd;
    }

    @Override
    public KeyPair generateKeyPair() {
        SecureRandom rnd = random != null ? random : new SecureRandom();
        BigInteger n = spec.getOrder();
        BigInteger d;
        do { // rejection of fresh random candidates outside [1, n-2], never of the key kept
            d = new BigInteger(n.bitLength(), rnd);
        } while (d.signum() == 0 || d.compareTo(n.subtract(BigInteger.TWO)) > 0);
        BigInteger[] q;
        try {
            q = prims.ecMultiply(spec, d, spec.getGenerator().getAffineX(), spec.getGenerator().getAffineY());
        } catch (GeneralSecurityException e) {
            throw new ProviderException("SM2 key generation: " + e.getMessage(), e);
        }
        if (q == null) { // d in [1, n-1] and G of order n: never the point at infinity unless the multiply is wrong
            throw new ProviderException("SM2 key generation: d·G is the point at infinity");
        }
        ECPoint w = new ECPoint(q[0], q[1]);
        return new KeyPair(new Sm2PublicKey(spec, w), new Sm2PrivateKey(spec, d, w));
    }
}
