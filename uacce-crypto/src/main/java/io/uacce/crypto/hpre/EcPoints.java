package io.uacce.crypto.hpre;

import io.uacce.crypto.hpre.sqe.EcCurve;
import java.math.BigInteger;

/**
 * Point arithmetic on a prime short-Weierstrass curve in Jacobian coordinates, for the software
 * side of what the JDK does not offer (SM2). Scalar multiplication is a Montgomery ladder: one
 * addition and one doubling per bit of the order, whatever the bit, the operands chosen by index
 * rather than by a branch. It uses {@link BigInteger}, whose arithmetic is not constant-time: like
 * every pure-Java implementation of a curve the JDK lacks, this path is not hardened against
 * timing attacks (the HPRE device path is the hardened one). Points are {x, y} affine, null = infinity.
 */
final class EcPoints {
    private EcPoints() {
    }

    /** Jacobian (X, Y, Z); Z = 0 is the point at infinity. */
    private record J(BigInteger x, BigInteger y, BigInteger z) {
        boolean infinity() {
            return z.signum() == 0;
        }
    }

    private static final J INFINITY = new J(BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO);

    private static J twice(EcCurve c, J q) {
        BigInteger p = c.p();
        if (q.infinity() || q.y().signum() == 0) {
            return INFINITY;
        }
        BigInteger yy = q.y().multiply(q.y()).mod(p);
        BigInteger zz = q.z().multiply(q.z()).mod(p);
        BigInteger s = q.x().multiply(yy).shiftLeft(2).mod(p);
        BigInteger m = q.x().multiply(q.x()).multiply(BigInteger.valueOf(3)).add(c.a().multiply(zz).multiply(zz)).mod(p);
        BigInteger x3 = m.multiply(m).subtract(s.shiftLeft(1)).mod(p);
        BigInteger y3 = m.multiply(s.subtract(x3)).subtract(yy.multiply(yy).shiftLeft(3)).mod(p);
        BigInteger z3 = q.y().multiply(q.z()).shiftLeft(1).mod(p);
        return new J(x3, y3, z3);
    }

    private static J sum(EcCurve c, J a, J b) {
        if (a.infinity()) {
            return b;
        }
        if (b.infinity()) {
            return a;
        }
        BigInteger p = c.p();
        BigInteger z1z1 = a.z().multiply(a.z()).mod(p);
        BigInteger z2z2 = b.z().multiply(b.z()).mod(p);
        BigInteger u1 = a.x().multiply(z2z2).mod(p);
        BigInteger u2 = b.x().multiply(z1z1).mod(p);
        BigInteger s1 = a.y().multiply(b.z()).multiply(z2z2).mod(p);
        BigInteger s2 = b.y().multiply(a.z()).multiply(z1z1).mod(p);
        if (u1.equals(u2)) {
            return s1.equals(s2) ? twice(c, a) : INFINITY;
        }
        BigInteger h = u2.subtract(u1).mod(p);
        BigInteger r = s2.subtract(s1).mod(p);
        BigInteger hh = h.multiply(h).mod(p);
        BigInteger hhh = hh.multiply(h).mod(p);
        BigInteger v = u1.multiply(hh).mod(p);
        BigInteger x3 = r.multiply(r).subtract(hhh).subtract(v.shiftLeft(1)).mod(p);
        BigInteger y3 = r.multiply(v.subtract(x3)).subtract(s1.multiply(hhh)).mod(p);
        BigInteger z3 = h.multiply(a.z()).multiply(b.z()).mod(p);
        return new J(x3, y3, z3);
    }

    private static BigInteger[] affine(EcCurve c, J q) {
        if (q.infinity()) {
            return null;
        }
        BigInteger zi = q.z().modInverse(c.p());
        BigInteger zi2 = zi.multiply(zi).mod(c.p());
        return new BigInteger[] {q.x().multiply(zi2).mod(c.p()), q.y().multiply(zi2).multiply(zi).mod(c.p())};
    }

    private static J ladder(EcCurve c, BigInteger k, J base) {
        J[] r = {INFINITY, base};
        for (int i = Math.max(c.n().bitLength(), k.bitLength()) - 1; i >= 0; i--) {
            int b = k.testBit(i) ? 1 : 0;
            r[1 - b] = sum(c, r[0], r[1]);
            r[b] = twice(c, r[b]);
        }
        return r[0];
    }

    /** k·(x, y); null for the point at infinity. */
    static BigInteger[] multiply(EcCurve c, BigInteger k, BigInteger x, BigInteger y) {
        return affine(c, ladder(c, k, new J(x, y, BigInteger.ONE)));
    }

    /** u·G + v·(x, y) (public scalars: verification); null for infinity. */
    static BigInteger[] multiplyAdd(EcCurve c, BigInteger u, BigInteger v, BigInteger x, BigInteger y) {
        return affine(c, sum(c, ladder(c, u, new J(c.gx(), c.gy(), BigInteger.ONE)),
                ladder(c, v, new J(x, y, BigInteger.ONE))));
    }
}
