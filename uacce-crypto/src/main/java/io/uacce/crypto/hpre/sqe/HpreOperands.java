package io.uacce.crypto.hpre.sqe;

import java.math.BigInteger;

/**
 * HPRE operand buffers (spec §3.2–§3.4): every integer big-endian, right-aligned and zero-padded
 * in a fixed slot; keys are consecutive slots in the orders of §3.1/§3.3/§3.4. Pure functions on
 * byte arrays; the caller copies them into device memory.
 */
public final class HpreOperands {
    /** a = (A − 2) / 4 of Curve25519 (RFC 7748; UADK wd_ecc_curve.h). */
    public static final BigInteger A24_X25519 = BigInteger.valueOf(121665);
    /** a = (A − 2) / 4 of Curve448. */
    public static final BigInteger A24_X448 = BigInteger.valueOf(39081);

    private HpreOperands() {
    }

    /** ECC slot size hw_size for a curve whose field has {@code fieldBits} bits: 32, 48 or 72 (§3). */
    public static int eccSlot(int fieldBits) {
        if (fieldBits <= 0 || fieldBits > 576) {
            throw new IllegalArgumentException("HPRE ECC supports fields of up to 576 bits, got " + fieldBits);
        }
        return fieldBits <= 256 ? 32 : fieldBits <= 384 ? 48 : 72;
    }

    /** {@code v} (non-negative, at most {@code size} bytes) right-aligned in a slot of {@code size} bytes. */
    public static byte[] slot(BigInteger v, int size) {
        byte[] out = new byte[size];
        put(out, 0, size, v);
        return out;
    }

    /** Consecutive slots of {@code size} bytes holding {@code values} in order. */
    public static byte[] slots(int size, BigInteger... values) {
        byte[] out = new byte[size * values.length];
        for (int i = 0; i < values.length; i++) {
            put(out, i * size, size, values[i]);
        }
        return out;
    }

    /** Slot {@code index} of a buffer of {@code size}-byte slots, as an unsigned integer. */
    public static BigInteger read(byte[] buffer, int size, int index) {
        return new BigInteger(1, buffer, index * size, size);
    }

    /** Writes {@code v} big-endian, right-aligned, into {@code dst[off, off + size)} (which must be zero). */
    public static void put(byte[] dst, int off, int size, BigInteger v) {
        if (v.signum() < 0) {
            throw new IllegalArgumentException("HPRE operands are unsigned");
        }
        int bytes = (v.bitLength() + 7) / 8;
        if (bytes > size) {
            throw new IllegalArgumentException("operand of " + bytes + " bytes does not fit a " + size + "-byte slot");
        }
        byte[] b = v.toByteArray(); // may carry one leading sign byte
        System.arraycopy(b, b.length - bytes, dst, off + size - bytes, bytes);
    }

    /** alg 0x0 key: {@code exponent ‖ n}, k bytes each (public e or private d). */
    public static byte[] rsaKey(BigInteger exponent, BigInteger n, int k) {
        return slots(k, exponent, n);
    }

    /** alg 0x1 key: {@code dq ‖ dp ‖ q ‖ p ‖ qinv}, k/2 bytes each (kernel "dq->dp->q->p->qinv"). */
    public static byte[] rsaCrtKey(BigInteger dp, BigInteger dq, BigInteger p, BigInteger q, BigInteger qinv, int k) {
        return slots(k / 2, dq, dp, q, p, qinv);
    }

    /** alg 0x4/0x5 key: {@code x ‖ p}, k bytes each. */
    public static byte[] dhKey(BigInteger x, BigInteger p, int k) {
        return slots(k, x, p);
    }

    /** ECDSA/SM2 sign key (7 slots): {@code p ‖ a ‖ d ‖ b ‖ n ‖ Gx ‖ Gy} — d is the third slot. */
    public static byte[] eccPrivateKey(EcCurve c, BigInteger d) {
        return slots(c.slot(), c.p(), c.a(), d, c.b(), c.n(), c.gx(), c.gy());
    }

    /** Point-multiply key (UADK, 5 slots): {@code p ‖ a ‖ k ‖ b ‖ n}. */
    public static byte[] eccMultiplyKey(EcCurve c, BigInteger k) {
        return slots(c.slot(), c.p(), c.a(), k, c.b(), c.n());
    }

    /** Verify / SM2 encrypt key (8 slots): {@code p ‖ a ‖ b ‖ n ‖ Gx ‖ Gy ‖ Px ‖ Py}. */
    public static byte[] eccPublicKey(EcCurve c, BigInteger px, BigInteger py) {
        return slots(c.slot(), c.p(), c.a(), c.b(), c.n(), c.gx(), c.gy(), px, py);
    }

    /** Sign input: {@code e ‖ k}. */
    public static byte[] signInput(EcCurve c, BigInteger e, BigInteger k) {
        return slots(c.slot(), e, k);
    }

    /** Verify input: {@code e ‖ s ‖ r} (s before r). */
    public static byte[] verifyInput(EcCurve c, BigInteger e, BigInteger r, BigInteger s) {
        return slots(c.slot(), e, s, r);
    }

    /** X25519/X448 key (UADK, 3 slots): {@code p ‖ a24 ‖ k}, k the clamped scalar in big-endian. */
    public static byte[] xKey(boolean x448, byte[] scalarLe) {
        BigInteger p = x448 ? X448_P : X25519_P;
        return slots(x448 ? 72 : 32, p, x448 ? A24_X448 : A24_X25519, new BigInteger(1, reverse(clamp(x448, scalarLe))));
    }

    /** X25519/X448 input u: the RFC 7748 little-endian u reversed (X25519: top bit masked). */
    public static byte[] xInput(boolean x448, byte[] uLe) {
        byte[] u = uLe.clone();
        if (!x448) {
            u[31] &= 127;
        }
        return slot(new BigInteger(1, reverse(u)), x448 ? 72 : 32);
    }

    /** The little-endian u of an X25519/X448 output slot. */
    public static byte[] xOutput(boolean x448, byte[] out) {
        int len = x448 ? 56 : 32;
        return reverse(slot(read(out, out.length, 0), len));
    }

    public static final BigInteger X25519_P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    public static final BigInteger X448_P = BigInteger.TWO.pow(448).subtract(BigInteger.TWO.pow(224)).subtract(BigInteger.ONE);

    /** RFC 7748 clamping on the little-endian scalar (a copy). */
    public static byte[] clamp(boolean x448, byte[] scalarLe) {
        byte[] k = scalarLe.clone();
        if (k.length != (x448 ? 56 : 32)) {
            throw new IllegalArgumentException("X" + (x448 ? "448" : "25519") + " scalar must be " + (x448 ? 56 : 32)
                    + " bytes, got " + k.length);
        }
        if (x448) {
            k[0] &= (byte) 252;
            k[55] |= (byte) 128;
        } else {
            k[0] &= (byte) 248;
            k[31] &= 127;
            k[31] |= 64;
        }
        return k;
    }

    static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }
}
