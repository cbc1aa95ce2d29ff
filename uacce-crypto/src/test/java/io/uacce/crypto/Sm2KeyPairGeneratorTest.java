package io.uacce.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.HpreDeviceException;
import io.uacce.crypto.types.Sm2ParameterSpec;
import io.uacce.stubs.model.ModelApi;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidParameterException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import javax.crypto.Cipher;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

/**
 * KeyPairGenerator SM2 (and EC with sm2p256v1): the key pairs of the GB/T 32918 examples from their
 * private keys (a SecureRandom that yields d), signatures of the examples with the generated keys,
 * BouncyCastle interop both ways (signatures, encryption, the X.509/PKCS#8 encodings), the [1, n-2]
 * range of d, and on the model: d·G on the V3 device (counted), software on V2 in AUTO, refused on
 * V2 in HARDWARE.
 */
class Sm2KeyPairGeneratorTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Provider SOFT = new UacceProvider(new CryptoSettings(CryptoMode.SOFTWARE, 0, 1000));
    private static final Provider BC = new BouncyCastleProvider();

    private static BigInteger h(String s) {
        return new BigInteger(s, 16);
    }

    /** GB/T 32918.5-2017 appendix A (= GM/T 0003.5-2012): the signature example on sm2p256v1. */
    static final byte[] D5 = HEX.parseHex("3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8");
    static final ECPoint P5 = new ECPoint(h("09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020"),
            h("ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13"));
    static final byte[] K5 = HEX.parseHex("59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21");
    static final BigInteger R5 = h("f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3");
    static final BigInteger S5 = h("b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa");

    /** A SecureRandom that yields the given byte arrays in turn (each call must ask for its length). */
    static SecureRandom yielding(byte[]... values) {
        return KeyGenVectors.yielding(values);
    }

    private static KeyPair generate(Provider p, String alg, java.security.spec.AlgorithmParameterSpec spec,
            SecureRandom rnd) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(alg, p);
        g.initialize(spec, rnd);
        return g.generateKeyPair();
    }

    /** The example key pair from its d, then the example's signature with it (its k) and a BouncyCastle verify. */
    static void recommendedCurveExample(Provider p, String alg) throws Exception {
        KeyPair kp = generate(p, alg, new ECGenParameterSpec("sm2p256v1"), yielding(D5));
        assertEquals(new BigInteger(1, D5), ((ECPrivateKey) kp.getPrivate()).getS());
        assertEquals(P5, ((ECPublicKey) kp.getPublic()).getW(), "GB/T 32918.5 A: P = d·G");
        Signature s = Signature.getInstance("SM3withSM2", p);
        s.initSign(kp.getPrivate(), Sm2SignatureTest.fixed(K5));
        byte[] msg = "message digest".getBytes(StandardCharsets.US_ASCII);
        s.update(msg);
        byte[] sig = s.sign();
        assertArrayEquals(Sm2SignatureTest.der(R5, S5), sig, "GB/T 32918.5 A: (r, s), default ID");
        Signature v = Signature.getInstance("SM3withSM2", BC);
        v.initVerify(bcPublic(kp));
        v.update(msg);
        assertTrue(v.verify(sig), "BouncyCastle verifies it with the decoded public key");
    }

    /** The key pair of the GB/T 32918.2 A.2 example on its test curve (no encoding: not a named curve). */
    static void testCurveExample(Provider p) throws Exception {
        KeyPair kp = generate(p, "SM2", Sm2SignatureTest.TEST_CURVE,
                yielding(Sm2SignatureTest.D.toByteArray()));
        assertEquals(Sm2SignatureTest.PUB, ((ECPublicKey) kp.getPublic()).getW(), "GB/T 32918.2 A.2: P_A = d_A·G");
        assertNull(kp.getPublic().getEncoded());
        Signature s = Signature.getInstance("SM3withSM2", p);
        s.setParameter(Sm2SignatureTest.ID);
        s.initSign(kp.getPrivate(), Sm2SignatureTest.fixed(Sm2SignatureTest.K));
        s.update(Sm2SignatureTest.MSG);
        assertArrayEquals(Sm2SignatureTest.der(Sm2SignatureTest.R, Sm2SignatureTest.S), s.sign());
    }

    private static java.security.PublicKey bcPublic(KeyPair kp) throws Exception {
        return KeyFactory.getInstance("EC", BC).generatePublic(new X509EncodedKeySpec(kp.getPublic().getEncoded()));
    }

    /** Our keys decoded by BouncyCastle are the same keys; its re-encoding of the public key is byte-identical. */
    static void encodingsInterop(KeyPair kp) throws Exception {
        KeyFactory bc = KeyFactory.getInstance("EC", BC);
        ECPublicKey pub = (ECPublicKey) bcPublic(kp);
        assertEquals(((ECPublicKey) kp.getPublic()).getW(), pub.getW());
        assertArrayEquals(kp.getPublic().getEncoded(), pub.getEncoded(), "X.509 as BouncyCastle writes it");
        assertEquals("sm2p256v1", ((org.bouncycastle.jce.spec.ECNamedCurveSpec) pub.getParams()).getName());
        ECPrivateKey priv = (ECPrivateKey) bc.generatePrivate(new PKCS8EncodedKeySpec(kp.getPrivate().getEncoded()));
        assertEquals(((ECPrivateKey) kp.getPrivate()).getS(), priv.getS());
        assertEquals("X.509", kp.getPublic().getFormat());
        assertEquals("PKCS#8", kp.getPrivate().getFormat());
    }

    /** SM2 encryption both ways with BouncyCastle's Cipher "SM2" (C1C2C3) on a generated key pair. */
    static void encryptionInterop(Provider p, KeyPair kp) throws Exception {
        byte[] msg = "encryption standard".getBytes(StandardCharsets.US_ASCII);
        Cipher bc = Cipher.getInstance("SM2", BC);
        bc.init(Cipher.ENCRYPT_MODE, bcPublic(kp));
        Cipher ours = Cipher.getInstance("SM2", p);
        ours.init(Cipher.DECRYPT_MODE, kp.getPrivate());
        assertArrayEquals(msg, ours.doFinal(bc.doFinal(msg)), "BouncyCastle's ciphertext to our key");
        ours.init(Cipher.ENCRYPT_MODE, kp.getPublic());
        byte[] ct = ours.doFinal(msg);
        bc.init(Cipher.DECRYPT_MODE, KeyFactory.getInstance("EC", BC)
                .generatePrivate(new PKCS8EncodedKeySpec(kp.getPrivate().getEncoded())));
        assertArrayEquals(msg, bc.doFinal(ct), "our ciphertext decrypted by BouncyCastle with the decoded key");
    }

    private static void all(Provider p) throws Exception {
        recommendedCurveExample(p, "SM2");
        recommendedCurveExample(p, "EC");
        testCurveExample(p);
        KeyPairGenerator g = KeyPairGenerator.getInstance("SM2", p);
        Sm2SignatureTest.interop(p, g);
        KeyPair kp = g.generateKeyPair();
        encodingsInterop(kp);
        encryptionInterop(p, kp);
    }

    @Test
    void examplesAndInteropInSoftware() throws Exception {
        all(SOFT);
    }

    @Test
    void pointMultiplyOnTheV3DeviceInAutoAndHardware() throws Exception {
        HpreDeviceOnModelTest.onModel(ModelApi.V3, (host, auto) -> {
            all(auto);
            long before = host.devices().getFirst().completions();
            recommendedCurveExample(HpreDeviceOnModelTest.provider(host, CryptoMode.HARDWARE), "SM2");
            assertTrue(host.devices().getFirst().completions() > before, "d·G on the device in HARDWARE");
            before = host.devices().getFirst().completions();
            KeyPairGenerator.getInstance("SM2", auto).generateKeyPair();
            assertEquals(1, host.devices().getFirst().completions() - before, "one alg 0xD request per key pair");
        });
    }

    @Test
    void v2SoftwareInAutoRefusedInHardware() throws Exception {
        HpreDeviceOnModelTest.onModel(ModelApi.V2, (host, auto) -> {
            long before = host.devices().getFirst().completions();
            recommendedCurveExample(auto, "SM2");
            assertEquals(before, host.devices().getFirst().completions(), "V2: no ECC engine, software");
            KeyPairGenerator g = KeyPairGenerator.getInstance("SM2", HpreDeviceOnModelTest.provider(host, CryptoMode.HARDWARE));
            HpreDeviceException e = assertThrows(HpreDeviceException.class, g::generateKeyPair);
            assertTrue(e.getMessage().contains("no ECC queues"), e.getMessage());
            assertTrue(e.getMessage().contains("hisi_hpre-"), "names the device: " + e.getMessage());
        });
    }

    @Test
    void privateKeyStaysInOneToNMinusTwo() throws Exception {
        BigInteger n = new BigInteger("fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123", 16);
        byte[] nMinus1 = n.subtract(BigInteger.ONE).toByteArray(); // 33 bytes with the sign byte
        byte[] tooBig = java.util.Arrays.copyOfRange(nMinus1, 1, 33);
        KeyPair kp = generate(SOFT, "SM2", new ECGenParameterSpec("sm2p256v1"), yielding(tooBig, new byte[32], D5));
        assertEquals(new BigInteger(1, D5), ((ECPrivateKey) kp.getPrivate()).getS(), "n-1 and 0 drawn again");
    }

    @Test
    void parametersOtherThanSm2AreRefusedOrSunEc() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("SM2", SOFT);
        assertThrows(InvalidParameterException.class, () -> g.initialize(384));
        assertThrows(InvalidAlgorithmParameterException.class, () -> g.initialize(new ECGenParameterSpec("secp256r1")));
        KeyPair p256 = generate(SOFT, "EC", new ECGenParameterSpec("secp256r1"), new SecureRandom());
        assertTrue(p256.getPublic().getClass().getName().startsWith("sun.security.ec"), "P-256: SunEC's keys");
        KeyPairGenerator.getInstance("SM2", SOFT).initialize(256);
        Signature s = Signature.getInstance("SM3withSM2", SOFT);
        s.setParameter(new Sm2ParameterSpec("x"));
        assertThrows(java.security.InvalidKeyException.class, () -> s.initSign(null));
    }
}
