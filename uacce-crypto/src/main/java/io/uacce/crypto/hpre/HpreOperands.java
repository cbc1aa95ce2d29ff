package io.uacce.crypto.hpre;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Operand buffers of HPRE requests (spec §3.1-§3.4): every integer big-endian, right-aligned in a
 * fixed-width slot, zero-padded on the left; the key layouts in the orders the device reads them.
 */
public final class HpreOperands {
    /** Curve25519's a24 = (A - 2) / 4 = 121665, the "a" slot of an X25519 key. */
    public static final BigInteger A24_X25519 = BigInteger.valueOf(121665);
    /** Curve448's (A - 2) / 4 = 39081, the "a" slot of an X448 key. */
    public static final BigInteger A24_X448 = BigInteger.valueOf(39081);
    /** p = 2^255 - 19. */
    public static final BigInteger P25519 = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    /** p = 2^448 - 2^224 - 1. */
    public static final BigInteger P448 = BigInteger.TWO.pow(448).subtract(BigInteger.TWO.pow(224))
            .subtract(BigInteger.ONE);

    private HpreOperands() {
    }

    /** The ECC slot width for a field of {@code bits} bits: 32 (<= 256), 48 (<= 384), 72 (<= 576). */
    public static int eccSlot(int bits) {
        if (bits <= 0 || bits > 576) {
            throw new IllegalArgumentException("HPRE ECC supports fields of 1..576 bits, got " + bits);
        }
        return bits <= 256 ? 32 : bits <= 384 ? 48 : 72;
    }

    /** task_len1 of dw1 for a slot of {@code bytes}: bytes / 8 - 1. */
    public static int taskLen1(int bytes) {
        return bytes / 8 - 1;
    }

    /** {@code v} (0 <= v < 2^(8 width)) big-endian right-aligned in {@code width} bytes. */
    public static byte[] slot(BigInteger v, int width) {
        byte[] out = new byte[width];
        put(v, out, 0, width);
        return out;
    }

    /** Writes {@code v} big-endian right-aligned into {@code dst[off, off+width)}. */
    public static void put(BigInteger v, byte[] dst, int off, int width) {
        if (v.signum() < 0 || v.bitLength() > 8 * width) {
            throw new IllegalArgumentException("operand of " + v.bitLength() + " bits does not fit a " + width
                    + "-byte HPRE slot");
        }
        byte[] mag = v.toByteArray();
        int skip = mag.length > 0 && mag[0] == 0 ? 1 : 0;
        int len = mag.length - skip;
        Arrays.fill(dst, off, off + width - len, (byte) 0);
        System.arraycopy(mag, skip, dst, off + width - len, len);
    }

    /** The unsigned integer in slot {@code index} (of {@code width} bytes) of {@code buf}. */
    public static BigInteger get(byte[] buf, int index, int width) {
        return new BigInteger(1, buf, index * width, width);
    }

    /** Concatenated slots of equal width, in the order given. */
    public static byte[] slots(int width, BigInteger... values) {
        byte[] out = new byte[values.length * width];
        for (int i = 0; i < values.length; i++) {
            put(values[i], out, i * width, width);
        }
        return out;
    }

    /** RSA public key (alg 0x0): {@code e ‖ n}, k bytes each. */
    public static byte[] rsaPublicKey(BigInteger e, BigInteger n, int k) {
        return slots(k, e, n);
    }

    /** RSA private key, non-CRT (alg 0x0): {@code d ‖ n}, k bytes each. */
    public static byte[] rsaPrivateKey(BigInteger d, BigInteger n, int k) {
        return slots(k, d, n);
    }

    /** RSA CRT key (alg 0x1): {@code dq ‖ dp ‖ q ‖ p ‖ qinv}, k/2 bytes each. */
    public static byte[] rsaCrtKey(BigInteger dq, BigInteger dp, BigInteger q, BigInteger p, BigInteger qinv, int k) {
        return slots(k / 2, dq, dp, q, p, qinv);
    }

    /** DH key (alg 0x4/0x5): {@code x ‖ p}, k bytes each. */
    public static byte[] dhKey(BigInteger x, BigInteger p, int k) {
        return slots(k, x, p);
    }

    /** Short-Weierstrass curve y^2 = x^3 + ax + b over GF(p), order n, generator (gx, gy). */
    public record Curve(BigInteger p, BigInteger a, BigInteger b, BigInteger n, BigInteger gx, BigInteger gy) {
        /** The slot width of this curve's field. */
        public int slot() {
            return eccSlot(p.bitLength());
        }
    }

    /** Private-key ops (ECDSA/SM2 sign, SM2 decrypt): {@code p ‖ a ‖ d ‖ b ‖ n ‖ Gx ‖ Gy}. */
    public static byte[] eccPrivateKey(Curve c, BigInteger d) {
        if (d.compareTo(BigInteger.ONE) <= 0) {
            throw new IllegalArgumentException("HPRE ECC private key must be > 1");
        }
        return slots(c.slot(), c.p(), c.a(), d, c.b(), c.n(), c.gx(), c.gy());
    }

    /** Point multiply (alg 0xD), UADK's 5 slots: {@code p ‖ a ‖ k ‖ b ‖ n}. */
    public static byte[] eccMulKey(Curve c, BigInteger k) {
        return slots(c.slot(), c.p(), c.a(), k, c.b(), c.n());
    }

    /** Public-key ops (verify, SM2 encrypt): {@code p ‖ a ‖ b ‖ n ‖ Gx ‖ Gy ‖ Px ‖ Py}. */
    public static byte[] eccPublicKey(Curve c, BigInteger px, BigInteger py) {
        return slots(c.slot(), c.p(), c.a(), c.b(), c.n(), c.gx(), c.gy(), px, py);
    }

    /** A point as input/output: {@code x ‖ y}. */
    public static byte[] point(Curve c, BigInteger x, BigInteger y) {
        return slots(c.slot(), x, y);
    }

    /** ECDSA sign input: {@code e ‖ k}; refuses e = 0 and k = 0 (spec §3.3 software checks). */
    public static byte[] ecdsaSignInput(Curve c, BigInteger e, BigInteger k) {
        if (e.signum() == 0 || k.signum() == 0) {
            throw new IllegalArgumentException("HPRE ECDSA sign needs e != 0 and k != 0");
        }
        return slots(c.slot(), e, k);
    }

    /** ECDSA verify input: {@code e ‖ s ‖ r} (s before r). */
    public static byte[] ecdsaVerifyInput(Curve c, BigInteger e, BigInteger r, BigInteger s) {
        return slots(c.slot(), e, s, r);
    }

    /** ECDSA sign output {@code r ‖ s}: returns {r, s}. */
    public static BigInteger[] ecdsaSignOutput(Curve c, byte[] out) {
        int w = c.slot();
        return new BigInteger[] {get(out, 0, w), get(out, 1, w)};
    }

    /** Montgomery curves of §3.4. */
    public enum XCurve {
        X25519(32, 32, P25519, A24_X25519),
        X448(56, 72, P448, A24_X448);

        private final int bytes;
        private final int slot;
        private final BigInteger p;
        private final BigInteger a24;

        XCurve(int bytes, int slot, BigInteger p, BigInteger a24) {
            this.bytes = bytes;
            this.slot = slot;
            this.p = p;
            this.a24 = a24;
        }

        /** RFC 7748 scalar/u length (32 or 56). */
        public int bytes() {
            return bytes;
        }

        /** HPRE slot width (32 or 72). */
        public int slot() {
            return slot;
        }

        public BigInteger p() {
            return p;
        }

        public BigInteger a24() {
            return a24;
        }
    }

    /**
     * The X25519/X448 key {@code p ‖ a ‖ k} (UADK's 3 slots) from the RFC 7748 little-endian scalar:
     * reversed to big-endian, then clamped on the big-endian form.
     */
    public static byte[] xKey(XCurve c, byte[] scalarLe) {
        if (scalarLe.length != c.bytes()) {
            throw new IllegalArgumentException(c + " scalar must be " + c.bytes() + " bytes, got " + scalarLe.length);
        }
        byte[] k = reverse(scalarLe);
        if (c == XCurve.X25519) {
            k[31] &= (byte) 248;
            k[0] &= 127;
            k[0] |= 64;
        } else {
            k[55] &= (byte) 252;
            k[0] |= (byte) 128;
        }
        int w = c.slot();
        byte[] key = slots(w, c.p(), c.a24(), BigInteger.ZERO);
        System.arraycopy(k, 0, key, 3 * w - k.length, k.length);
        Arrays.fill(k, (byte) 0);
        return key;
    }

    /**
     * The input u slot from the RFC 7748 little-endian u: X25519 masks the top bit; both refuse
     * u = 0 and u >= p (as UADK's {@code u_is_in_p}).
     */
    public static byte[] xInput(XCurve c, byte[] uLe) {
        if (uLe.length != c.bytes()) {
            throw new IllegalArgumentException(c + " u must be " + c.bytes() + " bytes, got " + uLe.length);
        }
        byte[] u = reverse(uLe);
        if (c == XCurve.X25519) {
            u[0] &= 127;
        }
        BigInteger v = new BigInteger(1, u);
        if (v.signum() == 0 || v.compareTo(c.p()) >= 0) {
            throw new IllegalArgumentException(c + " u must be in 1..p-1 for HPRE");
        }
        return slot(v, c.slot());
    }

    /** The RFC 7748 little-endian result from the device's big-endian right-aligned output slot. */
    public static byte[] xOutput(XCurve c, byte[] out) {
        return reverse(Arrays.copyOfRange(out, c.slot() - c.bytes(), c.slot()));
    }

    static byte[] reverse(byte[] a) {
        byte[] r = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[a.length - 1 - i];
        }
        return r;
    }
}
