package io.uacce.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.uacce.crypto.types.HpreDeviceException;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.PkInterop;
import io.uacce.crypto.types.ProviderStatistics;
import io.uacce.crypto.UacceProvider;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HPRE device behind the {@code UACCE} provider (public JCA API only): interop with the JDK's
 * providers (SunRsaSign, SunJCE, SunEC) and BouncyCastle (SM2) on random keys both ways, RFC 7748
 * §5.2 known answers, SM2 signatures, encryption and key generation (GB/T 32918.5 key pair) with BouncyCastle, HARDWARE mode (device only; V2 refuses ECC naming the device), with the
 * device requests counted.
 */
@ExtendWith(TargetExtension.class)
class HpreProviderTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RND = new SecureRandom();

    private static void signVerify(Provider signer, Provider verifier, String alg, KeyPair kp) throws Exception {
        byte[] msg = new byte[1 + RND.nextInt(200)];
        RND.nextBytes(msg);
        PkInterop.signVerify(signer, verifier, alg, kp, msg);
    }

    private static KeyPair rsa2048;

    /** One random RSA-2048 key pair (SunRsaSign) per run, shared by the tests: key generation in a TCG VM takes long. */
    private static synchronized KeyPair rsa2048() throws Exception {
        if (rsa2048 == null) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", "SunRsaSign");
            g.initialize(2048);
            rsa2048 = g.generateKeyPair();
        }
        return rsa2048;
    }

    @FunctionalInterface
    private interface Op {
        void run() throws Exception;
    }

    /**
     * Runs {@code op} and asserts that it sent at least {@code atLeast} requests to the device, so a
     * failure names the operation that stayed in software (known-answer requests are counted apart).
     */
    private static void onDevice(UacceProvider p, String what, int atLeast, Op op) throws Exception {
        ProviderStatistics before = p.statistics();
        op.run();
        long did = p.statistics().deviceRequests() - before.deviceRequests();
        assertTrue(did >= atLeast, what + ": " + did + " device requests, expected at least " + atLeast + " ("
                + p.statistics() + "): it ran in software");
    }

    @Test
    void rsaAndDhInteropWithTheJdkOnTheDevice(ConformanceTarget t) throws Exception {
        HpreDevices.run(t, CryptoMode.AUTO, (hpre, p) -> {
            ProviderStatistics before = p.statistics();
            Provider jdk = Security.getProvider("SunRsaSign");
            KeyPair kp = rsa2048(); // 4096: the Wycheproof files
            // one private operation (CRT, blinded in software); the JDK verifies
            onDevice(p, "SHA256withRSA sign", 1, () -> signVerify(p, jdk, "SHA256withRSA", kp));
            // two public operations: the JDK's signature, then the same signature on a changed message
            onDevice(p, "SHA512withRSA verify", 2, () -> signVerify(jdk, p, "SHA512withRSA", kp));
            Cipher enc = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding", "SunJCE");
            enc.init(Cipher.ENCRYPT_MODE, kp.getPublic());
            byte[] m = "a key to wrap".getBytes(StandardCharsets.US_ASCII);
            Cipher dec = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding", p);
            dec.init(Cipher.DECRYPT_MODE, kp.getPrivate());
            byte[] ct = enc.doFinal(m);
            onDevice(p, "OAEP decrypt", 1, () -> assertArrayEquals(m, dec.doFinal(ct), "OAEP RSA-2048"));
            KeyPairGenerator g = KeyPairGenerator.getInstance("DH", "SunJCE");
            g.initialize(2048);
            KeyPair a = g.generateKeyPair();
            g.initialize(((javax.crypto.interfaces.DHPublicKey) a.getPublic()).getParams());
            KeyPair b = g.generateKeyPair();
            byte[] jdkSecret = agree(Security.getProvider("SunJCE"), "DH", b, a);
            onDevice(p, "DH-2048 agreement", 1, () -> assertArrayEquals(jdkSecret, agree(p, "DH", a, b), "DH-2048"));
            SecDevices.reachedTheDevice(p, before, "RSA/DH on " + hpre.name());
        });
    }

    private static byte[] agree(Provider p, String alg, KeyPair mine, KeyPair peer) throws Exception {
        return PkInterop.agree(p, alg, mine, peer);
    }

    @Test
    void eccInteropWithTheJdkOnTheDevice(ConformanceTarget t) throws Exception {
        HpreDevices.run(t, CryptoMode.AUTO, (hpre, p) -> {
            assumeTrue(HpreDevices.ecc(hpre), "skipped on target " + t.name() + ": " + hpre.name() + " (" + hpre.api()
                    + ") has no ECC engine (spec §5); the software fallback is uacce-crypto's unit tests' business");
            ProviderStatistics before = p.statistics();
            Provider sunEc = Security.getProvider("SunEC");
            for (String[] c : new String[][] {{"secp256r1", "SHA256"}, {"secp384r1", "SHA384"}, {"secp521r1", "SHA512"}}) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC", sunEc);
                g.initialize(new ECGenParameterSpec(c[0]));
                KeyPair a = g.generateKeyPair(), b = g.generateKeyPair();
                signVerify(p, sunEc, c[1] + "withECDSA", a);
                signVerify(sunEc, p, c[1] + "withECDSAinP1363Format", a);
                assertArrayEquals(agree(sunEc, "ECDH", b, a), agree(p, "ECDH", a, b), "ECDH " + c[0]);
            }
            for (String curve : new String[] {"X25519", "X448"}) {
                KeyPairGenerator g = KeyPairGenerator.getInstance(curve, sunEc);
                KeyPair a = g.generateKeyPair(), b = g.generateKeyPair();
                assertArrayEquals(agree(sunEc, curve, b, a), agree(p, curve, a, b), curve);
            }
            // RFC 7748 §5.2, first X25519 vector
            KeyFactory kf = KeyFactory.getInstance("XDH");
            NamedParameterSpec x = NamedParameterSpec.X25519;
            byte[] uLe = HEX.parseHex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c");
            byte[] uBe = new byte[32];
            for (int i = 0; i < 32; i++) {
                uBe[i] = uLe[31 - i];
            }
            KeyAgreement ka = KeyAgreement.getInstance("X25519", p);
            ka.init(kf.generatePrivate(new XECPrivateKeySpec(x,
                    HEX.parseHex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"))));
            ka.doPhase(kf.generatePublic(new XECPublicKeySpec(x, new BigInteger(1, uBe))), true);
            assertEquals("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552", HEX.formatHex(ka.generateSecret()));
            // SM3withSM2 with BouncyCastle (independent implementation) on the recommended curve
            KeyPairGenerator sg = KeyPairGenerator.getInstance("EC", SecDevices.BC);
            sg.initialize(new ECGenParameterSpec("sm2p256v1"));
            KeyPair sm2 = sg.generateKeyPair();
            signVerify(p, SecDevices.BC, "SM3withSM2", sm2);
            signVerify(SecDevices.BC, p, "SM3withSM2", sm2);
            // SM2 encryption (GB/T 32918.4, C1C2C3) both ways with BouncyCastle: 2 point multiplies + 1
            byte[] m = "an SM4 key to wrap".getBytes(StandardCharsets.US_ASCII);
            Cipher ours = Cipher.getInstance("SM2", p);
            Cipher theirs = Cipher.getInstance("SM2", SecDevices.BC);
            ours.init(Cipher.ENCRYPT_MODE, sm2.getPublic());
            theirs.init(Cipher.DECRYPT_MODE, sm2.getPrivate());
            assertArrayEquals(m, theirs.doFinal(ours.doFinal(m)), "SM2 encryption UACCE -> BouncyCastle");
            theirs.init(Cipher.ENCRYPT_MODE, sm2.getPublic());
            ours.init(Cipher.DECRYPT_MODE, sm2.getPrivate());
            assertArrayEquals(m, ours.doFinal(theirs.doFinal(m)), "SM2 encryption BouncyCastle -> UACCE");
            // SM2 key generation (d·G on the device) and those keys with BouncyCastle both ways
            KeyPairGenerator ours2 = KeyPairGenerator.getInstance("SM2", p);
            KeyPair[] gen = new KeyPair[1];
            onDevice(p, "SM2 key generation", 1, () -> gen[0] = ours2.generateKeyPair());
            signVerify(p, SecDevices.BC, "SM3withSM2", gen[0]);
            signVerify(SecDevices.BC, p, "SM3withSM2", gen[0]);
            gbtKeyPair(p);
            SecDevices.reachedTheDevice(p, before, "ECC on " + hpre.name());
            // 4 per curve, 2 XDH, RFC 7748, 3 SM2 signatures, 3 SM2 encryption, 2 SM2 key pairs, 3 SM2 sign/verify
            assertTrue(p.statistics().deviceRequests() - before.deviceRequests() >= 26, p.statistics().toString());
        });
    }

    /**
     * GB/T 32918.5-2017 appendix A (= GM/T 0003.5-2012) on sm2p256v1: the generator given the example's d
     * (a SecureRandom yielding it) gives the example's public key.
     */
    private static void gbtKeyPair(UacceProvider p) throws Exception {
        byte[] d = HEX.parseHex("3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8");
        KeyPairGenerator g = KeyPairGenerator.getInstance("SM2", p);
        g.initialize(new ECGenParameterSpec("sm2p256v1"), new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                assertEquals(d.length, bytes.length);
                System.arraycopy(d, 0, bytes, 0, d.length);
            }
        });
        java.security.spec.ECPoint w = ((java.security.interfaces.ECPublicKey) g.generateKeyPair().getPublic()).getW();
        assertEquals(new BigInteger("09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020", 16), w.getAffineX());
        assertEquals(new BigInteger("ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13", 16), w.getAffineY());
    }

    @Test
    void hardwareModeRunsOnTheDeviceOrRefusesNamingIt(ConformanceTarget t) throws Exception {
        HpreDevices.run(t, CryptoMode.HARDWARE, (hpre, p) -> {
            ProviderStatistics before = p.statistics();
            signVerify(p, p, "SHA256withRSA", rsa2048());
            assertTrue(p.statistics().deviceRequests() - before.deviceRequests() >= 2, p.statistics().toString());
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "SunEC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair ec = g.generateKeyPair();
            KeyPairGenerator sm2 = KeyPairGenerator.getInstance("SM2", p); // d·G on the device: a HARDWARE service
            if (HpreDevices.ecc(hpre)) {
                signVerify(p, p, "SHA256withECDSA", ec);
                gbtKeyPair(p);
                signVerify(p, SecDevices.BC, "SM3withSM2", sm2.generateKeyPair());
            } else {
                Signature s = Signature.getInstance("SHA256withECDSA", p);
                s.initSign(ec.getPrivate());
                s.update(new byte[1]);
                HpreDeviceException e = assertThrows(HpreDeviceException.class, s::sign);
                assertEquals(hpre.name(), e.device(), e.getMessage());
                assertTrue(e.algorithm().startsWith("ECDSA"), e.getMessage());
                HpreDeviceException k = assertThrows(HpreDeviceException.class, sm2::generateKeyPair);
                assertEquals(hpre.name(), k.device(), k.getMessage());
                assertTrue(k.algorithm().startsWith("ECC point multiply"), k.getMessage());
            }
            assertThrows(java.security.NoSuchAlgorithmException.class, () -> KeyPairGenerator.getInstance("RSA", p),
                    "key generation is not a device service");
            assertTrue(p instanceof UacceProvider);
        });
    }
}
