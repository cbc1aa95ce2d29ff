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
 * Key pair generation by the JDK's own generator (SunRsaSign for RSA, SunEC for EC and XDH), so
 * the keys are the JDK's classes and work with every provider. [choice: HPRE's RSA key generation
 * (alg 0x2/0x3) needs p and q from software anyway; device key generation is not offloaded]
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
