package io.uacce.stubs.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import java.security.spec.ECFieldFp;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.interfaces.DHPrivateKey;
import javax.crypto.interfaces.DHPublicKey;
import javax.crypto.spec.DHParameterSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HPRE engine, SQE words and operand slots written by hand from the HPRE spec §3 (not with
 * the driver's codec), checked against the JDK's providers and RFC 7748 §5.2.
 */
class HpreEngineTest {
    static final HexFormat HEX = HexFormat.of();
    static KeyPair rsa;
    static KeyPair ecA;
    static KeyPair ecB;

    private ModelHost host;
    private final Arena arena = Arena.ofShared();

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        rsa = g.generateKeyPair();
        KeyPairGenerator e = KeyPairGenerator.getInstance("EC");
        e.initialize(new ECGenParameterSpec("secp256r1"));
        ecA = e.generateKeyPair();
        ecB = e.generateKeyPair();
    }

    @AfterAll
    static void drop() {
        rsa = null;
    }

    @AfterEach
    void tearDown() {
        if (host != null) {
            host.close();
        }
        arena.close();
    }

    RawQueue queue(ModelApi api, int qcType) {
        host = ModelHost.builder().device(s -> s.engine(EngineKind.HPRE).api(api).queues(4)).build();
        return RawQueue.open(host, qcType);
    }

    static byte[] slot(BigInteger v, int size) {
        byte[] b = v.toByteArray();
        int len = Math.min(b.length, size);
        byte[] out = new byte[size];
        System.arraycopy(b, b.length - len, out, size - len, len);
        return out;
    }

    static byte[] slots(int size, BigInteger... v) {
        byte[] all = new byte[size * v.length];
        for (int i = 0; i < v.length; i++) {
            System.arraycopy(slot(v[i], size), 0, all, i * size, size);
        }
        return all;
    }

    static BigInteger big(byte[] b, int from, int to) {
        return new BigInteger(1, Arrays.copyOfRange(b, from, to));
    }

    /** The result of one request: dw0 and dw6 as written back, the output buffer. */
    record Done(int dw0, int dw6, byte[] out) {
        int done() {
            return dw0 >>> 30;
        }

        int etype() {
            return (dw0 >>> 5) & 0x7FF;
        }

        int etype1() {
            return (dw0 >>> 16) & 0x3FFF;
        }

        boolean ok() {
            return done() == 3 && etype() == 0 && etype1() == 0;
        }
    }

    MemorySegment buffer(byte[] content, int size) {
        MemorySegment m = arena.allocate(Math.max(size, 1), 64);
        MemorySegment.copy(content, 0, m, ValueLayout.JAVA_BYTE, 0, content.length);
        return m;
    }

    Done run(RawQueue q, int alg, int operandBytes, byte[] key, byte[] in, int outLen, int dw1Extra) {
        MemorySegment k = buffer(key, key.length);
        MemorySegment i = buffer(in, in.length);
        MemorySegment o = buffer(new byte[0], outLen);
        int slot = q.tail;
        MemorySegment sqe = q.next();
        sqe.set(RawQueue.DW, 0, alg | 1 << 30); // done = 1 (TASK_INIT)
        sqe.set(RawQueue.DW, 4, (operandBytes / 8 - 1) | dw1Extra);
        sqe.set(RawQueue.QW, 8, k.address());
        sqe.set(RawQueue.QW, 16, i.address());
        sqe.set(RawQueue.QW, 24, o.address());
        sqe.set(RawQueue.QW, 32, 0x1234_5678_9ABC_DEF0L);
        q.submit(1);
        assertEquals(slot, q.reap(true));
        assertEquals(0x1234_5678_9ABC_DEF0L, sqe.get(RawQueue.QW, 32), "tag echoed");
        return new Done(sqe.get(RawQueue.DW, 0), sqe.get(RawQueue.DW, 24), o.toArray(ValueLayout.JAVA_BYTE));
    }

    @Test
    void sysfsAndQueueInfoFollowTheSpec() throws Exception {
        try (RawQueue q = queue(ModelApi.V2, 0)) {
            assertEquals("hisi_hpre-0", q.device.name());
            assertEquals(64, q.sqeSize);
            assertEquals(86016, q.device.dusSize()); // §1: 64-byte SQEs, 4 KiB pages
            assertEquals("rsa\ndh\n", Files.readString(host.sysfsRoot().resolve("hisi_hpre-0/algorithms")));
        }
        host.close();
        try (RawQueue q = queue(ModelApi.V3, 1)) {
            assertEquals("rsa\ndh\necdh\necdsa\nsm2\nx25519\nx448\n",
                    Files.readString(host.sysfsRoot().resolve("hisi_hpre-0/algorithms")));
        }
    }

    @Test
    void rsaModExpAndCrtMatchTheJdk() throws Exception {
        RSAPrivateCrtKey priv = (RSAPrivateCrtKey) rsa.getPrivate();
        int k = 256;
        byte[] m = new byte[k];
        m[5] = 42;
        m[200] = 7;
        Cipher c = Cipher.getInstance("RSA/ECB/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, rsa.getPublic());
        byte[] expected = c.doFinal(m);
        try (RawQueue q = queue(ModelApi.V2, 0)) {
            Done pub = run(q, 0x0, k, slots(k, priv.getPublicExponent(), priv.getModulus()), m, k, 0);
            assertTrue(pub.ok(), "dw0 " + Integer.toHexString(pub.dw0()));
            assertArrayEquals(expected, pub.out());
            Done plain = run(q, 0x0, k, slots(k, priv.getPrivateExponent(), priv.getModulus()), expected, k, 0);
            assertArrayEquals(m, plain.out());
            byte[] crtKey = slots(k / 2, priv.getPrimeExponentQ(), priv.getPrimeExponentP(), priv.getPrimeQ(),
                    priv.getPrimeP(), priv.getCrtCoefficient()); // dq dp q p qinv
            Done crt = run(q, 0x1, k, crtKey, expected, k, 0);
            assertTrue(crt.ok());
            assertArrayEquals(m, crt.out());
        }
    }

    @Test
    void rsaKeyGenerationGivesTheJdksCrtParameters() {
        RSAPrivateCrtKey priv = (RSAPrivateCrtKey) rsa.getPrivate();
        int k = 256;
        byte[] key = new byte[2 * k];
        System.arraycopy(slot(priv.getPublicExponent(), k), 0, key, 0, k);
        System.arraycopy(slots(k / 2, priv.getPrimeP(), priv.getPrimeQ()), 0, key, k, k);
        try (RawQueue q = queue(ModelApi.V2, 0)) {
            Done d = run(q, 0x3, k, key, new byte[0], k * 7 / 2, 0);
            assertTrue(d.ok());
            byte[] o = d.out();
            BigInteger dd = big(o, 0, k);
            BigInteger p1 = priv.getPrimeP().subtract(BigInteger.ONE);
            BigInteger q1 = priv.getPrimeQ().subtract(BigInteger.ONE);
            assertEquals(BigInteger.ONE, dd.multiply(priv.getPublicExponent()).mod(p1.multiply(q1).divide(p1.gcd(q1))));
            assertEquals(priv.getModulus(), big(o, k, 2 * k));
            assertEquals(priv.getCrtCoefficient(), big(o, 2 * k, 2 * k + k / 2));
            assertEquals(priv.getPrimeExponentQ(), big(o, 2 * k + k / 2, 3 * k));
            assertEquals(priv.getPrimeExponentP(), big(o, 3 * k, 3 * k + k / 2));
        }
    }

    @Test
    void dhAgreesWithTheJdk() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("DH");
        g.initialize(2048); // the JDK's default 2048-bit group (generator 2)
        KeyPair a = g.generateKeyPair();
        KeyPair b = g.generateKeyPair();
        DHParameterSpec params = ((DHPublicKey) a.getPublic()).getParams();
        BigInteger x = ((DHPrivateKey) a.getPrivate()).getX();
        int k = 256;
        KeyAgreement ka = KeyAgreement.getInstance("DH");
        ka.init(b.getPrivate());
        ka.doPhase(a.getPublic(), true);
        byte[] secret = ka.generateSecret();
        try (RawQueue q = queue(ModelApi.V2, 0)) {
            byte[] key = slots(k, x, params.getP());
            Done general = run(q, 0x5, k, key, slot(((DHPublicKey) b.getPublic()).getY(), k), k, 0);
            assertTrue(general.ok());
            assertArrayEquals(slot(new BigInteger(1, secret), k), general.out());
            if (params.getG().equals(BigInteger.TWO)) {
                Done g2 = run(q, 0x4, k, key, new byte[0], k, 0);
                assertEquals(((DHPublicKey) a.getPublic()).getY(), new BigInteger(1, g2.out()));
            }
        }
    }

    static BigInteger[] curve(ECParameterSpec s) {
        EllipticCurve c = s.getCurve();
        return new BigInteger[] {((ECFieldFp) c.getField()).getP(), c.getA(), c.getB(), s.getOrder(),
            s.getGenerator().getAffineX(), s.getGenerator().getAffineY()};
    }

    @Test
    void ecdhMultiplyMatchesTheJdk() throws Exception {
        ECPrivateKey a = (ECPrivateKey) ecA.getPrivate();
        ECPoint peer = ((ECPublicKey) ecB.getPublic()).getW();
        BigInteger[] c = curve(a.getParams());
        KeyAgreement ka = KeyAgreement.getInstance("ECDH");
        ka.init(a);
        ka.doPhase(ecB.getPublic(), true);
        byte[] secret = ka.generateSecret();
        try (RawQueue q = queue(ModelApi.V3, 1)) {
            Done d = run(q, 0xD, 32, slots(32, c[0], c[1], a.getS(), c[2], c[3]),
                    slots(32, peer.getAffineX(), peer.getAffineY()), 64, 1 << 31); // bd_rsv2 hint ignored (§3.5)
            assertTrue(d.ok());
            assertArrayEquals(secret, Arrays.copyOf(d.out(), 32));
            Done off = run(q, 0xD, 32, slots(32, c[0], c[1], a.getS(), c[2], c[3]),
                    slots(32, peer.getAffineX(), peer.getAffineY().add(BigInteger.ONE)), 64, 0);
            assertEquals(3, off.done());
            assertEquals(HpreStatus.NOT_ON_CURVE, off.etype());
        }
    }

    @Test
    void ecdsaSignVerifiesWithTheJdkAndBack() throws Exception {
        ECPrivateKey a = (ECPrivateKey) ecA.getPrivate();
        ECPoint w = ((ECPublicKey) ecA.getPublic()).getW();
        BigInteger[] c = curve(a.getParams());
        byte[] msg = "hisi_hpre".getBytes(StandardCharsets.US_ASCII);
        BigInteger e = new BigInteger(1, MessageDigest.getInstance("SHA-256").digest(msg));
        BigInteger nonce = new BigInteger(250, new java.util.Random(7)).add(BigInteger.TWO);
        byte[] privKey = slots(32, c[0], c[1], a.getS(), c[2], c[3], c[4], c[5]);
        byte[] pubKey = slots(32, c[0], c[1], c[2], c[3], c[4], c[5], w.getAffineX(), w.getAffineY());
        try (RawQueue q = queue(ModelApi.V3, 1)) {
            Done sign = run(q, 0xE, 32, privKey, slots(32, e, nonce), 64, 0);
            assertTrue(sign.ok());
            Signature v = Signature.getInstance("SHA256withECDSAinP1363Format");
            v.initVerify(ecA.getPublic());
            v.update(msg);
            assertTrue(v.verify(sign.out()), "the JDK accepts the model's r || s");

            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initSign(a);
            s.update(msg);
            byte[] rs = s.sign();
            BigInteger r = big(rs, 0, 32);
            BigInteger ss = big(rs, 32, 64);
            Done ok = run(q, 0xF, 32, pubKey, slots(32, e, ss, r), 0, 0); // e s r
            assertTrue(ok.ok());
            assertEquals(2, ok.dw6() & 2, "verdict in dw6 bit 1");
            Done bad = run(q, 0xF, 32, pubKey, slots(32, e.add(BigInteger.ONE), ss, r), 0, 0);
            assertTrue(bad.ok());
            assertEquals(0, bad.dw6() & 2);
            Done swapped = run(q, 0xF, 32, pubKey, slots(32, e, r, ss), 0, 0);
            assertEquals(0, swapped.dw6() & 2, "r and s in the wrong order do not verify");
        }
    }

    /** SM2 recommended curve (GB/T 32918.5). */
    static final BigInteger[] SM2 = {
        new BigInteger("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF", 16),
        new BigInteger("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC", 16),
        new BigInteger("28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93", 16),
        new BigInteger("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123", 16),
        new BigInteger("32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7", 16),
        new BigInteger("BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0", 16)};

    @Test
    void sm2SignThenVerifyWithHardwareNonce() {
        BigInteger d = new BigInteger("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8", 16);
        try (RawQueue q = queue(ModelApi.V3, 1)) {
            // public key = d·G from the model's own point multiply (alg 0xD)
            Done pub = run(q, 0xD, 32, slots(32, SM2[0], SM2[1], d, SM2[2], SM2[3]), slots(32, SM2[4], SM2[5]), 64, 0);
            assertTrue(pub.ok());
            // GB/T 32918.5 example public key of this private key
            assertEquals("09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020",
                    HEX.formatHex(Arrays.copyOf(pub.out(), 32)).toUpperCase());
            BigInteger e = new BigInteger("F0B43E94BA45ACCAACE692ED534382EB17E6AB5A19CE7B31F4486FDFC0D28640", 16);
            Done sign = run(q, 0x12, 32, slots(32, SM2[0], SM2[1], d, SM2[2], SM2[3], SM2[4], SM2[5]),
                    slots(32, e, BigInteger.ZERO), 64, 1 << 25); // sm2_ksel = 1: hardware nonce
            assertTrue(sign.ok());
            byte[] pubKey = new byte[8 * 32];
            System.arraycopy(slots(32, SM2[0], SM2[1], SM2[2], SM2[3], SM2[4], SM2[5]), 0, pubKey, 0, 192);
            System.arraycopy(pub.out(), 0, pubKey, 192, 64);
            BigInteger r = big(sign.out(), 0, 32);
            BigInteger s = big(sign.out(), 32, 64);
            assertEquals(2, run(q, 0x13, 32, pubKey, slots(32, e, s, r), 0, 0).dw6() & 2);
            assertEquals(0, run(q, 0x13, 32, pubKey, slots(32, e.subtract(BigInteger.ONE), s, r), 0, 0).dw6() & 2);
        }
    }

    static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    @Test
    void x25519AndX448FollowRfc7748() {
        BigInteger p25519 = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
        byte[] k = HEX.parseHex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
        byte[] u = HEX.parseHex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c");
        k[0] &= (byte) 248;
        k[31] &= 127;
        k[31] |= 64;
        u[31] &= 127;
        BigInteger p448 = BigInteger.TWO.pow(448).subtract(BigInteger.TWO.pow(224)).subtract(BigInteger.ONE);
        byte[] k4 = HEX.parseHex("3d262fddf9ec8e88495266fea19a34d28882acef045104d0d1aae121700a779c"
                + "984c24f8cdd78fbff44943eba368f54b29259a4f1c600ad3");
        byte[] u4 = HEX.parseHex("06fce640fa3487bfda5f6cf2d5263f8aad88334cbd07437f020f08f9814dc031"
                + "ddbdc38c19c6da2583fa5429db94ada18aa7a7fb4ef8a086");
        k4[0] &= (byte) 252;
        k4[55] |= (byte) 128;
        try (RawQueue q = queue(ModelApi.V3, 1)) {
            byte[] key = slots(32, p25519, BigInteger.valueOf(121665), new BigInteger(1, reverse(k)));
            Done d = run(q, 0x10, 32, key, slot(new BigInteger(1, reverse(u)), 32), 32, 0);
            assertTrue(d.ok());
            assertEquals("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552", HEX.formatHex(reverse(d.out())));
            Done big = run(q, 0x10, 32, key, slot(p25519, 32), 32, 0);
            assertEquals(HpreStatus.BAD_PARAM, big.etype(), "u >= p refused");

            byte[] key4 = slots(72, p448, BigInteger.valueOf(39081), new BigInteger(1, reverse(k4)));
            Done d4 = run(q, 0x10, 72, key4, slot(new BigInteger(1, reverse(u4)), 72), 72, 0);
            assertTrue(d4.ok());
            assertEquals("ce3e4ff95a60dc6697da1db1d85e6afbdf79b50a2412d7546d5f239fe14fbaad"
                    + "eb445fc66a01b0779d98223961111e21766282f73dd96b6f",
                    HEX.formatHex(reverse(Arrays.copyOfRange(d4.out(), 16, 72))));
        }
    }

    @Test
    void errorCompletionsOfSection6() {
        RSAPrivateCrtKey priv = (RSAPrivateCrtKey) rsa.getPrivate();
        int k = 256;
        BigInteger n = priv.getModulus();
        byte[] m = slot(BigInteger.TEN, k);
        try (RawQueue q = queue(ModelApi.V2, 0)) {
            assertEquals(HpreStatus.BAD_PARAM, run(q, 0x0, k, slots(k, BigInteger.ONE, n), m, k, 0).etype(), "d <= 1");
            assertEquals(HpreStatus.BAD_PARAM, run(q, 0x0, k, slots(k, priv.getPublicExponent(), n.add(BigInteger.ONE)),
                    m, k, 0).etype(), "even modulus");
            Done big = run(q, 0x0, k, slots(k, priv.getPublicExponent(), n), slot(n, k), k, 0);
            assertEquals(3, big.done());
            assertEquals(HpreStatus.BAD_PARAM, big.etype(), "input >= modulus");
            assertFalse(big.ok());
            assertEquals(HpreStatus.BAD_LENGTH, run(q, 0x0, 200, new byte[400], new byte[200], 200, 0).etype());
            assertEquals(HpreStatus.BAD_ALG, run(q, 0xD, 32, new byte[160], new byte[64], 64, 0).etype(),
                    "V2 has no ECC");
            Done after = run(q, 0x0, k, slots(k, priv.getPublicExponent(), n), m, k, 0);
            assertTrue(after.ok(), "the queue keeps working after error completions");
        }
        host.close();
        try (RawQueue q = queue(ModelApi.V3, 1)) {
            assertEquals(HpreStatus.QUEUE_TYPE, run(q, 0x0, k, slots(k, priv.getPublicExponent(), n), m, k, 0).etype(),
                    "RSA on an ECC queue");
            BigInteger[] c = curve(((ECPrivateKey) ecA.getPrivate()).getParams());
            Done one = run(q, 0xE, 32, slots(32, c[0], c[1], BigInteger.ONE, c[2], c[3], c[4], c[5]),
                    slots(32, BigInteger.TEN, BigInteger.TEN), 64, 0);
            assertEquals(HpreStatus.BAD_PARAM, one.etype(), "ECC d <= 1");
            ECPoint w = ((ECPublicKey) ecA.getPublic()).getW();
            Done offCurve = run(q, 0xF, 32, slots(32, c[0], c[1], c[2], c[3], c[4], c[5], w.getAffineX(),
                    w.getAffineY().add(BigInteger.ONE)), slots(32, BigInteger.TEN, BigInteger.TEN, BigInteger.TEN), 0, 0);
            assertEquals(HpreStatus.NOT_ON_CURVE, offCurve.etype(), "public key not on the curve");
        }
    }
}
