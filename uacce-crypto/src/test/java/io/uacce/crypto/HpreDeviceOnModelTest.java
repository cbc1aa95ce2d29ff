package io.uacce.crypto;

import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.HpreDeviceException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Uacce;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelDevice;
import io.uacce.stubs.model.ModelHost;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAPrivateKeySpec;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.DHParameterSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HPRE services on the Java model's HPRE devices (AUTO): cross-checks and interop with the JDK
 * on random keys with the device's completions counted (a silent software path fails), V2 (RSA/DH
 * only) and HARDWARE-mode refusals. The Wycheproof files on the device run in the conformance suite
 * (it-tests HpreWycheproofTest: V2 and V3 model, kmod/CUSE targets).
 */
class HpreDeviceOnModelTest {
    private static final SecureRandom RND = new SecureRandom();
    private static ModelHost v3Host;
    private static ModelHost v2Host;
    private static Provider v3;
    private static Provider v2;

    @BeforeAll
    static void hosts() {
        v3Host = ModelHost.builder().device(d -> d.engine(EngineKind.HPRE).api(ModelApi.V3).queues(4)).build();
        v2Host = ModelHost.builder().device(d -> d.engine(EngineKind.HPRE).api(ModelApi.V2).queues(4)).build();
        v3 = provider(v3Host, CryptoMode.AUTO);
        v2 = provider(v2Host, CryptoMode.AUTO);
    }

    @AfterAll
    static void close() {
        v3Host.close();
        v2Host.close();
    }

    /** A test body on a one-device HPRE model host and a provider in AUTO on it. */
    @FunctionalInterface
    interface OnModel {
        void run(ModelHost host, Provider auto) throws Exception;
    }

    /** Runs {@code body} on a fresh host with one HPRE device of {@code api}, closed afterwards. */
    static void onModel(ModelApi api, OnModel body) throws Exception {
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.HPRE).api(api)).build()) {
            body.run(host, provider(host, CryptoMode.AUTO));
        }
    }

    static Provider provider(ModelHost host, CryptoMode mode) {
        Uacce u = Uacce.builder().target(host.target()).build();
        return new UacceProvider(new CryptoSettings(mode, 0, 10_000), () -> u);
    }

    private static ModelDevice dev(ModelHost h) {
        return h.devices().getFirst();
    }

    private static void signVerify(Provider signer, Provider verifier, String alg, KeyPair kp, byte[] msg) throws Exception {
        PkInterop.signVerify(signer, verifier, alg, kp, msg);
    }

    @Test
    void rsaInteropWithTheJdkOnRandomKeys() throws Exception {
        Provider jdk = java.security.Security.getProvider("SunRsaSign");
        for (int bits : new int[] {2048, 3072}) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            KeyPair kp = g.generateKeyPair();
            RSAPrivateCrtKey crt = (RSAPrivateCrtKey) kp.getPrivate();
            PrivateKey plain = KeyFactory.getInstance("RSA").generatePrivate(
                    new RSAPrivateKeySpec(crt.getModulus(), crt.getPrivateExponent())); // no e, no CRT
            byte[] msg = new byte[1 + RND.nextInt(300)];
            RND.nextBytes(msg);
            for (Provider p : new Provider[] {v3, v2}) {
                long before = dev(p == v3 ? v3Host : v2Host).completions();
                signVerify(p, jdk, "SHA256withRSA", kp, msg);
                signVerify(jdk, p, "SHA384withRSA", kp, msg);
                signVerify(p, p, "RSASSA-PSS", kp, msg);
                // PKCS#1 v1.5 signatures are deterministic: byte-identical to the JDK's, CRT or not
                for (PrivateKey k : new PrivateKey[] {crt, plain}) {
                    Signature ours = Signature.getInstance("SHA256withRSA", p);
                    ours.initSign(k);
                    ours.update(msg);
                    Signature theirs = Signature.getInstance("SHA256withRSA", jdk);
                    theirs.initSign(k);
                    theirs.update(msg);
                    assertArrayEquals(theirs.sign(), ours.sign(), "RSA-" + bits + " " + k.getClass().getSimpleName());
                }
                Cipher enc = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding", "SunJCE");
                enc.init(Cipher.ENCRYPT_MODE, kp.getPublic());
                byte[] ct = enc.doFinal(msg, 0, Math.min(msg.length, 100));
                Cipher dec = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding", p);
                dec.init(Cipher.DECRYPT_MODE, plain);
                assertArrayEquals(java.util.Arrays.copyOf(msg, Math.min(msg.length, 100)), dec.doFinal(ct));
                assertTrue(dev(p == v3 ? v3Host : v2Host).completions() - before >= 10, "RSA ran on the device");
            }
        }
    }

    @Test
    void ecdsaAndEcdhInteropWithTheJdk() throws Exception {
        Provider sunEc = java.security.Security.getProvider("SunEC");
        for (String[] c : new String[][] {{"secp256r1", "SHA256"}, {"secp384r1", "SHA384"}, {"secp521r1", "SHA512"}}) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(c[0]));
            KeyPair a = g.generateKeyPair(), b = g.generateKeyPair();
            byte[] msg = new byte[RND.nextInt(200)+ 1];
            RND.nextBytes(msg);
            long before = dev(v3Host).completions();
            signVerify(v3, sunEc, c[1] + "withECDSA", a, msg);
            signVerify(sunEc, v3, c[1] + "withECDSA", a, msg);
            signVerify(v3, sunEc, c[1] + "withECDSAinP1363Format", a, msg);
            KeyAgreement ours = KeyAgreement.getInstance("ECDH", v3);
            ours.init(a.getPrivate());
            ours.doPhase(b.getPublic(), true);
            KeyAgreement theirs = KeyAgreement.getInstance("ECDH", sunEc);
            theirs.init(b.getPrivate());
            theirs.doPhase(a.getPublic(), true);
            assertArrayEquals(theirs.generateSecret(), ours.generateSecret(), c[0]);
            assertTrue(dev(v3Host).completions() - before >= 5, c[0] + " ran on the device");
        }
    }

    @Test
    void xdhAndDhInteropWithTheJdk() throws Exception {
        for (String curve : new String[] {"X25519", "X448"}) {
            KeyPairGenerator g = KeyPairGenerator.getInstance(curve);
            KeyPair a = g.generateKeyPair(), b = g.generateKeyPair();
            long before = dev(v3Host).completions();
            assertArrayEquals(agree(java.security.Security.getProvider("SunEC"), curve, b, a), agree(v3, curve, a, b), curve);
            assertTrue(dev(v3Host).completions() > before, curve + " ran on the device");
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance("DH");
        g.initialize(2048);
        KeyPair a = g.generateKeyPair();
        g.initialize(((javax.crypto.interfaces.DHPublicKey) a.getPublic()).getParams());
        KeyPair b = g.generateKeyPair();
        for (ModelHost h : new ModelHost[] {v3Host, v2Host}) {
            long before = dev(h).completions();
            assertArrayEquals(agree(java.security.Security.getProvider("SunJCE"), "DH", b, a),
                    agree(h == v3Host ? v3 : v2, "DH", a, b));
            assertTrue(dev(h).completions() > before, "DH ran on the device");
        }
    }

    private static byte[] agree(Provider p, String alg, KeyPair mine, KeyPair peer) throws Exception {
        return PkInterop.agree(p, alg, mine, peer);
    }

    @Test
    void autoOnV2RunsEccInSoftware() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        long before = dev(v2Host).completions();
        signVerify(v2, java.security.Security.getProvider("SunEC"), "SHA256withECDSA", kp, new byte[] {1, 2, 3});
        assertEquals(before, dev(v2Host).completions(), "V2 has no ECC: AUTO computes ECDSA in software");
    }

    @Test
    void hardwareModeOnV2RefusesEccNamingTheDevice() throws Exception {
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.HPRE).api(ModelApi.V2)).build()) {
            Provider hw = provider(host, CryptoMode.HARDWARE);
            assertNull(hw.getService("KeyPairGenerator", "RSA"), "key generation is the JDK's: not a HARDWARE service");
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair rsa = g.generateKeyPair();
            long before = dev(host).completions();
            signVerify(hw, java.security.Security.getProvider("SunRsaSign"), "SHA256withRSA", rsa, new byte[] {4, 5});
            assertTrue(dev(host).completions() - before >= 2, "RSA CRT self-test + signature on the device in HARDWARE");

            KeyPairGenerator eg = KeyPairGenerator.getInstance("EC");
            eg.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair ec = eg.generateKeyPair();
            Signature s = Signature.getInstance("SHA256withECDSA", hw);
            s.initSign(ec.getPrivate());
            s.update(new byte[] {1});
            HpreDeviceException e = assertThrows(HpreDeviceException.class, s::sign);
            assertEquals(dev(host).name(), e.device());
            assertTrue(e.algorithm().startsWith("ECDSA"), e.algorithm());
            assertTrue(e.getMessage().contains(dev(host).name()) && e.getMessage().contains("no ECC"), e.getMessage());
            KeyAgreement x = KeyAgreement.getInstance("X25519", hw);
            KeyPair xk = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            x.init(xk.getPrivate());
            assertThrows(HpreDeviceException.class, () -> x.doPhase(xk.getPublic(), true));
            // an RSA size the device does not run (spec §3.2)
            g.initialize(1536);
            KeyPair odd = g.generateKeyPair();
            Signature s2 = Signature.getInstance("SHA256withRSA", hw);
            s2.initSign(odd.getPrivate());
            s2.update(new byte[1]);
            HpreDeviceException e2 = assertThrows(HpreDeviceException.class, s2::sign);
            assertTrue(e2.getMessage().contains("RSA-1536"), e2.getMessage());
        }
    }

    @Test
    void hardwareModeWithoutDeviceRefuses() throws Exception {
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.SEC).api(ModelApi.V3)).build()) {
            Provider hw = provider(host, CryptoMode.HARDWARE);
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding", hw);
            c.init(Cipher.ENCRYPT_MODE, g.generateKeyPair().getPublic());
            HpreDeviceException e = assertThrows(HpreDeviceException.class, () -> c.doFinal(new byte[3]));
            assertEquals("none", e.device());
            Provider auto = provider(host, CryptoMode.AUTO);
            KeyPair kp = g.generateKeyPair();
            signVerify(auto, auto, "SHA256withRSA", kp, new byte[] {9}); // AUTO: software, no error
        }
    }
}
