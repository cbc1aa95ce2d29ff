package io.uacce.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.HpreDeviceException;
import io.uacce.stubs.model.ModelApi;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import java.security.spec.NamedParameterSpec;
import java.util.HexFormat;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.junit.jupiter.api.Test;

/**
 * KeyPairGenerator EC and XDH/X25519/X448 with the public key computed on the device: known answers
 * from standards fed through a SecureRandom that yields them (RFC 6979 A.2.5-A.2.7 key pairs, the
 * GB/T 32918.2 A.2 key pair on its test curve given as ECParameterSpec, RFC 7748 §6.1/§6.2 Alice and
 * Bob), random keys whose Q BouncyCastle recomputes from d, interop with SunEC (ECDSA, ECDH both
 * ways, XDH), device requests counted in the provider statistics on the model's V3 HPRE (AUTO and
 * HARDWARE), software on V2 in AUTO and {@link HpreDeviceException} in HARDWARE.
 */
class HpreKeyPairGeneratorTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Provider SOFT = new UacceProvider(new CryptoSettings(CryptoMode.SOFTWARE, 0, 1000));
    private static final Provider SUN_EC = Security.getProvider("SunEC");

    private static BigInteger h(String s) {
        return new BigInteger(s, 16);
    }

    private static final String[][] RFC6979 = KeyGenVectors.RFC6979;
    private static final String[][] RFC7748 = KeyGenVectors.RFC7748;

    private static SecureRandom yieldingScalar(BigInteger d, int orderBits) {
        return KeyGenVectors.yieldingScalar(d, orderBits);
    }

    private static KeyPair generate(Provider p, String alg, AlgorithmParameterSpec spec, SecureRandom rnd)
            throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(alg, p);
        g.initialize(spec, rnd);
        return g.generateKeyPair();
    }

    private static long requests(Provider p) {
        return ((UacceProvider) p).statistics().deviceRequests();
    }

    /** Q = d·G by BouncyCastle (an independent implementation) on the key's curve. */
    static void qIsDG(KeyPair kp) {
        ECParameterSpec s = ((ECPublicKey) kp.getPublic()).getParams();
        org.bouncycastle.math.ec.ECCurve c = new org.bouncycastle.math.ec.ECCurve.Fp(
                ((ECFieldFp) s.getCurve().getField()).getP(), s.getCurve().getA(), s.getCurve().getB(), s.getOrder(),
                BigInteger.valueOf(s.getCofactor()));
        org.bouncycastle.math.ec.ECPoint q = c.createPoint(s.getGenerator().getAffineX(), s.getGenerator().getAffineY())
                .multiply(((ECPrivateKey) kp.getPrivate()).getS()).normalize();
        ECPoint w = ((ECPublicKey) kp.getPublic()).getW();
        assertEquals(q.getAffineXCoord().toBigInteger(), w.getAffineX(), "Q = d·G (BouncyCastle), x");
        assertEquals(q.getAffineYCoord().toBigInteger(), w.getAffineY(), "Q = d·G (BouncyCastle), y");
    }

    /** The pair works with SunEC: ECDSA both ways, ECDH both ways with a SunEC key pair (and ours). */
    static void sunEcInterop(Provider ours, KeyPair kp, String curve, String hash) throws Exception {
        assertTrue(kp.getPublic().getClass().getName().startsWith("sun.security.ec"), "SunEC's key classes");
        assertTrue(kp.getPrivate().getClass().getName().startsWith("sun.security.ec"), "SunEC's key classes");
        byte[] msg = "generated on the device".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        PkInterop.signVerify(SUN_EC, SUN_EC, hash + "withECDSA", kp, msg);
        PkInterop.signVerify(ours, SUN_EC, hash + "withECDSA", kp, msg);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", SUN_EC);
        g.initialize(new ECGenParameterSpec(curve));
        KeyPair peer = g.generateKeyPair();
        byte[] a = PkInterop.agree(SUN_EC, "ECDH", kp, peer);
        assertArrayEquals(a, PkInterop.agree(SUN_EC, "ECDH", peer, kp), "ECDH with SunEC, both ways");
        assertArrayEquals(a, PkInterop.agree(ours, "ECDH", kp, peer), "ECDH with the provider");
    }

    /** RFC 6979's key pairs from their d through the generator, one device request each (counted). */
    private static void rfc6979KeyPairs(Provider p, boolean onDevice) throws Exception {
        String[] hashes = {"SHA256", "SHA384", "SHA512"};
        for (int i = 0; i < RFC6979.length; i++) {
            String[] v = RFC6979[i];
            BigInteger d = h(v[1]);
            int bits = EcOrders.bits(v[0]);
            long before = requests(p);
            KeyPair kp = generate(p, "EC", new ECGenParameterSpec(v[0]), yieldingScalar(d, bits));
            assertEquals(onDevice ? 1 : 0, requests(p) - before, v[0] + ": d·G on the device (alg 0xD)");
            assertEquals(d, ((ECPrivateKey) kp.getPrivate()).getS(), v[0] + ": d by FIPS 186-5 A.2.1");
            assertEquals(new ECPoint(h(v[2]), h(v[3])), ((ECPublicKey) kp.getPublic()).getW(), v[0] + ": RFC 6979 Q");
            sunEcInterop(p, kp, v[0], hashes[i]);
        }
    }

    /** The curves' order bit lengths (from the JDK's parameters). */
    private static final class EcOrders {
        static int bits(String curve) throws Exception {
            java.security.AlgorithmParameters ap = java.security.AlgorithmParameters.getInstance("EC");
            ap.init(new ECGenParameterSpec(curve));
            return ap.getParameterSpec(ECParameterSpec.class).getOrder().bitLength();
        }
    }

    @Test
    void ecKnownAnswersOnTheV3DeviceInAutoAndHardware() throws Exception {
        HpreDeviceOnModelTest.onModel(ModelApi.V3, (host, auto) -> {
            rfc6979KeyPairs(auto, true);
            rfc6979KeyPairs(HpreDeviceOnModelTest.provider(host, CryptoMode.HARDWARE), true);
            for (String c : new String[] {"secp256r1", "secp384r1", "secp521r1"}) {
                KeyPair kp = generate(auto, "EC", new ECGenParameterSpec(c), new SecureRandom());
                qIsDG(kp);
            }
            long before = requests(auto);
            KeyPair dflt = KeyPairGenerator.getInstance("EC", auto).generateKeyPair();
            assertEquals(1, requests(auto) - before, "the default curve on the device too");
            assertEquals(384, ((ECPublicKey) dflt.getPublic()).getParams().getOrder().bitLength(), "default P-384 (JDK 20+)");
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", auto);
            g.initialize(521);
            qIsDG(g.generateKeyPair());
        });
    }

    @Test
    void explicitPrimeCurvesOnTheDevice() throws Exception {
        HpreDeviceOnModelTest.onModel(ModelApi.V3, (host, auto) -> {
            // GB/T 32918.2 A.2: its test curve given by parameters (not a SunEC curve: the provider's key classes)
            long before = requests(auto);
            KeyPair kp = generate(auto, "EC", Sm2SignatureTest.TEST_CURVE,
                    yieldingScalar(Sm2SignatureTest.D, Sm2SignatureTest.TEST_CURVE.getOrder().bitLength()));
            assertEquals(1, requests(auto) - before, "d·G on the device");
            assertEquals(Sm2SignatureTest.PUB, ((ECPublicKey) kp.getPublic()).getW(), "GB/T 32918.2 A.2: P = d·G");
            qIsDG(generate(auto, "EC", Sm2SignatureTest.TEST_CURVE, new SecureRandom()));
            // brainpoolP256r1 as explicit parameters (BouncyCastle's table): Q = d·G, and BouncyCastle verifies our ECDSA
            X9ECParameters x9 = ECNamedCurveTable.getByName("brainpoolP256r1");
            ECParameterSpec bp = new ECParameterSpec(new EllipticCurve(new ECFieldFp(x9.getCurve().getField().getCharacteristic()),
                    x9.getCurve().getA().toBigInteger(), x9.getCurve().getB().toBigInteger()),
                    new ECPoint(x9.getG().getAffineXCoord().toBigInteger(), x9.getG().getAffineYCoord().toBigInteger()),
                    x9.getN(), x9.getH().intValueExact());
            before = requests(auto);
            KeyPair b = generate(auto, "EC", bp, new SecureRandom());
            assertEquals(1, requests(auto) - before, "brainpoolP256r1 d·G on the device");
            qIsDG(b);
            PkInterop.signVerify(auto, new org.bouncycastle.jce.provider.BouncyCastleProvider(), "SHA256withECDSA", b,
                    new byte[] {1, 2, 3});
        });
    }

    @Test
    void ecInSoftwareIsSunEcs() throws Exception {
        for (String[] c : new String[][] {{"secp256r1", "SHA256"}, {"secp384r1", "SHA384"}, {"secp521r1", "SHA512"}}) {
            KeyPair kp = generate(SOFT, "EC", new ECGenParameterSpec(c[0]), new SecureRandom());
            qIsDG(kp);
            sunEcInterop(SOFT, kp, c[0], c[1]);
        }
        KeyPair t = generate(SOFT, "EC", Sm2SignatureTest.TEST_CURVE,
                yieldingScalar(Sm2SignatureTest.D, Sm2SignatureTest.TEST_CURVE.getOrder().bitLength()));
        assertEquals(Sm2SignatureTest.PUB, ((ECPublicKey) t.getPublic()).getW(), "not a SunEC curve: d·G in software");
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", SOFT);
        assertThrows(java.security.InvalidParameterException.class, () -> g.initialize(192));
        assertThrows(java.security.InvalidAlgorithmParameterException.class,
                () -> g.initialize(new ECGenParameterSpec("no-such-curve")));
        ECParameterSpec tc = ((ECPublicKey) t.getPublic()).getParams();
        ECParameterSpec offCurve = new ECParameterSpec(tc.getCurve(),
                new ECPoint(tc.getGenerator().getAffineX(), tc.getGenerator().getAffineY().add(BigInteger.ONE)),
                tc.getOrder(), 1);
        assertThrows(java.security.InvalidAlgorithmParameterException.class, () -> g.initialize(offCurve));
    }

    @Test
    void ecAndXdhOnV2SoftwareInAutoRefusedInHardware() throws Exception {
        HpreDeviceOnModelTest.onModel(ModelApi.V2, (host, auto) -> {
            long before = requests(auto);
            KeyPair kp = generate(auto, "EC", new ECGenParameterSpec("secp256r1"), new SecureRandom());
            qIsDG(kp);
            sunEcInterop(auto, kp, "secp256r1", "SHA256");
            KeyPair x = KeyPairGenerator.getInstance("X25519", auto).generateKeyPair();
            assertEquals(before, requests(auto), "V2 has no ECC engine: software");
            assertTrue(x.getPublic() instanceof XECPublicKey);
            Provider hw = HpreDeviceOnModelTest.provider(host, CryptoMode.HARDWARE);
            for (String alg : new String[] {"EC", "X25519", "X448"}) {
                KeyPairGenerator g = KeyPairGenerator.getInstance(alg, hw);
                HpreDeviceException e = assertThrows(HpreDeviceException.class, g::generateKeyPair, alg);
                assertTrue(e.getMessage().contains("no ECC queues"), e.getMessage());
                assertTrue(e.getMessage().contains("hisi_hpre-"), "names the device: " + e.getMessage());
            }
        });
    }

    /** RFC 7748 §6: Alice's and Bob's public keys from their private keys, then K with SunEC both ways. */
    private static void rfc7748KeyPairs(Provider p, long requestsPerPair) throws Exception {
        for (String[] v : RFC7748) {
            int len = v[0].equals("X25519") ? 32 : 56;
            KeyPair[] pair = new KeyPair[2];
            for (int who = 0; who < 2; who++) {
                String alg = who == 0 ? v[0] : "XDH";
                long before = requests(p);
                pair[who] = generate(p, alg, new NamedParameterSpec(v[0]), KeyGenVectors.yielding(
                        HEX.parseHex(v[1 + 2 * who])));
                assertEquals(requestsPerPair, requests(p) - before, v[0] + ": X(k, base) on the device (alg 0x10)");
                assertEquals(v[2 + 2 * who], HEX.formatHex(KeyGenVectors.littleEndian(((XECPublicKey) pair[who].getPublic()).getU(), len)),
                        v[0] + (who == 0 ? " Alice" : " Bob") + ": RFC 7748 §6 public key");
                assertArrayEquals(HEX.parseHex(v[1 + 2 * who]), ((XECPrivateKey) pair[who].getPrivate()).getScalar()
                        .orElseThrow(), "the private key as drawn");
                assertTrue(pair[who].getPublic().getClass().getName().startsWith("sun.security.ec"), "SunEC's XEC keys");
            }
            assertEquals(v[5], HEX.formatHex(PkInterop.agree(SUN_EC, "XDH", pair[0], pair[1])), v[0] + ": K (SunEC)");
            assertEquals(v[5], HEX.formatHex(PkInterop.agree(SUN_EC, "XDH", pair[1], pair[0])), v[0] + ": K (SunEC)");
        }
    }

    @Test
    void xdhKnownAnswersInSoftwareAndOnTheV3Device() throws Exception {
        rfc7748KeyPairs(SOFT, 0);
        HpreDeviceOnModelTest.onModel(ModelApi.V3, (host, auto) -> {
            rfc7748KeyPairs(auto, 1);
            rfc7748KeyPairs(HpreDeviceOnModelTest.provider(host, CryptoMode.HARDWARE), 1);
            KeyPair d = KeyPairGenerator.getInstance("XDH", auto).generateKeyPair();
            assertEquals("X25519", ((NamedParameterSpec) ((XECPublicKey) d.getPublic()).getParams()).getName(),
                    "XDH defaults to X25519, as SunEC");
            KeyPairGenerator x448 = KeyPairGenerator.getInstance("XDH", auto);
            x448.initialize(448);
            KeyPair a = x448.generateKeyPair(), b = x448.generateKeyPair();
            assertArrayEquals(PkInterop.agree(SUN_EC, "X448", a, b), PkInterop.agree(auto, "X448", b, a));
        });
        KeyPairGenerator g = KeyPairGenerator.getInstance("X25519", SOFT);
        assertThrows(java.security.InvalidParameterException.class, () -> g.initialize(448));
        assertThrows(java.security.InvalidAlgorithmParameterException.class, () -> g.initialize(NamedParameterSpec.X448));
        assertThrows(java.security.InvalidAlgorithmParameterException.class,
                () -> g.initialize(new ECGenParameterSpec("secp256r1")));
    }
}
