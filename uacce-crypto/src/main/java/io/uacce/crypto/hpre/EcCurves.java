package io.uacce.crypto.hpre;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECField;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;

/** Checks on public EC data before any primitive sees it (the device reports these only as error completions). */
final class EcCurves {
    private EcCurves() {
    }

    static BigInteger prime(ECParameterSpec p) throws InvalidKeyException {
        ECField f = p.getCurve().getField();
        if (!(f instanceof ECFieldFp fp)) {
            throw new InvalidKeyException("only prime-field curves are supported");
        }
        return fp.getP();
    }

    /** The key's point is affine, reduced and on its curve: y^2 = x^3 + ax + b (mod p). */
    static void checkOnCurve(ECPublicKey k) throws InvalidKeyException {
        ECParameterSpec spec = k.getParams();
        BigInteger p = prime(spec);
        ECPoint w = k.getW();
        if (w == null || w.equals(ECPoint.POINT_INFINITY)) {
            throw new InvalidKeyException("EC public key is the point at infinity");
        }
        BigInteger x = w.getAffineX(), y = w.getAffineY();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            throw new InvalidKeyException("EC public key coordinates out of range");
        }
        if (!onCurve(spec, p, x, y)) {
            throw new InvalidKeyException("EC public key point is not on its curve");
        }
    }

    /** y^2 = x^3 + ax + b (mod p) for reduced coordinates 0 <= x, y < p. */
    static boolean onCurve(ECParameterSpec spec, BigInteger p, BigInteger x, BigInteger y) {
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger a = spec.getCurve().getA(), b = spec.getCurve().getB();
        BigInteger lhs = y.multiply(y).mod(p);
        BigInteger rhs = x.multiply(x).multiply(x).add(a.multiply(x)).add(b).mod(p);
        return lhs.equals(rhs);
    }

    /** Both parameter sets describe the same prime curve and generator. */
    static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
        return a.getCurve().getField() instanceof ECFieldFp fa && b.getCurve().getField() instanceof ECFieldFp fb
                && fa.getP().equals(fb.getP()) && a.getCurve().getA().equals(b.getCurve().getA())
                && a.getCurve().getB().equals(b.getCurve().getB()) && a.getOrder().equals(b.getOrder())
                && a.getGenerator().equals(b.getGenerator()) && a.getCofactor() == b.getCofactor();
    }

    /** Both parameter sets describe the same curve and generator. */
    static void checkSameCurve(ECParameterSpec a, ECParameterSpec b) throws InvalidKeyException {
        prime(a);
        prime(b);
        if (!sameCurve(a, b)) {
            throw new InvalidKeyException("EC public key is on a different curve than the private key");
        }
    }
}
