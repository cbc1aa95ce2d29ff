package io.uacce.crypto.hpre;

import java.io.NotSerializableException;
import java.io.ObjectStreamException;
import java.security.KeyRep;
import java.security.interfaces.ECKey;
import java.security.spec.ECParameterSpec;

/**
 * What the keys of {@link Sm2KeyPairGenerator} share: their curve, the algorithm name "EC" (as
 * BouncyCastle's SM2 keys, so any provider's EC classes take them), an encoding on sm2p256v1 only,
 * and serialization as that encoding ({@link KeyRep}, as the JDK's keys).
 */
abstract class Sm2Key implements ECKey, java.security.Key {
    private static final long serialVersionUID = 1L;

    private final transient ECParameterSpec params;

    Sm2Key(ECParameterSpec params) {
        this.params = params;
    }

    @Override
    public final ECParameterSpec getParams() {
        return params;
    }

    @Override
    public final String getAlgorithm() {
        return "EC";
    }

    /** On sm2p256v1 (the one curve with an encoding). */
    final boolean named() {
        return EcCurves.sameCurve(params, Sm2Curve.SPEC);
    }

    final String curve() {
        return named() ? "sm2p256v1" : params.getOrder().bitLength() + "-bit prime curve";
    }

    /** The format of the encoding on sm2p256v1, null on other curves. */
    abstract String format();

    abstract byte[] encoding();

    abstract KeyRep.Type type();

    @Override
    public final String getFormat() {
        return named() ? format() : null;
    }

    @Override
    public final byte[] getEncoded() {
        return named() ? encoding() : null;
    }

    final Object writeReplace() throws ObjectStreamException {
        if (!named()) {
            throw new NotSerializableException("SM2 key on a curve other than sm2p256v1 has no encoding");
        }
        return new KeyRep(type(), "EC", format(), encoding());
    }
}
