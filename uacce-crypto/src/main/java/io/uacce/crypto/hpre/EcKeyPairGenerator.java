package io.uacce.crypto.hpre;

import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGeneratorSpi;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;

/**
 * {@code KeyPairGenerator "EC"}: SunEC's generator and key classes for the curves SunEC has, and
 * {@link Sm2KeyPairGenerator} when the parameters name sm2p256v1 (by name, OID or parameters),
 * which SunEC lacks — so {@code initialize(new ECGenParameterSpec("sm2p256v1"))} works as with
 * BouncyCastle.
 */
final class EcKeyPairGenerator extends KeyPairGeneratorSpi {
    private final JdkKeyPairGenerator jdk = new JdkKeyPairGenerator("EC", "SunEC");
    private final Sm2KeyPairGenerator sm2;
    private KeyPairGeneratorSpi current = jdk;

    EcKeyPairGenerator(PkPrimitives prims) {
        sm2 = new Sm2KeyPairGenerator(prims);
    }

    @Override
    public void initialize(int keysize, SecureRandom random) {
        jdk.initialize(keysize, random);
        current = jdk;
    }

    @Override
    public void initialize(AlgorithmParameterSpec params, SecureRandom random)
            throws InvalidAlgorithmParameterException {
        KeyPairGeneratorSpi g = Sm2Curve.isSm2(params) ? sm2 : jdk;
        g.initialize(params, random);
        current = g;
    }

    @Override
    public KeyPair generateKeyPair() {
        return current.generateKeyPair();
    }
}
