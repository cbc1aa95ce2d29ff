package io.uacce.crypto.hpre;

import io.uacce.crypto.hpre.sqe.EcCurve;
import io.uacce.crypto.hpre.sqe.HpreOperands;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Arrays;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.CipherSpi;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.ShortBufferException;

/**
 * {@code Cipher "SM2"}: the public-key encryption of GB/T 32918.4-2016 with SM3 (KDF and C3), on
 * any prime curve the key carries (the SM2 curve of GB/T 32918.5, the test curves of 32918.4).
 * Ciphertext {@code C1 ‖ C2 ‖ C3} with C1 = {@code 04 ‖ x1 ‖ y1} (uncompressed, field-size
 * coordinates) — BouncyCastle's {@code Cipher "SM2"} and UADK's HPRE buffer order — or, with the
 * mode {@code C1C3C2} ({@code "SM2/C1C3C2/NoPadding"}), the order of the 2016 standard. The point
 * multiplications (C1 = k·G, k·P_B; d_B·C1) are the primitives' {@link PkPrimitives#ecMultiply}
 * (HPRE alg 0xD on the device, as UADK composes SM2 encryption from point multiplies), the KDF and
 * hashes software. A ciphertext that fails any check (C1 off the curve, C3 mismatch, short input)
 * is a {@link BadPaddingException} that does not say which check failed.
 */
public final class Sm2Cipher extends CipherSpi {
    private static final int C3 = 32; // SM3

    private final PkPrimitives prims;
    private boolean c1c3c2;
    private boolean encrypt;
    private ECKey key;
    private SecureRandom random;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    Sm2Cipher(PkPrimitives prims) {
        this.prims = prims;
    }

    @Override
    protected void engineSetMode(String mode) throws NoSuchAlgorithmException {
        switch (mode.toUpperCase(java.util.Locale.ROOT)) {
            case "NONE", "ECB", "C1C2C3" -> c1c3c2 = false;
            case "C1C3C2" -> c1c3c2 = true;
            default -> throw new NoSuchAlgorithmException("SM2 modes: C1C2C3 (default) or C1C3C2, got " + mode);
        }
    }

    @Override
    protected void engineSetPadding(String padding) throws NoSuchPaddingException {
        if (!"NoPadding".equalsIgnoreCase(padding)) {
            throw new NoSuchPaddingException("SM2 takes no padding, got " + padding);
        }
    }

    @Override
    protected int engineGetBlockSize() {
        return 0;
    }

    private int w() {
        return key == null ? 0 : (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
    }

    @Override
    protected int engineGetOutputSize(int inputLen) {
        int over = 1 + 2 * w() + C3, total = buf.size() + inputLen;
        return encrypt ? total + over : Math.max(0, total - over);
    }

    @Override
    protected byte[] engineGetIV() {
        return null;
    }

    @Override
    protected AlgorithmParameters engineGetParameters() {
        return null;
    }

    @Override
    protected void engineInit(int opmode, Key k, SecureRandom rnd) throws InvalidKeyException {
        boolean enc = opmode == Cipher.ENCRYPT_MODE || opmode == Cipher.WRAP_MODE;
        if (enc ? !(k instanceof ECPublicKey) : !(k instanceof ECPrivateKey)) {
            throw new InvalidKeyException("SM2 " + (enc ? "encryption takes an ECPublicKey" : "decryption takes an"
                    + " ECPrivateKey") + ", got " + (k == null ? "null" : k.getClass().getName()));
        }
        EcCurves.prime(((ECKey) k).getParams());
        if (k instanceof ECPublicKey pub) {
            EcCurves.checkOnCurve(pub);
        } else {
            BigInteger d = ((ECPrivateKey) k).getS();
            if (d.signum() <= 0 || d.compareTo(((ECKey) k).getParams().getOrder()) >= 0) {
                throw new InvalidKeyException("SM2 private key out of [1, n-1]");
            }
        }
        encrypt = enc;
        key = (ECKey) k;
        random = rnd;
        buf.reset();
    }

    private void initWithout(Object params, int opmode, Key k, SecureRandom rnd)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        if (params != null) {
            throw new InvalidAlgorithmParameterException("SM2 takes no parameters");
        }
        engineInit(opmode, k, rnd);
    }

    @Override
    protected void engineInit(int opmode, Key k, AlgorithmParameterSpec params, SecureRandom rnd)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        initWithout(params, opmode, k, rnd);
    }

    @Override
    protected void engineInit(int opmode, Key k, AlgorithmParameters params, SecureRandom rnd)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        initWithout(params, opmode, k, rnd);
    }

    @Override
    protected byte[] engineUpdate(byte[] in, int off, int len) {
        if (key == null) {
            throw new IllegalStateException("SM2 cipher not initialised");
        }
        buf.write(in, off, len);
        return new byte[0];
    }

    @Override
    protected int engineUpdate(byte[] in, int off, int len, byte[] out, int outOff) {
        engineUpdate(in, off, len);
        return 0;
    }

    @Override
    protected byte[] engineDoFinal(byte[] in, int off, int len) throws IllegalBlockSizeException, BadPaddingException {
        engineUpdate(in, off, len);
        byte[] data = buf.toByteArray();
        buf.reset();
        try {
            return encrypt ? encrypt(data) : decrypt(data);
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new java.security.ProviderException("SM2 " + (encrypt ? "encryption" : "decryption") + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(data, (byte) 0);
        }
    }

    @Override
    protected int engineDoFinal(byte[] in, int off, int len, byte[] out, int outOff)
            throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
        if (out.length - outOff < engineGetOutputSize(len)) {
            throw new ShortBufferException("SM2 needs " + engineGetOutputSize(len) + " bytes of output");
        }
        byte[] r = engineDoFinal(in, off, len);
        System.arraycopy(r, 0, out, outOff, r.length);
        return r.length;
    }

    /** GB/T 32918.4 section 5.4.3: KDF(Z, klen) = H(Z ‖ 1) ‖ H(Z ‖ 2) ‖ ..., truncated to klen bytes, counters 32-bit big-endian. */
    static byte[] kdf(byte[] z, int klen) {
        byte[] t = new byte[klen];
        MessageDigest md = Sm2.sm3();
        for (int ct = 1, off = 0; off < klen; ct++, off += C3) {
            md.update(z);
            md.update(new byte[] {(byte) (ct >>> 24), (byte) (ct >>> 16), (byte) (ct >>> 8), (byte) ct});
            byte[] h = md.digest();
            System.arraycopy(h, 0, t, off, Math.min(C3, klen - off));
        }
        return t;
    }

    private static boolean allZero(byte[] t) {
        int acc = 0;
        for (byte b : t) {
            acc |= b;
        }
        return acc == 0;
    }

    private static byte[] c3(byte[] x2, byte[] m, byte[] y2) {
        MessageDigest md = Sm2.sm3();
        md.update(x2);
        md.update(m);
        md.update(y2);
        return md.digest();
    }

    /** C1 ‖ C2 ‖ C3 (or C1 ‖ C3 ‖ C2) of GB/T 32918.4 section 6.1, with k drawn in [1, n-1] (A1-A8). */
    private byte[] encrypt(byte[] m) throws GeneralSecurityException {
        ECParameterSpec spec = key.getParams();
        ECPublicKey pub = (ECPublicKey) key;
        EcCurve c = EcCurve.of(spec);
        int w = w();
        SecureRandom rnd = random == null ? new SecureRandom() : random;
        if (spec.getCofactor() > 1 // A3: S = [h] P_B must not be the point at infinity
                && prims.ecMultiply(spec, BigInteger.valueOf(spec.getCofactor()), pub.getW().getAffineX(),
                        pub.getW().getAffineY()) == null) {
            throw new InvalidKeyException("SM2 public key: [h] P_B is the point at infinity");
        }
        while (true) {
            BigInteger k = DevicePrimitives.nonce(c.n(), rnd);
            BigInteger[] c1 = prims.ecMultiply(spec, k, c.gx(), c.gy());
            BigInteger[] p2 = prims.ecMultiply(spec, k, pub.getW().getAffineX(), pub.getW().getAffineY());
            byte[] x2 = HpreOperands.slot(p2[0], w), y2 = HpreOperands.slot(p2[1], w);
            byte[] t = kdf(concat(x2, y2), m.length);
            if (m.length > 0 && allZero(t)) {
                continue; // A5: draw k again
            }
            for (int i = 0; i < m.length; i++) {
                t[i] ^= m[i];
            }
            byte[] h = c3(x2, m, y2);
            byte[] out = new byte[1 + 2 * w + m.length + C3];
            out[0] = 0x04;
            HpreOperands.put(out, 1, w, c1[0]);
            HpreOperands.put(out, 1 + w, w, c1[1]);
            int a = 1 + 2 * w;
            System.arraycopy(c1c3c2 ? h : t, 0, out, a, c1c3c2 ? C3 : t.length);
            System.arraycopy(c1c3c2 ? t : h, 0, out, a + (c1c3c2 ? C3 : t.length), c1c3c2 ? t.length : C3);
            Arrays.fill(x2, (byte) 0);
            Arrays.fill(y2, (byte) 0);
            return out;
        }
    }

    /** GB/T 32918.4 section 7.1 (B1-B7). */
    private byte[] decrypt(byte[] in) throws GeneralSecurityException {
        ECParameterSpec spec = key.getParams();
        EcCurve c = EcCurve.of(spec);
        int w = w(), mlen = in.length - 1 - 2 * w - C3;
        if (mlen < 0 || in[0] != 0x04) {
            throw new BadPaddingException("not an SM2 ciphertext (uncompressed C1, C3 of 32 bytes)");
        }
        BigInteger x1 = new BigInteger(1, in, 1, w), y1 = new BigInteger(1, in, 1 + w, w);
        BigInteger p = c.p();
        boolean onCurve = x1.compareTo(p) < 0 && y1.compareTo(p) < 0
                && y1.multiply(y1).subtract(x1.multiply(x1).add(c.a()).multiply(x1).add(c.b())).mod(p).signum() == 0;
        if (!onCurve) { // B1
            throw new BadPaddingException("SM2 decryption failed");
        }
        if (spec.getCofactor() > 1 && prims.ecMultiply(spec, BigInteger.valueOf(spec.getCofactor()), x1, y1) == null) {
            throw new BadPaddingException("SM2 decryption failed"); // B2
        }
        int a = 1 + 2 * w;
        byte[] c2 = Arrays.copyOfRange(in, c1c3c2 ? a + C3 : a, c1c3c2 ? in.length : a + mlen);
        byte[] c3 = Arrays.copyOfRange(in, c1c3c2 ? a : a + mlen, c1c3c2 ? a + C3 : in.length);
        BigInteger[] p2 = prims.ecMultiply(spec, ((ECPrivateKey) key).getS(), x1, y1); // B3
        if (p2 == null) {
            throw new BadPaddingException("SM2 decryption failed");
        }
        byte[] x2 = HpreOperands.slot(p2[0], w), y2 = HpreOperands.slot(p2[1], w);
        byte[] t = kdf(concat(x2, y2), mlen);
        boolean zero = mlen > 0 && allZero(t); // B4
        for (int i = 0; i < mlen; i++) {
            t[i] ^= c2[i];
        }
        boolean ok = MessageDigest.isEqual(c3(x2, t, y2), c3) & !zero; // B6, one comparison for both checks
        Arrays.fill(x2, (byte) 0);
        Arrays.fill(y2, (byte) 0);
        if (!ok) {
            Arrays.fill(t, (byte) 0);
            throw new BadPaddingException("SM2 decryption failed");
        }
        return t;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
