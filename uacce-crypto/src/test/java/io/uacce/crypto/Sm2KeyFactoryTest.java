package io.uacce.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.stubs.model.ModelApi;
import java.math.BigInteger;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.jce.interfaces.ECPointEncoder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

/**
 * KeyFactory SM2: the GB/T 32918.5 appendix A key pair from its d (ECPrivateKeySpec: d·G is the
 * standard's P), round trips through X.509 / PKCS#8 / ECPublicKeySpec / ECPrivateKeySpec, BouncyCastle
 * interop both ways (its encodings decoded, compressed points included; ours decoded by it; translated
 * keys sign and verify across), malformed and inconsistent input refused, d·G on the V3 device.
 */
class Sm2KeyFactoryTest {
    private static final Provider SOFT = new UacceProvider(new CryptoSettings(CryptoMode.SOFTWARE, 0, 1000));
    private static final Provider BC = new BouncyCastleProvider();

    private static KeyPair bcPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
        g.initialize(new ECGenParameterSpec("sm2p256v1"));
        return g.generateKeyPair();
    }

    private static ECParameterSpec sm2Spec() throws Exception {
        return ((ECPublicKey) bcPair().getPublic()).getParams();
    }

    /** GB/T 32918.5 A: the example's key pair from d alone, then every spec both ways. */
    static void standardKeyPairAndRoundTrips(Provider p) throws Exception {
        KeyFactory kf = KeyFactory.getInstance("SM2", p);
        ECParameterSpec sm2 = sm2Spec();
        ECPrivateKey priv = (ECPrivateKey) kf.generatePrivate(
                new ECPrivateKeySpec(new BigInteger(1, Sm2KeyPairGeneratorTest.D5), sm2));
        ECPublicKey pub = (ECPublicKey) kf.generatePublic(new ECPublicKeySpec(Sm2KeyPairGeneratorTest.P5, sm2));
        // the private key's public point is d·G: BouncyCastle verifies what we sign with the decoded private key
        KeyPair kp = new KeyPair(pub, priv);
        PkInterop.signVerify(p, BC, "SM3withSM2", kp, "message digest".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] pkcs8 = kf.getKeySpec(priv, PKCS8EncodedKeySpec.class).getEncoded();
        byte[] x509 = kf.getKeySpec(pub, X509EncodedKeySpec.class).getEncoded();
        assertEquals(priv, kf.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
        assertEquals(pub, kf.generatePublic(new X509EncodedKeySpec(x509)));
        assertArrayEquals(pkcs8, kf.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)).getEncoded());
        assertEquals(Sm2KeyPairGeneratorTest.P5, kf.getKeySpec(pub, ECPublicKeySpec.class).getW());
        assertEquals(new BigInteger(1, Sm2KeyPairGeneratorTest.D5), kf.getKeySpec(priv, ECPrivateKeySpec.class).getS());
        assertTrue(kf.getKeySpec(pub, KeySpec.class) instanceof ECPublicKeySpec);
        // BouncyCastle decodes our encodings to the same key
        KeyFactory bc = KeyFactory.getInstance("EC", BC);
        assertEquals(Sm2KeyPairGeneratorTest.P5, ((ECPublicKey) bc.generatePublic(new X509EncodedKeySpec(x509))).getW());
        assertEquals(priv.getS(), ((ECPrivateKey) bc.generatePrivate(new PKCS8EncodedKeySpec(pkcs8))).getS());
    }

    @Test
    void standardKeyPairAndRoundTripsInSoftware() throws Exception {
        standardKeyPairAndRoundTrips(SOFT);
    }

    @Test
    void privateKeysGetDGOnTheV3Device() throws Exception {
        HpreDeviceOnModelTest.onModel(ModelApi.V3, (host, auto) -> {
            long before = ((UacceProvider) auto).statistics().deviceRequests();
            standardKeyPairAndRoundTrips(auto);
            assertTrue(((UacceProvider) auto).statistics().deviceRequests() - before >= 3,
                    "d·G of each decoded private key on the device");
        });
    }

    @Test
    void bouncyCastleEncodingsAndKeys() throws Exception {
        KeyFactory kf = KeyFactory.getInstance("SM2", SOFT);
        for (int i = 0; i < 3; i++) {
            KeyPair bcKp = bcPair();
            ECPublicKey pub = (ECPublicKey) kf.generatePublic(new X509EncodedKeySpec(bcKp.getPublic().getEncoded()));
            ECPrivateKey priv = (ECPrivateKey) kf.generatePrivate(new PKCS8EncodedKeySpec(bcKp.getPrivate().getEncoded()));
            assertEquals(((ECPublicKey) bcKp.getPublic()).getW(), pub.getW(), "BouncyCastle's X.509");
            assertEquals(((ECPrivateKey) bcKp.getPrivate()).getS(), priv.getS(), "BouncyCastle's PKCS#8");
            assertArrayEquals(bcKp.getPublic().getEncoded(), pub.getEncoded(), "our X.509 is BouncyCastle's");
            // a compressed point (BouncyCastle's COMPRESSED format)
            ((ECPointEncoder) bcKp.getPublic()).setPointFormat("COMPRESSED");
            byte[] compressed = bcKp.getPublic().getEncoded();
            assertEquals(33 + 26, compressed.length, "BouncyCastle wrote a compressed point");
            assertEquals(pub, kf.generatePublic(new X509EncodedKeySpec(compressed)), "compressed point decoded");
            // translateKey: BouncyCastle's key objects to ours; signatures across with BouncyCastle
            Key tPub = kf.translateKey(bcKp.getPublic());
            Key tPriv = kf.translateKey(bcKp.getPrivate());
            assertEquals(pub, tPub);
            assertEquals(priv, tPriv);
            assertTrue(tPub.getClass().getName().endsWith("Sm2PublicKey"), tPub.getClass().getName());
            byte[] msg = {(byte) i, 2, 3};
            PkInterop.signVerify(SOFT, BC, "SM3withSM2", new KeyPair((PublicKey) bcKp.getPublic(), (PrivateKey) tPriv), msg);
            PkInterop.signVerify(BC, SOFT, "SM3withSM2", new KeyPair((PublicKey) tPub, bcKp.getPrivate()), msg);
            assertEquals(tPub, kf.translateKey(tPub), "ours stay ours");
        }
        // the GB/T 32918.2 test curve by ECPublicKeySpec/ECPrivateKeySpec (no encoding there)
        ECPrivateKey t = (ECPrivateKey) kf.generatePrivate(new ECPrivateKeySpec(Sm2SignatureTest.D, Sm2SignatureTest.TEST_CURVE));
        ECPublicKey tp = (ECPublicKey) kf.generatePublic(new ECPublicKeySpec(Sm2SignatureTest.PUB, Sm2SignatureTest.TEST_CURVE));
        assertEquals(Sm2SignatureTest.D, kf.getKeySpec(t, ECPrivateKeySpec.class).getS());
        assertThrows(InvalidKeySpecException.class, () -> kf.getKeySpec(tp, X509EncodedKeySpec.class), "no encoding");
    }

    @Test
    void malformedAndInconsistentKeysAreRefused() throws Exception {
        KeyFactory kf = KeyFactory.getInstance("SM2", SOFT);
        KeyPair a = bcPair(), b = bcPair();
        ECParameterSpec sm2 = ((ECPublicKey) a.getPublic()).getParams();
        ECPoint w = ((ECPublicKey) a.getPublic()).getW();
        assertThrows(InvalidKeySpecException.class, () -> kf.generatePublic(
                new ECPublicKeySpec(new ECPoint(w.getAffineX(), w.getAffineY().add(BigInteger.ONE)), sm2)), "off the curve");
        byte[] x509 = a.getPublic().getEncoded();
        byte[] offCurve = x509.clone();
        offCurve[offCurve.length - 1] ^= 1;
        assertThrows(InvalidKeySpecException.class, () -> kf.generatePublic(new X509EncodedKeySpec(offCurve)));
        byte[] trailing = Arrays.copyOf(x509, x509.length + 1);
        assertThrows(InvalidKeySpecException.class, () -> kf.generatePublic(new X509EncodedKeySpec(trailing)));
        byte[] truncated = Arrays.copyOf(x509, x509.length - 1);
        assertThrows(InvalidKeySpecException.class, () -> kf.generatePublic(new X509EncodedKeySpec(truncated)));
        KeyPairGenerator p256 = KeyPairGenerator.getInstance("EC", "SunEC");
        p256.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair other = p256.generateKeyPair();
        assertThrows(InvalidKeySpecException.class,
                () -> kf.generatePublic(new X509EncodedKeySpec(other.getPublic().getEncoded())), "P-256 is not SM2");
        assertThrows(InvalidKeySpecException.class,
                () -> kf.generatePrivate(new PKCS8EncodedKeySpec(other.getPrivate().getEncoded())), "P-256 is not SM2");
        BigInteger n = sm2.getOrder();
        for (BigInteger d : new BigInteger[] {BigInteger.ZERO, n.subtract(BigInteger.ONE), n}) {
            assertThrows(InvalidKeySpecException.class, () -> kf.generatePrivate(new ECPrivateKeySpec(d, sm2)), "d = " + d);
        }
        // PKCS#8 of a whose embedded public key is b's: not d·G
        byte[] pkcs8 = kf.translateKey(a.getPrivate()).getEncoded();
        byte[] pa = Arrays.copyOfRange(x509, x509.length - 65, x509.length);
        byte[] pb = Arrays.copyOfRange(b.getPublic().getEncoded(), x509.length - 65, x509.length);
        int at = indexOf(pkcs8, pa);
        assertTrue(at > 0, "our PKCS#8 carries the public key");
        byte[] swapped = pkcs8.clone();
        System.arraycopy(pb, 0, swapped, at, 65);
        assertNotEquals(-1, indexOf(swapped, pb));
        assertThrows(InvalidKeySpecException.class, () -> kf.generatePrivate(new PKCS8EncodedKeySpec(swapped)));
        assertThrows(InvalidKeySpecException.class, () -> kf.generatePrivate(new X509EncodedKeySpec(x509)));
        KeyPair x = KeyPairGenerator.getInstance("X25519", "SunEC").generateKeyPair();
        assertThrows(java.security.InvalidKeyException.class, () -> kf.translateKey(x.getPublic()), "not an EC key");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
