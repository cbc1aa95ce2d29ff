package io.uacce.crypto.hpre;

import io.uacce.crypto.hpre.sqe.HpreOperands;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.interfaces.DHPrivateKey;
import javax.crypto.interfaces.DHPublicKey;

/**
 * The primitives in software, by the JDK's own implementations of exactly these raw operations:
 * SunJCE's {@code RSA/ECB/NoPadding} (CRT when the key has it, blinding of private operations),
 * SunEC's {@code NONEwithECDSAinP1363Format} (sign/verify of a given hash, constant-time field
 * arithmetic), SunEC's {@code ECDH} and {@code XDH}, SunJCE's {@code DH}. No branch of ours
 * depends on a secret. SM2, which the JDK lacks, is ours ({@link Sm2}).
 */
final class SoftPrimitives implements PkPrimitives {
    static final SoftPrimitives INSTANCE = new SoftPrimitives();

    private SoftPrimitives() {
    }

    private static BigInteger rawRsa(int mode, java.security.Key key, BigInteger x, BigInteger n)
            throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("RSA/ECB/NoPadding", "SunJCE");
        c.init(mode, key);
        int k = (n.bitLength() + 7) / 8;
        return new BigInteger(1, c.doFinal(HpreOperands.slot(x, k)));
    }

    @Override
    public BigInteger rsaPublic(RSAPublicKey key, BigInteger m) throws GeneralSecurityException {
        return rawRsa(Cipher.ENCRYPT_MODE, key, m, key.getModulus());
    }

    @Override
    public BigInteger rsaPrivate(RSAPrivateKey key, BigInteger c) throws GeneralSecurityException {
        return rawRsa(Cipher.DECRYPT_MODE, key, c, key.getModulus());
    }

    @Override
    public byte[] ecdh(ECPrivateKey key, ECPublicKey peer) throws GeneralSecurityException {
        return agree("ECDH", "SunEC", key, peer);
    }

    private static byte[] agree(String alg, String provider, java.security.Key key, java.security.Key peer)
            throws GeneralSecurityException {
        KeyAgreement ka = KeyAgreement.getInstance(alg, provider);
        ka.init(key);
        ka.doPhase(peer, true);
        return ka.generateSecret();
    }

    @Override
    public BigInteger[] ecdsaSign(ECPrivateKey key, byte[] digest, SecureRandom random)
            throws GeneralSecurityException {
        Signature s = Signature.getInstance("NONEwithECDSAinP1363Format", "SunEC");
        if (random != null) {
            s.initSign(key, random);
        } else {
            s.initSign(key);
        }
        s.update(digest);
        byte[] rs = s.sign();
        int h = rs.length / 2;
        return new BigInteger[] {new BigInteger(1, rs, 0, h), new BigInteger(1, rs, h, h)};
    }

    @Override
    public boolean ecdsaVerify(ECPublicKey key, byte[] digest, BigInteger r, BigInteger s)
            throws GeneralSecurityException {
        Signature v = Signature.getInstance("NONEwithECDSAinP1363Format", "SunEC");
        v.initVerify(key);
        v.update(digest);
        int w = (key.getParams().getOrder().bitLength() + 7) / 8;
        byte[] rs = new byte[2 * w];
        HpreOperands.put(rs, 0, w, r);
        HpreOperands.put(rs, w, w, s);
        return v.verify(rs);
    }

    /**
     * SM2 is not in the JDK: our {@link Sm2} on {@link EcPoints} (BigInteger, not constant-time; see
     * EcPoints). Curve parameters come from the key.
     */
    @Override
    public BigInteger[] sm2Sign(ECPrivateKey key, byte[] e, SecureRandom random) {
        return Sm2.sign(io.uacce.crypto.hpre.sqe.EcCurve.of(key.getParams()), key.getS(), new BigInteger(1, e),
                random == null ? new SecureRandom() : random);
    }

    @Override
    public boolean sm2Verify(ECPublicKey key, byte[] e, BigInteger r, BigInteger s) {
        return Sm2.verify(io.uacce.crypto.hpre.sqe.EcCurve.of(key.getParams()), key.getW().getAffineX(),
                key.getW().getAffineY(), new BigInteger(1, e), r, s);
    }

    @Override
    public BigInteger[] ecMultiply(java.security.spec.ECParameterSpec spec, BigInteger k, BigInteger x, BigInteger y) {
        return EcPoints.multiply(io.uacce.crypto.hpre.sqe.EcCurve.of(spec), k, x, y);
    }

    /** Null: software key generation is the generator's (SunEC's where it has the curve). */
    @Override
    public BigInteger[] ecBaseMultiply(java.security.spec.ECParameterSpec spec, BigInteger d) {
        return null;
    }

    @Override
    public byte[] xdh(XECPrivateKey key, XECPublicKey peer) throws GeneralSecurityException {
        return agree("XDH", "SunEC", key, peer);
    }

    @Override
    public byte[] dh(DHPrivateKey key, DHPublicKey peer) throws GeneralSecurityException {
        byte[] s = agree("DH", "SunJCE", key, peer);
        int k = (key.getParams().getP().bitLength() + 7) / 8;
        if (s.length != k) {
            throw new InvalidKeyException("DH secret of " + s.length + " bytes for a " + k + "-byte modulus");
        }
        return s;
    }
}
