package io.uacce.crypto.hpre;

import io.uacce.crypto.types.HpreDeviceException;
import io.uacce.crypto.internal.DeviceLink;
import io.uacce.crypto.internal.ProviderContext;
import io.uacce.crypto.hpre.sqe.EcCurve;
import io.uacce.crypto.hpre.sqe.HpreAlg;
import io.uacce.crypto.hpre.sqe.HpreCodec;
import io.uacce.crypto.hpre.sqe.HpreOperands;
import io.uacce.crypto.hpre.sqe.HpreRequest;
import io.uacce.crypto.hpre.sqe.HpreResult;
import io.uacce.request.DeviceMemory;
import io.uacce.request.RequestPool;
import io.uacce.request.RequestQueue;
import io.uacce.request.Ticket;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.interfaces.DHPrivateKey;
import javax.crypto.interfaces.DHPublicKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The primitives on HPRE devices through the request layer: RSA/DH on qc_type 0 queues, ECC
 * (ECDH, ECDSA, SM2, X25519/X448) on qc_type 1 queues (spec §1, §3). Before a primitive's first
 * real request its known-answer test ({@link HpreKats}) runs on the device; a device that is
 * absent, lacks the queue type (V2: no ECC), refuses the operand size or curve, fails its
 * known-answer test, completes with an error or times out does not run the request: AUTO computes
 * it with {@link SoftPrimitives} (logged), HARDWARE throws {@link HpreDeviceException} naming the
 * device and the primitive. Secrets are handled as the JDK handles them: RSA private operations
 * are blinded in software around the device call (r^e·c, then ·r^-1; the result is checked
 * against the public exponent as the JDK's RSACore does), ECDSA nonces are drawn by rejection
 * sampling, device buffers holding keys or results are zeroed before they are freed; no branch of
 * ours depends on a secret value. Thread-safe.
 */
final class DevicePrimitives implements PkPrimitives {
    private static final Logger LOG = LoggerFactory.getLogger(DevicePrimitives.class);
    private static final HexFormat HEX = HexFormat.of();
    private static final PkPrimitives SOFT = SoftPrimitives.INSTANCE;

    private final DeviceLink<HpreRequest, HpreResult> rsaDh;
    private final DeviceLink<HpreRequest, HpreResult> ecc;
    private final SecureRandom random = new SecureRandom();
    /** True while this thread runs a known-answer test (its requests count as self-tests in the statistics). */
    private static final ThreadLocal<Boolean> IN_SELF_TEST = ThreadLocal.withInitial(() -> Boolean.FALSE);

    DevicePrimitives(ProviderContext context) {
        rsaDh = new DeviceLink<>(context, "HPRE", HpreCodec.RSA_DH_QUEUE, HpreCodec.INSTANCE);
        ecc = new DeviceLink<>(context, "HPRE", HpreCodec.ECC_QUEUE, HpreCodec.INSTANCE);
    }

    /** Why the device did not run a request: software in AUTO, {@link HpreDeviceException} in HARDWARE. */
    private static final class NotRun extends Exception {
        private static final long serialVersionUID = 1L;

        NotRun(String reason) {
            super(reason, null, false, false);
        }
    }

    @FunctionalInterface
    private interface Soft<T> {
        T get() throws GeneralSecurityException;
    }

    @FunctionalInterface
    private interface Kat {
        boolean run() throws NotRun;
    }

    private <T> T fallback(String primitive, DeviceLink<HpreRequest, HpreResult> link, NotRun why, Soft<T> soft)
            throws GeneralSecurityException {
        if (link.hardware()) {
            throw new HpreDeviceException(device(link), primitive, why.getMessage());
        }
        LOG.debug("UACCE provider: {} in software: {}", primitive, why.getMessage());
        link.fallback();
        return soft.get();
    }

    /** The device a refusal names: the link's, or (no ECC queue on a V2 device) the HPRE device that lacks it. */
    private String device(DeviceLink<HpreRequest, HpreResult> link) {
        String d = link.deviceName();
        return d.equals("none") && link == ecc ? rsaDh.deviceName() : d;
    }

    private String noDevice(DeviceLink<HpreRequest, HpreResult> link) {
        if (link == ecc && !rsaDh.deviceName().equals("none")) {
            return "the HPRE device offers no ECC queues (qc_type 1; V2 silicon has no ECC engine, spec §5)";
        }
        return "no usable HPRE device on this host (" + link.unavailableReason() + ")";
    }

    /** Runs the self-test {@code name} once on the link's device; throws when the device may not be used. */
    private void ready(DeviceLink<HpreRequest, HpreResult> link, String name, Kat kat) throws NotRun {
        if (link.pool() == null) {
            throw new NotRun(noDevice(link));
        }
        boolean ok = link.selfTest(name, name, () -> {
            IN_SELF_TEST.set(Boolean.TRUE);
            try {
                return kat.run();
            } catch (NotRun e) {
                LOG.warn("UACCE provider: HPRE known-answer test of {} not run by the device: {}", name, e.getMessage());
                return false;
            } finally {
                IN_SELF_TEST.set(Boolean.FALSE);
            }
        });
        if (!ok) {
            throw new NotRun("the device failed the known-answer test of " + name);
        }
    }

    /**
     * One SQE: {@code key} and {@code in} copied into device memory, {@code outLen} bytes read back
     * (none for a verify: its verdict is in {@code res}). Every buffer is zeroed before it is freed.
     */
    private byte[] call(DeviceLink<HpreRequest, HpreResult> link, int alg, int size, byte[] key, byte[] in,
            int outLen, HpreResult res) throws NotRun {
        RequestPool<HpreRequest, HpreResult> p = link.pool();
        if (p == null) {
            throw new NotRun(noDevice(link));
        }
        RequestQueue<HpreRequest, HpreResult> q;
        try {
            q = p.next();
        } catch (RuntimeException e) {
            throw new NotRun("no HPRE queue now: " + e.getMessage());
        }
        DeviceMemory mem = q.memory();
        MemorySegment k = null, i = null, o = null;
        try {
            k = mem.allocate(key.length);
            i = mem.allocate(Math.max(8, in.length));
            o = mem.allocate(Math.max(8, outLen));
            MemorySegment.copy(key, 0, k, ValueLayout.JAVA_BYTE, 0, key.length);
            MemorySegment.copy(in, 0, i, ValueLayout.JAVA_BYTE, 0, in.length);
            HpreRequest r = new HpreRequest().set(alg, size, mem.deviceAddress(k), mem.deviceAddress(i),
                    outLen == 0 ? 0 : mem.deviceAddress(o));
            HpreResult done = q.call(r, new Ticket<>(res));
            link.completed(IN_SELF_TEST.get(), r, done, done.ok());
            if (!done.ok()) {
                throw new NotRun(HpreCodec.INSTANCE.statusTable().describe(done.status()));
            }
            return o.asSlice(0, outLen).toArray(ValueLayout.JAVA_BYTE);
        } catch (RuntimeException e) { // timeout, stopped queue, device fault: never a wrong result
            link.failed(IN_SELF_TEST.get(), e);
            throw new NotRun("request failed: " + e.getMessage());
        } finally {
            for (MemorySegment s : new MemorySegment[] {k, i, o}) {
                if (s != null) {
                    s.fill((byte) 0);
                    mem.free(s);
                }
            }
        }
    }

    // ---- RSA and DH (qc_type 0) ----

    private static boolean rsaBytes(int k) {
        return k == 128 || k == 256 || k == 384 || k == 512;
    }

    /** The RSA (DH: {@code dh}) operand size of a modulus: its byte length, when the device runs it (spec §3.2). */
    private static int operandSize(String what, BigInteger n, boolean dh) throws NotRun {
        int k = (n.bitLength() + 7) / 8;
        if (rsaBytes(k) || (dh && (k == 96 || k == 192))) {
            return k;
        }
        throw new NotRun(what + "-" + n.bitLength() + ": the device runs RSA 1024/2048/3072/4096 and DH"
                + " 768/1024/1536/2048/3072/4096-bit moduli only (spec §3.2)");
    }

    private BigInteger modExp(int alg, int size, byte[] key, BigInteger x) throws NotRun {
        try {
            return new BigInteger(1, call(rsaDh, alg, size, key, HpreOperands.slot(x, size), size, new HpreResult()));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public BigInteger rsaPublic(RSAPublicKey key, BigInteger m) throws GeneralSecurityException {
        BigInteger n = key.getModulus();
        try {
            int size = operandSize("RSA", n, false);
            ready(rsaDh, "RSA mod-exp (alg 0x0)", this::katModExp);
            return modExp(HpreAlg.RSA_NCRT, size, HpreOperands.rsaKey(key.getPublicExponent(), n, size), m);
        } catch (NotRun why) {
            return fallback("RSA", rsaDh, why, () -> SOFT.rsaPublic(key, m));
        }
    }

    @Override
    public BigInteger rsaPrivate(RSAPrivateKey key, BigInteger c) throws GeneralSecurityException {
        BigInteger n = key.getModulus();
        try {
            int size = operandSize("RSA", n, false);
            boolean crt = key instanceof RSAPrivateCrtKey ck && usableCrt(ck, size);
            if (crt) {
                ready(rsaDh, "RSA CRT (alg 0x1)", this::katCrt);
            } else {
                ready(rsaDh, "RSA mod-exp (alg 0x0)", this::katModExp);
            }
            BigInteger e = key instanceof RSAPrivateCrtKey ck ? ck.getPublicExponent() : null;
            boolean haveE = e != null && e.signum() > 0;
            // blinding as the JDK's RSACore: c' = c·r^e, m = (c')^d · r^-1; without e, r^-d comes from the device
            BigInteger r = blindingFactor(n);
            BigInteger u = haveE ? r.modPow(e, n) : r;
            BigInteger v = haveE ? r.modInverse(n) : privateOp(key, crt, size, r).modInverse(n);
            BigInteger m = privateOp(key, crt, size, c.multiply(u).mod(n)).multiply(v).mod(n);
            if (haveE && !m.modPow(e, n).equals(c)) { // a fault, not a secret: the JDK checks the same
                throw new NotRun("the device's RSA result does not verify with the public exponent");
            }
            return m;
        } catch (NotRun why) {
            return fallback("RSA", rsaDh, why, () -> SOFT.rsaPrivate(key, c));
        } catch (ArithmeticException notInvertible) { // r or r^d not invertible mod n: a factor of n, never in practice
            return SOFT.rsaPrivate(key, c);
        }
    }

    private static boolean usableCrt(RSAPrivateCrtKey k, int size) {
        BigInteger[] parts = {k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(), k.getCrtCoefficient()};
        for (BigInteger x : parts) {
            if (x == null || x.signum() <= 0 || x.bitLength() > size * 4) {
                return false;
            }
        }
        return true;
    }

    private BigInteger privateOp(RSAPrivateKey key, boolean crt, int size, BigInteger x) throws NotRun {
        if (crt) {
            RSAPrivateCrtKey k = (RSAPrivateCrtKey) key;
            return modExp(HpreAlg.RSA_CRT, size, HpreOperands.rsaCrtKey(k.getPrimeExponentP(), k.getPrimeExponentQ(),
                    k.getPrimeP(), k.getPrimeQ(), k.getCrtCoefficient(), size), x);
        }
        return modExp(HpreAlg.RSA_NCRT, size, HpreOperands.rsaKey(key.getPrivateExponent(), key.getModulus(), size), x);
    }

    private BigInteger blindingFactor(BigInteger n) {
        BigInteger r;
        do {
            r = new BigInteger(n.bitLength(), random);
        } while (r.signum() == 0 || r.compareTo(n) >= 0); // rejection of a fresh random value, not of a secret
        return r;
    }

    @Override
    public byte[] dh(DHPrivateKey key, DHPublicKey peer) throws GeneralSecurityException {
        BigInteger p = key.getParams().getP();
        try {
            int size = operandSize("DH", p, true);
            ready(rsaDh, "DH (alg 0x5)", this::katDh);
            byte[] keyBuf = HpreOperands.dhKey(key.getX(), p, size);
            try {
                return call(rsaDh, HpreAlg.DH, size, keyBuf, HpreOperands.slot(peer.getY(), size), size, new HpreResult());
            } finally {
                Arrays.fill(keyBuf, (byte) 0);
            }
        } catch (NotRun why) {
            return fallback("DH", rsaDh, why, () -> SOFT.dh(key, peer));
        }
    }

    private static BigInteger h(String hex) {
        return new BigInteger(hex, 16);
    }

    /** The PKCS#1 v1.5 type-2 block of the Wycheproof vector: 00 02, at least 8 non-zero bytes, 00, the message. */
    private static boolean kat2(BigInteger em) {
        byte[] b = HpreOperands.slot(em, 256);
        byte[] msg = HEX.parseHex(HpreKats.RSA_MSG);
        int sep = b.length - msg.length - 1;
        boolean ok = b[0] == 0 && b[1] == 2 && b[sep] == 0 && sep >= 10
                && Arrays.equals(b, sep + 1, b.length, msg, 0, msg.length);
        for (int j = 2; j < sep; j++) {
            ok &= b[j] != 0;
        }
        return ok;
    }

    private boolean katModExp() throws NotRun {
        BigInteger n = h(HpreKats.RSA_N), ct = h(HpreKats.RSA_CT);
        BigInteger em = modExp(HpreAlg.RSA_NCRT, 256, HpreOperands.rsaKey(h(HpreKats.RSA_D), n, 256), ct);
        return kat2(em) && modExp(HpreAlg.RSA_NCRT, 256, HpreOperands.rsaKey(h(HpreKats.RSA_E), n, 256), em).equals(ct);
    }

    private boolean katCrt() throws NotRun {
        return kat2(modExp(HpreAlg.RSA_CRT, 256, HpreOperands.rsaCrtKey(h(HpreKats.RSA_DP), h(HpreKats.RSA_DQ),
                h(HpreKats.RSA_P), h(HpreKats.RSA_Q), h(HpreKats.RSA_QINV), 256), h(HpreKats.RSA_CT)));
    }

    /** DH is y^x mod p: the RSA vector with x = d, p = n, y = c gives the same known block. */
    private boolean katDh() throws NotRun {
        byte[] out = call(rsaDh, HpreAlg.DH, 256, HpreOperands.dhKey(h(HpreKats.RSA_D), h(HpreKats.RSA_N), 256),
                HpreOperands.slot(h(HpreKats.RSA_CT), 256), 256, new HpreResult());
        return kat2(new BigInteger(1, out));
    }

    // ---- ECC (qc_type 1) ----

    private static EcCurve curve(ECParameterSpec spec) throws NotRun {
        try {
            return EcCurve.of(spec);
        } catch (IllegalArgumentException e) {
            throw new NotRun(e.getMessage());
        }
    }

    private static String curveName(ECParameterSpec spec) {
        return spec.getOrder().bitLength() + "-bit prime curve";
    }

    private byte[] multiply(EcCurve c, BigInteger k, BigInteger x, BigInteger y) throws NotRun {
        byte[] key = HpreOperands.eccMultiplyKey(c, k);
        try {
            return call(ecc, HpreAlg.ECC_MULTIPLY, c.slot(), key, HpreOperands.slots(c.slot(), x, y), 2 * c.slot(),
                    new HpreResult());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public byte[] ecdh(ECPrivateKey key, ECPublicKey peer) throws GeneralSecurityException {
        try {
            EcCurve c = curve(key.getParams());
            ready(ecc, "ECC point multiply (alg 0xD)", this::katEcdh);
            byte[] xy = multiply(c, key.getS(), peer.getW().getAffineX(), peer.getW().getAffineY());
            int w = (c.p().bitLength() + 7) / 8;
            byte[] x = HpreOperands.slot(HpreOperands.read(xy, c.slot(), 0), w);
            Arrays.fill(xy, (byte) 0);
            return x;
        } catch (NotRun why) {
            return fallback("ECDH (" + curveName(key.getParams()) + ")", ecc, why, () -> SOFT.ecdh(key, peer));
        }
    }

    /** k·(x, y) by alg 0xD after its self-test, the result checked on the curve. */
    private BigInteger[] pointMultiply(ECParameterSpec spec, BigInteger k, BigInteger x, BigInteger y) throws NotRun {
        EcCurve c = curve(spec);
        ready(ecc, "ECC point multiply (alg 0xD)", this::katEcdh);
        byte[] xy = multiply(c, k, x, y);
        BigInteger[] r = {HpreOperands.read(xy, c.slot(), 0), HpreOperands.read(xy, c.slot(), 1)};
        Arrays.fill(xy, (byte) 0);
        if (!EcCurves.onCurve(spec, c.p(), r[0], r[1])) { // a fault, not a secret (as the RSA result check)
            throw new NotRun("the device's point is not on the curve");
        }
        return r;
    }

    @Override
    public BigInteger[] ecMultiply(ECParameterSpec spec, BigInteger k, BigInteger x, BigInteger y)
            throws GeneralSecurityException {
        try {
            return pointMultiply(spec, k, x, y);
        } catch (NotRun why) {
            return fallback("ECC point multiply (" + curveName(spec) + ")", ecc, why, () -> SOFT.ecMultiply(spec, k, x, y));
        }
    }

    @Override
    public BigInteger[] ecBaseMultiply(ECParameterSpec spec, BigInteger d) throws GeneralSecurityException {
        try {
            return pointMultiply(spec, d, spec.getGenerator().getAffineX(), spec.getGenerator().getAffineY());
        } catch (NotRun why) {
            return fallback("ECC point multiply (" + curveName(spec) + ")", ecc, why, () -> null);
        }
    }

    private static EcCurve p256() throws NotRun {
        try {
            java.security.AlgorithmParameters ap = java.security.AlgorithmParameters.getInstance("EC");
            ap.init(new java.security.spec.ECGenParameterSpec("secp256r1"));
            return EcCurve.of(ap.getParameterSpec(ECParameterSpec.class));
        } catch (GeneralSecurityException e) {
            throw new NotRun("no P-256 parameters in this JDK: " + e.getMessage());
        }
    }

    private boolean katEcdh() throws NotRun {
        EcCurve c = p256();
        byte[] xy = multiply(c, h(HpreKats.ECDH_D), h(HpreKats.ECDH_QX), h(HpreKats.ECDH_QY));
        return HpreOperands.read(xy, 32, 0).equals(h(HpreKats.ECDH_X));
    }

    /** FIPS 186-5 §6.4.1: the leftmost min(N, outlen) bits of the hash, N = bit length of n. */
    static BigInteger hashToInteger(byte[] digest, BigInteger n) {
        BigInteger e = new BigInteger(1, digest);
        int excess = digest.length * 8 - n.bitLength();
        return excess > 0 ? e.shiftRight(excess) : e;
    }

    /** A nonce in [1, n-1] by rejection sampling (FIPS 186-5 A.3.2): only discarded candidates are compared. */
    static BigInteger nonce(BigInteger n, SecureRandom rnd) {
        BigInteger k;
        do {
            k = new BigInteger(n.bitLength(), rnd);
        } while (k.signum() == 0 || k.compareTo(n) >= 0);
        return k;
    }

    private BigInteger[] sign(int alg, EcCurve c, BigInteger d, BigInteger e, BigInteger k) throws NotRun {
        byte[] key = HpreOperands.eccPrivateKey(c, d);
        byte[] in = HpreOperands.signInput(c, e, k);
        try {
            byte[] rs = call(ecc, alg, c.slot(), key, in, 2 * c.slot(), new HpreResult());
            return new BigInteger[] {HpreOperands.read(rs, c.slot(), 0), HpreOperands.read(rs, c.slot(), 1)};
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(in, (byte) 0);
        }
    }

    private boolean verify(int alg, EcCurve c, ECPublicKey key, BigInteger e, BigInteger r, BigInteger s) throws NotRun {
        HpreResult res = new HpreResult();
        call(ecc, alg, c.slot(), HpreOperands.eccPublicKey(c, key.getW().getAffineX(), key.getW().getAffineY()),
                HpreOperands.verifyInput(c, e, r, s), 0, res);
        return res.verdict;
    }

    private static boolean inRange(BigInteger[] rs, BigInteger n) {
        return rs[0].signum() > 0 && rs[0].compareTo(n) < 0 && rs[1].signum() > 0 && rs[1].compareTo(n) < 0;
    }

    @Override
    public BigInteger[] ecdsaSign(ECPrivateKey key, byte[] digest, SecureRandom rnd) throws GeneralSecurityException {
        try {
            EcCurve c = curve(key.getParams());
            ready(ecc, "ECDSA sign (alg 0xE)", this::katEcdsaSign);
            BigInteger e = hashToInteger(digest, c.n());
            BigInteger[] rs = sign(HpreAlg.ECDSA_SIGN, c, key.getS(), e, nonce(c.n(), rnd == null ? random : rnd));
            if (!inRange(rs, c.n())) {
                throw new NotRun("the device's signature is out of range");
            }
            return rs;
        } catch (NotRun why) {
            return fallback("ECDSA sign (" + curveName(key.getParams()) + ")", ecc, why,
                    () -> SOFT.ecdsaSign(key, digest, rnd));
        }
    }

    @Override
    public boolean ecdsaVerify(ECPublicKey key, byte[] digest, BigInteger r, BigInteger s)
            throws GeneralSecurityException {
        try {
            EcCurve c = curve(key.getParams());
            ready(ecc, "ECDSA verify (alg 0xF)", this::katEcdsaVerify);
            return verify(HpreAlg.ECDSA_VERIFY, c, key, hashToInteger(digest, c.n()), r, s);
        } catch (NotRun why) {
            return fallback("ECDSA verify (" + curveName(key.getParams()) + ")", ecc, why,
                    () -> SOFT.ecdsaVerify(key, digest, r, s));
        }
    }

    private boolean katEcdsaSign() throws NotRun {
        BigInteger[] rs = sign(HpreAlg.ECDSA_SIGN, p256(), h(HpreKats.ECDSA_D), h(HpreKats.ECDSA_H), h(HpreKats.ECDSA_K));
        return rs[0].equals(h(HpreKats.ECDSA_R)) && rs[1].equals(h(HpreKats.ECDSA_S));
    }

    private boolean katEcdsaVerify() throws NotRun {
        return katVerify(HpreAlg.ECDSA_VERIFY, p256(), h(HpreKats.ECDSA_QX), h(HpreKats.ECDSA_QY), h(HpreKats.ECDSA_H),
                h(HpreKats.ECDSA_R), h(HpreKats.ECDSA_S));
    }

    /** A known signature verifies, the same with e changed in its last bit does not. */
    private boolean katVerify(int alg, EcCurve c, BigInteger qx, BigInteger qy, BigInteger e, BigInteger r, BigInteger s)
            throws NotRun {
        HpreResult res = new HpreResult();
        byte[] key = HpreOperands.eccPublicKey(c, qx, qy);
        call(ecc, alg, c.slot(), key, HpreOperands.verifyInput(c, e, r, s), 0, res);
        boolean good = res.verdict;
        call(ecc, alg, c.slot(), key, HpreOperands.verifyInput(c, e.flipBit(0), r, s), 0, res);
        return good && !res.verdict;
    }

    // ---- SM2 (algs 0x12, 0x13) ----

    @Override
    public BigInteger[] sm2Sign(ECPrivateKey key, byte[] digest, SecureRandom rnd) throws GeneralSecurityException {
        try {
            EcCurve c = curve(key.getParams());
            ready(ecc, "SM2 sign (alg 0x12)", this::katSm2Sign);
            BigInteger e = new BigInteger(1, digest);
            BigInteger[] rs;
            do { // the software draws k (sm2_ksel = 0), as for ECDSA; the device refuses k with r = 0 or r + k = n
                BigInteger k = nonce(c.n(), rnd == null ? random : rnd);
                rs = sign(HpreAlg.SM2_SIGN, c, key.getS(), e, k);
            } while (!inRange(rs, c.n()));
            return rs;
        } catch (NotRun why) {
            return fallback("SM2 sign (" + curveName(key.getParams()) + ")", ecc, why, () -> SOFT.sm2Sign(key, digest, rnd));
        }
    }

    @Override
    public boolean sm2Verify(ECPublicKey key, byte[] digest, BigInteger r, BigInteger s) throws GeneralSecurityException {
        try {
            EcCurve c = curve(key.getParams());
            ready(ecc, "SM2 verify (alg 0x13)", this::katSm2Verify);
            return verify(HpreAlg.SM2_VERIFY, c, key, new BigInteger(1, digest), r, s);
        } catch (NotRun why) {
            return fallback("SM2 verify (" + curveName(key.getParams()) + ")", ecc, why,
                    () -> SOFT.sm2Verify(key, digest, r, s));
        }
    }

    /** The GB/T 32918.2 example: its test curve, key, ID, message and nonce; e = SM3(Z_A ‖ M) in software. */
    private static EcCurve sm2TestCurve() {
        return new EcCurve(h(HpreKats.SM2T_P), h(HpreKats.SM2T_A), h(HpreKats.SM2T_B), h(HpreKats.SM2T_N),
                h(HpreKats.SM2T_GX), h(HpreKats.SM2T_GY));
    }

    private static BigInteger sm2KatE() {
        java.security.MessageDigest md = Sm2.sm3();
        md.update(Sm2.za(HpreKats.SM2_ID.getBytes(java.nio.charset.StandardCharsets.US_ASCII), sm2TestCurve(),
                h(HpreKats.SM2_PX), h(HpreKats.SM2_PY)));
        return new BigInteger(1, md.digest(HpreKats.SM2_MSG.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    private boolean katSm2Sign() throws NotRun {
        BigInteger[] rs = sign(HpreAlg.SM2_SIGN, sm2TestCurve(), h(HpreKats.SM2_D), sm2KatE(), h(HpreKats.SM2_K));
        return rs[0].equals(h(HpreKats.SM2_R)) && rs[1].equals(h(HpreKats.SM2_S));
    }

    private boolean katSm2Verify() throws NotRun {
        return katVerify(HpreAlg.SM2_VERIFY, sm2TestCurve(), h(HpreKats.SM2_PX), h(HpreKats.SM2_PY), sm2KatE(),
                h(HpreKats.SM2_R), h(HpreKats.SM2_S));
    }

    // ---- X25519 / X448 (alg 0x10) ----

    @Override
    public byte[] xdh(XECPrivateKey key, XECPublicKey peer) throws GeneralSecurityException {
        boolean x448 = key.getParams() instanceof NamedParameterSpec nps && nps.getName().equalsIgnoreCase("X448");
        String name = x448 ? "X448" : "X25519";
        try {
            ready(ecc, name + " (alg 0x10)", x448 ? this::katX448 : this::katX25519);
            byte[] scalar = key.getScalar().orElseThrow(() -> new NotRun("the private key does not expose its scalar"));
            BigInteger p = x448 ? HpreOperands.X448_P : HpreOperands.X25519_P;
            // RFC 7748 §5: X25519 ignores the top bit; non-canonical u (>= p) is taken mod p — the device refuses it
            BigInteger u = peer.getU();
            if (!x448) {
                u = u.clearBit(255);
            }
            u = u.mod(p);
            int len = x448 ? 56 : 32;
            if (u.signum() == 0) {
                Arrays.fill(scalar, (byte) 0);
                return new byte[len]; // 0 is a fixed point of the ladder; the caller rejects the zero secret
            }
            return ladder(x448, scalar, u);
        } catch (NotRun why) {
            return fallback(name, ecc, why, () -> SOFT.xdh(key, peer));
        }
    }

    /** The device's ladder on a little-endian scalar (clamped by the codec) and u in [1, p-1]: the LE result. */
    private byte[] ladder(boolean x448, byte[] scalarLe, BigInteger u) throws NotRun {
        int slot = x448 ? 72 : 32;
        byte[] key = HpreOperands.xKey(x448, scalarLe);
        try {
            byte[] out = call(ecc, HpreAlg.X_DH_MULTIPLY, slot, key, HpreOperands.slot(u, slot), slot, new HpreResult());
            byte[] le = HpreOperands.xOutput(x448, out);
            Arrays.fill(out, (byte) 0);
            return le;
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(scalarLe, (byte) 0);
        }
    }

    private static BigInteger leToInteger(String hex) {
        byte[] b = HEX.parseHex(hex);
        byte[] r = new byte[b.length];
        for (int j = 0; j < b.length; j++) {
            r[j] = b[b.length - 1 - j];
        }
        return new BigInteger(1, r);
    }

    private boolean katX25519() throws NotRun {
        return HEX.formatHex(ladder(false, HEX.parseHex(HpreKats.X25519_K), leToInteger(HpreKats.X25519_U).clearBit(255)))
                .equals(HpreKats.X25519_OUT);
    }

    private boolean katX448() throws NotRun {
        return HEX.formatHex(ladder(true, HEX.parseHex(HpreKats.X448_K), leToInteger(HpreKats.X448_U)))
                .equals(HpreKats.X448_OUT);
    }

    /** Counters of the RSA/DH and ECC pools (tests); {0, 0} parts before the first device use. */
    long[] completed() {
        var a = rsaDh.counters();
        var b = ecc.counters();
        return new long[] {a == null ? 0 : a.completed(), b == null ? 0 : b.completed()};
    }
}
