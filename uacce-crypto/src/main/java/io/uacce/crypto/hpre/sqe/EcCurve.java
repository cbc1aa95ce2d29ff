package io.uacce.crypto.hpre.sqe;

import java.math.BigInteger;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.EllipticCurve;

/** A prime short-Weierstrass curve y² = x³ + ax + b over F_p as the HPRE key layouts need it. */
public record EcCurve(BigInteger p, BigInteger a, BigInteger b, BigInteger n, BigInteger gx, BigInteger gy) {

    /** The curve of a JCA parameter spec (prime fields only). */
    public static EcCurve of(ECParameterSpec spec) {
        EllipticCurve c = spec.getCurve();
        if (!(c.getField() instanceof ECFieldFp f)) {
            throw new IllegalArgumentException("HPRE supports prime-field curves only");
        }
        return new EcCurve(f.getP(), c.getA(), c.getB(), spec.getOrder(), spec.getGenerator().getAffineX(),
                spec.getGenerator().getAffineY());
    }

    /** hw_size: the slot size of this curve's operands (32/48/72). */
    public int slot() {
        return HpreOperands.eccSlot(p.bitLength());
    }
}
