package io.uacce.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.crypto.KeyGenVectors;
import io.uacce.crypto.PkInterop;
import io.uacce.crypto.UacceProvider;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.HpreDeviceException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Key generation behind the {@code UACCE} provider on the target's HPRE device (public JCA API
 * only): KeyPairGenerator EC gives RFC 6979's key pairs (P-256/384/521) from their d and XDH gives
 * RFC 7748 §6's (X25519, X448: Alice and Bob) from their private keys, each with one counted device
 * request on V3+; the keys work with SunEC (ECDSA, ECDH both ways, XDH's K). V1/V2 (no ECC engine):
 * AUTO generates in software (no request), HARDWARE refuses naming the device. KeyFactory SM2 with
 * BouncyCastle's encodings.
 */
@ExtendWith(TargetExtension.class)
class HpreKeyGenerationTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Provider SUN_EC = Security.getProvider("SunEC");
    private static final String[] HASHES = {"SHA256", "SHA384", "SHA512"};

    private static int orderBits(String curve) throws Exception {
        java.security.AlgorithmParameters ap = java.security.AlgorithmParameters.getInstance("EC", "SunEC");
        ap.init(new ECGenParameterSpec(curve));
        return ap.getParameterSpec(java.security.spec.ECParameterSpec.class).getOrder().bitLength();
    }

    private static long requests(UacceProvider p) {
        return p.statistics().deviceRequests();
    }

    /** RFC 6979's key pairs from their d, one device request each, then SunEC ECDSA and ECDH both ways. */
    private static void ecKnownAnswers(UacceProvider p) throws Exception {
        for (int i = 0; i < KeyGenVectors.RFC6979.length; i++) {
            String[] v = KeyGenVectors.RFC6979[i];
            BigInteger d = new BigInteger(v[1], 16);
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", p);
            g.initialize(new ECGenParameterSpec(v[0]), KeyGenVectors.yieldingScalar(d, orderBits(v[0])));
            long before = requests(p);
            KeyPair kp = g.generateKeyPair();
            assertEquals(1, requests(p) - before, v[0] + ": d·G on the device (" + p.statistics() + ")");
            assertEquals(d, ((ECPrivateKey) kp.getPrivate()).getS(), v[0]);
            assertEquals(new ECPoint(new BigInteger(v[2], 16), new BigInteger(v[3], 16)),
                    ((ECPublicKey) kp.getPublic()).getW(), v[0] + ": RFC 6979 public key");
            sunEc(kp, v[0], HASHES[i]);
        }
    }

    private static void sunEc(KeyPair kp, String curve, String hash) throws Exception {
        byte[] msg = "a generated key".getBytes(StandardCharsets.US_ASCII);
        PkInterop.signVerify(SUN_EC, SUN_EC, hash + "withECDSA", kp, msg);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", SUN_EC);
        g.initialize(new ECGenParameterSpec(curve));
        KeyPair peer = g.generateKeyPair();
        assertArrayEquals(PkInterop.agree(SUN_EC, "ECDH", kp, peer), PkInterop.agree(SUN_EC, "ECDH", peer, kp),
                curve + ": ECDH with SunEC both ways");
    }

    /** RFC 7748 §6's public keys from Alice's and Bob's private keys; K by SunEC. */
    private static void xdhKnownAnswers(UacceProvider p, int requestsPerKey) throws Exception {
        for (String[] v : KeyGenVectors.RFC7748) {
            KeyPair[] kp = new KeyPair[2];
            for (int who = 0; who < 2; who++) {
                KeyPairGenerator g = KeyPairGenerator.getInstance(v[0], p);
                g.initialize(new NamedParameterSpec(v[0]), KeyGenVectors.yielding(HEX.parseHex(v[1 + 2 * who])));
                long before = requests(p);
                kp[who] = g.generateKeyPair();
                assertEquals(requestsPerKey, requests(p) - before, v[0] + " (" + p.statistics() + ")");
                int len = v[0].equals("X25519") ? 32 : 56;
                assertEquals(v[2 + 2 * who], HEX.formatHex(KeyGenVectors.littleEndian(
                        ((XECPublicKey) kp[who].getPublic()).getU(), len)), v[0] + ": RFC 7748 §6 public key");
            }
            assertEquals(v[5], HEX.formatHex(PkInterop.agree(SUN_EC, "XDH", kp[0], kp[1])), v[0] + ": K");
        }
    }

    /** On a V3+ device: both sets of known answers, one device request per key pair; false on V1/V2. */
    private static boolean onTheDevice(io.uacce.DeviceInfo hpre, UacceProvider p) throws Exception {
        if (!HpreDevices.ecc(hpre)) {
            return false;
        }
        ecKnownAnswers(p);
        xdhKnownAnswers(p, 1);
        return true;
    }

    @Test
    void keyGenerationOnTheDeviceOrInSoftware(ConformanceTarget t) throws Exception {
        HpreDevices.run(t, CryptoMode.AUTO, (hpre, p) -> {
            if (!onTheDevice(hpre, p)) { // no ECC engine: AUTO generates in software
                long before = requests(p);
                xdhKnownAnswers(p, 0);
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC", p);
                g.initialize(new ECGenParameterSpec("secp256r1"));
                sunEc(g.generateKeyPair(), "secp256r1", "SHA256");
                assertEquals(before, requests(p), hpre.name() + " has no ECC engine: software");
            }
        });
    }

    @Test
    void hardwareModeGeneratesOnTheDeviceOrRefuses(ConformanceTarget t) throws Exception {
        HpreDevices.run(t, CryptoMode.HARDWARE, (hpre, p) -> {
            if (onTheDevice(hpre, p)) {
                return;
            }
            for (String alg : new String[] {"EC", "X25519", "X448"}) {
                KeyPairGenerator g = KeyPairGenerator.getInstance(alg, p);
                HpreDeviceException e = assertThrows(HpreDeviceException.class, g::generateKeyPair, alg);
                assertEquals(hpre.name(), e.device(), e.getMessage());
            }
        });
    }

    @Test
    void sm2KeyFactoryWithBouncyCastle(ConformanceTarget t) throws Exception {
        HpreDevices.run(t, CryptoMode.AUTO, (hpre, p) -> {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", SecDevices.BC);
            g.initialize(new ECGenParameterSpec("sm2p256v1"));
            KeyPair bc = g.generateKeyPair();
            KeyFactory kf = KeyFactory.getInstance("SM2", p);
            long before = requests(p);
            ECPublicKey pub = (ECPublicKey) kf.generatePublic(new X509EncodedKeySpec(bc.getPublic().getEncoded()));
            ECPrivateKey priv = (ECPrivateKey) kf.generatePrivate(new PKCS8EncodedKeySpec(bc.getPrivate().getEncoded()));
            assertEquals(HpreDevices.ecc(hpre) ? 1 : 0, requests(p) - before, "d·G of the decoded private key");
            assertEquals(((ECPublicKey) bc.getPublic()).getW(), pub.getW());
            assertEquals(((ECPrivateKey) bc.getPrivate()).getS(), priv.getS());
            assertArrayEquals(bc.getPublic().getEncoded(), pub.getEncoded(), "X.509 as BouncyCastle writes it");
            KeyFactory bcKf = KeyFactory.getInstance("EC", SecDevices.BC);
            assertEquals(priv.getS(), ((ECPrivateKey) bcKf.generatePrivate(new PKCS8EncodedKeySpec(priv.getEncoded()))).getS());
            byte[] msg = new byte[1 + new SecureRandom().nextInt(100)];
            PkInterop.signVerify(p, SecDevices.BC, "SM3withSM2", new KeyPair(bc.getPublic(), priv), msg);
            PkInterop.signVerify(SecDevices.BC, p, "SM3withSM2", new KeyPair(pub, bc.getPrivate()), msg);
        });
    }
}
