package io.uacce.crypto.hpre;

import io.uacce.crypto.hpre.sqe.HpreOperands;
import java.math.BigInteger;
import java.security.KeyRep;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;

/**
 * The private key of {@link Sm2KeyPairGenerator}; it also carries its public point, so
 * {@code SM3withSM2} signing takes Z_A from it instead of computing d·G again in software. PKCS#8 on
 * sm2p256v1, unencoded (null) on other curves.
 */
final class Sm2PrivateKey extends Sm2Key implements ECPrivateKey {
    private static final long serialVersionUID = 1L;

    private final transient BigInteger s;
    private final transient ECPoint w;

    Sm2PrivateKey(ECParameterSpec params, BigInteger s, ECPoint w) {
        super(params);
        this.s = s;
        this.w = w;
    }

    @Override
    public BigInteger getS() {
        return s;
    }

    /** The public point d·G, computed when the key was generated. */
    ECPoint publicPoint() {
        return w;
    }

    @Override
    String format() {
        return "PKCS#8";
    }

    @Override
    byte[] encoding() {
        return Sm2KeyEncoding.privateKey(s, w);
    }

    @Override
    KeyRep.Type type() {
        return KeyRep.Type.PRIVATE;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ECPrivateKey k) || !EcCurves.sameCurve(getParams(), k.getParams())) {
            return false;
        }
        BigInteger n = getParams().getOrder();
        int len = (n.bitLength() + 7) / 8;
        return MessageDigest.isEqual(HpreOperands.slot(s, len), HpreOperands.slot(k.getS().mod(n), len));
    }

    @Override
    public int hashCode() {
        return w.hashCode(); // public: equal keys have equal points
    }

    @Override
    public String toString() {
        return "SM2 private key (" + curve() + ")";
    }
}
