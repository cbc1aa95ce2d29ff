package io.uacce.stubs.model;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The hisi_hpre engine (HPRE spec §3), with {@link BigInteger} for RSA/DH/X25519/X448 and
 * BouncyCastle's EC arithmetic for the short-Weierstrass curves as the "silicon". Written from the
 * spec alone: the 64-byte SQE (little-endian words), operands big-endian and right-aligned in
 * fixed slots, the key orders of §3.1/§3.3/§3.4. The request writes done = 1; the engine writes
 * done = 3 and etype/etype1 (0 = success, else an {@link HpreStatus} code); the ECDSA/SM2 verify
 * verdict goes into dw6 bit 1. Nothing but dw0 (and dw6 for a verify) is written in the SQE.
 */
final class HpreEngine implements SqeProcessor {
    private static final ValueLayout.OfInt DW = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static final int RSA_NCRT = 0x0;
    static final int RSA_CRT = 0x1;
    static final int RSA_KEYGEN = 0x2;
    static final int RSA_KEYGEN_CRT = 0x3;
    static final int DH_G2 = 0x4;
    static final int DH = 0x5;
    static final int ECC_MUL = 0xD;
    static final int ECDSA_SIGN = 0xE;
    static final int ECDSA_VERIFY = 0xF;
    static final int X_DH = 0x10;
    static final int SM2_SIGN = 0x12;
    static final int SM2_VERIFY = 0x13;

    private static final BigInteger TWO = BigInteger.TWO;

    private final ModelApi api;
    private final int qcType;
    private final ModelDeviceMemory memory;
    private final Staging staging = new Staging();
    private final SecureRandom random = new SecureRandom();

    HpreEngine(ModelApi api, int qcType, ModelDeviceMemory memory) {
        this.api = api;
        this.qcType = qcType;
        this.memory = memory;
    }

    /**
     * sysfs {@code algorithms} (§1.1): V1/V2 "rsa\ndh"; V3 the capability-bitmap era order
     * rsa, dh, ecdh, ecdsa, sm2, x25519, x448 (the model picks that era).
     */
    static List<String> algorithms(ModelApi api) {
        return api == ModelApi.V3 ? List.of("rsa", "dh", "ecdh", "ecdsa", "sm2", "x25519", "x448")
                : List.of("rsa", "dh");
    }

    /** A request the engine refuses, with the etype it reports. */
    private static final class Refused extends Exception {
        final int etype;

        Refused(int etype) {
            super(null, null, false, false);
            this.etype = etype;
        }
    }

    @Override
    public void process(MemorySegment sqe) {
        int dw0 = sqe.get(DW, 0);
        int alg = dw0 & 0x1F;
        int etype = 0;
        int etype1 = 0;
        try {
            run(sqe, alg);
        } catch (Refused r) {
            etype = r.etype;
        } catch (AddressFault f) {
            etype = HpreStatus.ADDRESS;
            etype1 = HpreStatus.ETYPE1_SVA_ERROR;
        }
        sqe.set(DW, 0, alg | (etype & 0x7FF) << 5 | (etype1 & 0x3FFF) << 16 | 3 << 30);
    }

    private void run(MemorySegment sqe, int alg) throws Refused, AddressFault {
        boolean rsaDh = alg <= DH;
        boolean ecc = alg >= 0xB && alg <= 0x15;
        if (!rsaDh && !ecc) {
            throw new Refused(HpreStatus.BAD_ALG);
        }
        if (ecc && api != ModelApi.V3) {
            throw new Refused(HpreStatus.BAD_ALG); // V2 silicon has no ECC engine (§5)
        }
        if ((rsaDh && qcType != 0) || (ecc && qcType != 1)) {
            throw new Refused(HpreStatus.QUEUE_TYPE); // [inferred] the queue type selects the engine (§6)
        }
        int dw1 = sqe.get(DW, 4);
        int size = ((dw1 & 0xFF) + 1) * 8;
        long key = address(sqe, 2);
        long in = address(sqe, 4);
        long out = address(sqe, 6);
        switch (alg) {
            case RSA_NCRT -> {
                requireRsaSize(size);
                BigInteger[] k = read(key, size, 2);
                BigInteger x = read(in, size, 1)[0];
                requireModulus(k[1]);
                requireExponent(k[0]);
                requireBelow(x, k[1]);
                write(out, size, x.modPow(k[0], k[1]));
            }
            case RSA_CRT -> {
                requireRsaSize(size);
                BigInteger[] k = read(key, size / 2, 5); // dq dp q p qinv
                BigInteger c = read(in, size, 1)[0];
                BigInteger q = k[2];
                BigInteger p = k[3];
                requireModulus(p);
                requireModulus(q);
                requireExponent(k[0]);
                requireExponent(k[1]);
                requireBelow(c, p.multiply(q));
                BigInteger m1 = c.modPow(k[1], p);
                BigInteger m2 = c.modPow(k[0], q);
                BigInteger h = k[4].multiply(m1.subtract(m2)).mod(p);
                write(out, size, m2.add(h.multiply(q)));
            }
            case RSA_KEYGEN, RSA_KEYGEN_CRT -> {
                requireRsaSize(size);
                BigInteger e = read(key, size, 1)[0];
                BigInteger[] pq = read(key + size, size / 2, 2);
                BigInteger p = pq[0];
                BigInteger q = pq[1];
                requireModulus(p);
                requireModulus(q);
                requireExponent(e);
                BigInteger p1 = p.subtract(BigInteger.ONE);
                BigInteger q1 = q.subtract(BigInteger.ONE);
                BigInteger lambda = p1.divide(p1.gcd(q1)).multiply(q1); // [inferred] d mod lcm(p-1, q-1)
                if (!e.gcd(lambda).equals(BigInteger.ONE)) {
                    throw new Refused(HpreStatus.BAD_PARAM);
                }
                BigInteger d = e.modInverse(lambda);
                BigInteger n = p.multiply(q);
                if (alg == RSA_KEYGEN) {
                    write(out, size, d, n);
                } else {
                    write(out, size, d, n);
                    write(out + 2L * size, size / 2, q.modInverse(p), d.mod(q1), d.mod(p1));
                }
            }
            case DH_G2, DH -> {
                requireDhSize(size);
                BigInteger[] k = read(key, size, 2); // x p
                BigInteger g = alg == DH_G2 ? TWO : read(in, size, 1)[0];
                requireModulus(k[1]);
                requireExponent(k[0]);
                requireBelow(g, k[1]);
                if (g.signum() == 0) {
                    throw new Refused(HpreStatus.BAD_PARAM);
                }
                write(out, size, g.modPow(k[0], k[1]));
            }
            case ECC_MUL -> {
                requireEccSize(size);
                BigInteger[] k = read(key, size, 4); // p a k b ([inferred] n, if sent, is not needed)
                ECCurve curve = curve(k[0], k[1], k[3], null);
                BigInteger[] xy = read(in, size, 2);
                ECPoint r = point(curve, xy[0], xy[1]).multiply(scalar(k[2])).normalize();
                if (r.isInfinity()) {
                    throw new Refused(HpreStatus.BAD_PARAM);
                }
                write(out, size, r.getAffineXCoord().toBigInteger(), r.getAffineYCoord().toBigInteger());
            }
            case ECDSA_SIGN, SM2_SIGN -> {
                requireEccSize(size);
                BigInteger[] k = read(key, size, 7); // p a d b n Gx Gy
                ECCurve curve = curve(k[0], k[1], k[3], k[4]);
                ECPoint g = point(curve, k[5], k[6]);
                BigInteger n = k[4];
                BigInteger d = k[2];
                if (d.compareTo(BigInteger.ONE) <= 0 || d.compareTo(n) >= 0) {
                    throw new Refused(HpreStatus.BAD_PARAM);
                }
                BigInteger[] ek = read(in, size, 2); // e k
                BigInteger e = ek[0];
                boolean hardwareK = alg == SM2_SIGN && (sqe.get(DW, 4) & (1 << 25)) != 0;
                BigInteger nonce = hardwareK ? new BigInteger(n.bitLength() + 64, random).mod(n.subtract(BigInteger.ONE))
                        .add(BigInteger.ONE) : ek[1];
                if (nonce.signum() == 0 || nonce.compareTo(n) >= 0) {
                    throw new Refused(HpreStatus.BAD_PARAM);
                }
                BigInteger x1 = g.multiply(nonce).normalize().getAffineXCoord().toBigInteger();
                BigInteger r;
                BigInteger s;
                if (alg == ECDSA_SIGN) {
                    r = x1.mod(n);
                    s = nonce.modInverse(n).multiply(e.add(r.multiply(d))).mod(n);
                } else {
                    r = e.add(x1).mod(n);
                    if (r.signum() == 0 || r.add(nonce).equals(n)) {
                        throw new Refused(HpreStatus.BAD_PARAM);
                    }
                    s = d.add(BigInteger.ONE).modInverse(n).multiply(nonce.subtract(r.multiply(d))).mod(n);
                }
                if (r.signum() == 0 || s.signum() == 0) {
                    throw new Refused(HpreStatus.BAD_PARAM);
                }
                write(out, size, r, s);
            }
            case ECDSA_VERIFY, SM2_VERIFY -> {
                requireEccSize(size);
                BigInteger[] k = read(key, size, 8); // p a b n Gx Gy Px Py
                ECCurve curve = curve(k[0], k[1], k[2], k[3]);
                ECPoint g = point(curve, k[4], k[5]);
                ECPoint pub = point(curve, k[6], k[7]);
                BigInteger n = k[3];
                BigInteger[] esr = read(in, size, 3); // e s r (s before r)
                boolean valid = alg == ECDSA_VERIFY ? ecdsaValid(g, pub, n, esr[0], esr[2], esr[1])
                        : sm2Valid(g, pub, n, esr[0], esr[2], esr[1]);
                int dw6 = sqe.get(DW, 24);
                sqe.set(DW, 24, valid ? dw6 | 2 : dw6 & ~2);
            }
            case X_DH -> {
                requireEccSize(size);
                BigInteger[] k = read(key, size, 3); // p a24 k
                BigInteger u = read(in, size, 1)[0];
                BigInteger p = k[0];
                if (!p.testBit(0) || p.bitLength() < 2) {
                    throw new Refused(HpreStatus.BAD_PARAM);
                }
                if (u.signum() == 0 || u.compareTo(p) >= 0) {
                    throw new Refused(HpreStatus.BAD_PARAM); // u = 0 and u >= p are refused (§3.4, §6)
                }
                write(out, size, ladder(p, k[1], k[2], u, size * 8));
            }
            default -> throw new Refused(HpreStatus.BAD_ALG); // 0x6-0xC, SM2 keygen/enc/dec: not modelled
        }
    }

    private static boolean ecdsaValid(ECPoint g, ECPoint pub, BigInteger n, BigInteger e, BigInteger r, BigInteger s) {
        if (r.signum() <= 0 || r.compareTo(n) >= 0 || s.signum() <= 0 || s.compareTo(n) >= 0) {
            return false;
        }
        BigInteger w = s.modInverse(n);
        ECPoint x = g.multiply(e.multiply(w).mod(n)).add(pub.multiply(r.multiply(w).mod(n))).normalize();
        return !x.isInfinity() && x.getAffineXCoord().toBigInteger().mod(n).equals(r);
    }

    private static boolean sm2Valid(ECPoint g, ECPoint pub, BigInteger n, BigInteger e, BigInteger r, BigInteger s) {
        if (r.signum() <= 0 || r.compareTo(n) >= 0 || s.signum() <= 0 || s.compareTo(n) >= 0) {
            return false;
        }
        BigInteger t = r.add(s).mod(n);
        if (t.signum() == 0) {
            return false;
        }
        ECPoint x = g.multiply(s).add(pub.multiply(t)).normalize();
        return !x.isInfinity() && e.add(x.getAffineXCoord().toBigInteger()).mod(n).equals(r);
    }

    /**
     * The Montgomery ladder of RFC 7748 §5 on the big-endian scalar as given (software clamps it
     * before sending, §3.4), over every bit of the slot; a24 is the key's second slot.
     */
    static BigInteger ladder(BigInteger p, BigInteger a24, BigInteger k, BigInteger u, int bits) {
        BigInteger x1 = u;
        BigInteger[] r = {BigInteger.ONE, BigInteger.ZERO, u, BigInteger.ONE}; // x2 z2 x3 z3
        for (int t = bits - 1; t >= 0; t--) {
            boolean bit = k.testBit(t);
            swap(r, bit);
            BigInteger a = r[0].add(r[1]).mod(p);
            BigInteger aa = a.multiply(a).mod(p);
            BigInteger b = r[0].subtract(r[1]).mod(p);
            BigInteger bb = b.multiply(b).mod(p);
            BigInteger e = aa.subtract(bb).mod(p);
            BigInteger c = r[2].add(r[3]).mod(p);
            BigInteger d = r[2].subtract(r[3]).mod(p);
            BigInteger da = d.multiply(a).mod(p);
            BigInteger cb = c.multiply(b).mod(p);
            r[2] = da.add(cb).pow(2).mod(p);
            r[3] = x1.multiply(da.subtract(cb).pow(2)).mod(p);
            r[0] = aa.multiply(bb).mod(p);
            r[1] = e.multiply(aa.add(a24.multiply(e))).mod(p);
            swap(r, bit);
        }
        BigInteger x2 = r[0];
        BigInteger z2 = r[1];
        return x2.multiply(z2.modPow(p.subtract(TWO), p)).mod(p);
    }

    /** Exchanges (x2, z2) with (x3, z3) when {@code bit} is set. */
    private static void swap(BigInteger[] r, boolean bit) {
        if (bit) {
            BigInteger x = r[0];
            BigInteger z = r[1];
            r[0] = r[2];
            r[1] = r[3];
            r[2] = x;
            r[3] = z;
        }
    }

    private static ECCurve curve(BigInteger p, BigInteger a, BigInteger b, BigInteger n) throws Refused {
        if (p.bitLength() < 3 || !p.testBit(0) || a.compareTo(p) >= 0 || b.compareTo(p) >= 0
                || (n != null && n.signum() <= 0)) {
            throw new Refused(HpreStatus.BAD_PARAM);
        }
        return new ECCurve.Fp(p, a, b, n, n == null ? null : BigInteger.ONE, true);
    }

    private static ECPoint point(ECCurve curve, BigInteger x, BigInteger y) throws Refused {
        try {
            return curve.validatePoint(x, y);
        } catch (IllegalArgumentException notOnCurve) {
            throw new Refused(HpreStatus.NOT_ON_CURVE);
        }
    }

    private static BigInteger scalar(BigInteger k) throws Refused {
        if (k.signum() == 0) {
            throw new Refused(HpreStatus.BAD_PARAM);
        }
        return k;
    }

    private static void requireRsaSize(int size) throws Refused {
        if (size != 128 && size != 256 && size != 384 && size != 512) {
            throw new Refused(HpreStatus.BAD_LENGTH); // RSA 1024/2048/3072/4096 (§3.2)
        }
    }

    private static void requireDhSize(int size) throws Refused {
        if (size != 96 && size != 128 && size != 192 && size != 256 && size != 384 && size != 512) {
            throw new Refused(HpreStatus.BAD_LENGTH); // DH 768/1024/1536/2048/3072/4096 (§3.2)
        }
    }

    private static void requireEccSize(int size) throws Refused {
        if (size != 32 && size != 48 && size != 72) {
            throw new Refused(HpreStatus.BAD_LENGTH); // hw_size 32/48/72 (§3)
        }
    }

    private static void requireModulus(BigInteger m) throws Refused {
        if (!m.testBit(0) || m.bitLength() < 2) {
            throw new Refused(HpreStatus.BAD_PARAM); // even (or trivial) modulus (§6)
        }
    }

    private static void requireExponent(BigInteger d) throws Refused {
        if (d.compareTo(BigInteger.ONE) <= 0) {
            throw new Refused(HpreStatus.BAD_PARAM); // d <= 1 (§6)
        }
    }

    private static void requireBelow(BigInteger x, BigInteger m) throws Refused {
        if (x.compareTo(m) >= 0) {
            throw new Refused(HpreStatus.BAD_PARAM); // input >= modulus (§6)
        }
    }

    private static long address(MemorySegment sqe, int dw) {
        return Integer.toUnsignedLong(sqe.get(DW, 4L * dw)) | (long) sqe.get(DW, 4L * dw + 4) << 32;
    }

    /** Reads {@code count} consecutive big-endian slots of {@code size} bytes. */
    private BigInteger[] read(long address, int size, int count) throws AddressFault {
        MemorySegment buf = staging.get((long) size * count);
        memory.read(address, buf, buf.byteSize());
        byte[] all = buf.toArray(ValueLayout.JAVA_BYTE);
        BigInteger[] v = new BigInteger[count];
        for (int i = 0; i < count; i++) {
            v[i] = new BigInteger(1, Arrays.copyOfRange(all, i * size, (i + 1) * size));
        }
        return v;
    }

    /** Writes values as consecutive big-endian right-aligned slots of {@code size} bytes. */
    private void write(long address, int size, BigInteger... values) throws AddressFault {
        byte[] all = new byte[size * values.length];
        for (int i = 0; i < values.length; i++) {
            byte[] b = values[i].toByteArray();
            int len = Math.min(b.length, size);
            System.arraycopy(b, b.length - len, all, (i + 1) * size - len, len);
        }
        MemorySegment buf = staging.get(all.length);
        MemorySegment.copy(all, 0, buf, ValueLayout.JAVA_BYTE, 0, all.length);
        memory.write(address, buf, all.length);
    }

    @Override
    public void close() {
        staging.close();
    }
}
