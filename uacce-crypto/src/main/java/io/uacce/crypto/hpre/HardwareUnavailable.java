package io.uacce.crypto.hpre;

import java.math.BigInteger;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import javax.crypto.interfaces.DHPrivateKey;
import javax.crypto.interfaces.DHPublicKey;

/** HARDWARE mode while the HPRE device path is not built: every primitive refuses with what to do. */
final class HardwareUnavailable implements PkPrimitives {
    static final HardwareUnavailable INSTANCE = new HardwareUnavailable();

    private HardwareUnavailable() {
    }

    private static ProviderException refuse(String what) {
        return new ProviderException("UACCE: " + what + " in mode HARDWARE needs an HPRE device (/dev/hisi_hpre-N); "
                + "this build has no HPRE device path yet: use uacce.crypto.mode=auto or software");
    }

    @Override
    public BigInteger rsaPublic(RSAPublicKey key, BigInteger m) {
        throw refuse("RSA");
    }

    @Override
    public BigInteger rsaPrivate(RSAPrivateKey key, BigInteger c) {
        throw refuse("RSA");
    }

    @Override
    public byte[] ecdh(ECPrivateKey key, ECPublicKey peer) {
        throw refuse("ECDH");
    }

    @Override
    public BigInteger[] ecdsaSign(ECPrivateKey key, byte[] digest, SecureRandom random) {
        throw refuse("ECDSA");
    }

    @Override
    public boolean ecdsaVerify(ECPublicKey key, byte[] digest, BigInteger r, BigInteger s) {
        throw refuse("ECDSA");
    }

    @Override
    public byte[] xdh(XECPrivateKey key, XECPublicKey peer) {
        throw refuse("XDH");
    }

    @Override
    public byte[] dh(DHPrivateKey key, DHPublicKey peer) {
        throw refuse("DH");
    }
}
