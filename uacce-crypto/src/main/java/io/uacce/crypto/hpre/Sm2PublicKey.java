package io.uacce.crypto.hpre;

import java.security.KeyRep;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;

/** The public key of {@link Sm2KeyPairGenerator}: X.509 on sm2p256v1, unencoded (null) on other curves. */
final class Sm2PublicKey extends Sm2Key implements ECPublicKey {
    private static final long serialVersionUID = 1L;

    private final transient ECPoint w;

    Sm2PublicKey(ECParameterSpec params, ECPoint w) {
        super(params);
        this.w = w;
    }

    @Override
    public ECPoint getW() {
        return w;
    }

    @Override
    String format() {
        return "X.509";
    }

    @Override
    byte[] encoding() {
        return Sm2KeyEncoding.publicKey(w);
    }

    @Override
    KeyRep.Type type() {
        return KeyRep.Type.PUBLIC;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ECPublicKey k && w.equals(k.getW()) && EcCurves.sameCurve(getParams(), k.getParams());
    }

    @Override
    public int hashCode() {
        return w.hashCode();
    }

    @Override
    public String toString() {
        return "SM2 public key (" + curve() + "), x " + w.getAffineX().toString(16) + ", y " + w.getAffineY().toString(16);
    }
}
