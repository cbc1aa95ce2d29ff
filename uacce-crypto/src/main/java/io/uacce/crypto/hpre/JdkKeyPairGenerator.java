package io.uacce.crypto.hpre;

import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyPairGeneratorSpi;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;

/**
 * Key pair generation by the JDK's own generator — {@code KeyPairGenerator "RSA"} by SunRsaSign, so
 * the keys are the JDK's classes and work with every provider. [choice: HPRE's RSA key generation
 * (alg 0x2/0x3) would only compute d and the CRT parts from p and q, which the prime search in
 * software has to produce anyway; docs/crypto.md] EC and XDH key generation are device-backed:
 * {@link EcKeyPairGenerator}, {@link XdhKeyPairGenerator}.
 */
public final class JdkKeyPairGenerator extends KeyPairGeneratorSpi {
    private final KeyPairGenerator jdk;

    JdkKeyPairGenerator(String algorithm, String provider) {
        try {
            jdk = KeyPairGenerator.getInstance(algorithm, provider);
        } catch (NoSuchAlgorithmException | NoSuchProviderException e) {
            throw new ProviderException("JDK key pair generator " + algorithm + " unavailable", e);
        }
    }

    @Override
    public void initialize(int keysize, SecureRandom random) {
        jdk.initialize(keysize, random);
    }

    @Override
    public void initialize(AlgorithmParameterSpec params, SecureRandom random)
            throws InvalidAlgorithmParameterException {
        jdk.initialize(params, random);
    }

    @Override
    public KeyPair generateKeyPair() {
        return jdk.generateKeyPair();
    }
}
