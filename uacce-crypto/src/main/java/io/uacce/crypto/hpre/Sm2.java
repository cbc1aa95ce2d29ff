package io.uacce.crypto.hpre;

import io.uacce.crypto.hpre.sqe.EcCurve;
import io.uacce.crypto.hpre.sqe.HpreOperands;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * SM2 digital signatures (GB/T 32918.2-2016) on any prime curve: Z_A, and sign/verify of e in
 * software ({@link EcPoints}). The device path runs the same sign/verify as HPRE algs 0x12/0x13.
 */
final class Sm2 {
    private Sm2() {
    }

    /** SM3 (GB/T 32905) as a {@link MessageDigest}: the provider's own software SM3. */
    static MessageDigest sm3() {
        return new io.uacce.crypto.soft.Sm3Digest();
    }

    /** Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A), field elements at the field's byte length (GB/T 32918.2 section 5.5). */
    static byte[] za(byte[] id, EcCurve c, BigInteger px, BigInteger py) {
        MessageDigest md = sm3();
        int bits = id.length * 8;
        md.update((byte) (bits >>> 8));
        md.update((byte) bits);
        md.update(id);
        int w = (c.p().bitLength() + 7) / 8;
        for (BigInteger v : new BigInteger[] {c.a(), c.b(), c.gx(), c.gy(), px, py}) {
            md.update(HpreOperands.slot(v, w));
        }
        return md.digest();
    }

    /** The public point d·G of a private key. */
    static BigInteger[] publicPoint(EcCurve c, BigInteger d) {
        return EcPoints.multiply(c, d, c.gx(), c.gy());
    }

    /** GB/T 32918.2 section 6.1 with the nonce {@code k} in [1, n-1]: {r, s}, or null when k gives r = 0, r + k = n or s = 0 (draw again). */
    static BigInteger[] sign(EcCurve c, BigInteger d, BigInteger e, BigInteger k) {
        BigInteger n = c.n();
        BigInteger[] kg = EcPoints.multiply(c, k, c.gx(), c.gy());
        BigInteger r = e.add(kg[0]).mod(n);
        if (r.signum() == 0 || r.add(k).equals(n)) {
            return null;
        }
        BigInteger s = d.add(BigInteger.ONE).modInverse(n).multiply(k.subtract(r.multiply(d))).mod(n);
        return s.signum() == 0 ? null : new BigInteger[] {r, s};
    }

    static BigInteger[] sign(EcCurve c, BigInteger d, BigInteger e, SecureRandom random) {
        BigInteger[] rs;
        do {
            rs = sign(c, d, e, DevicePrimitives.nonce(c.n(), random));
        } while (rs == null);
        return rs;
    }

    /** GB/T 32918.2 section 7.1: r, s in [1, n-1], t = r + s ≠ 0 mod n, (x1, y1) = s·G + t·P_A, R = e + x1 = r (mod n). */
    static boolean verify(EcCurve c, BigInteger px, BigInteger py, BigInteger e, BigInteger r, BigInteger s) {
        BigInteger n = c.n();
        if (r.signum() <= 0 || r.compareTo(n) >= 0 || s.signum() <= 0 || s.compareTo(n) >= 0) {
            return false;
        }
        BigInteger t = r.add(s).mod(n);
        if (t.signum() == 0) {
            return false;
        }
        BigInteger[] x = EcPoints.multiplyAdd(c, s, t, px, py);
        return x != null && e.add(x[0]).mod(n).equals(r);
    }
}
