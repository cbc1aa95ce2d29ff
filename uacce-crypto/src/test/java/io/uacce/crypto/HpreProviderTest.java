package io.uacce.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.CryptoMode;
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
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.HexFormat;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7748 known answers and interop with SunRsaSign / SunEC / SunJCE in both directions. */
class HpreProviderTest {
    private static final Provider P = HpreWycheproofTest.P;
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RND = new SecureRandom();
    private static KeyPair rsa;

    /** One RSA-2048 key (Wycheproof's OAEP test key, via the JDK's KeyFactory): no slow key generation. */
    @BeforeAll
    static void rsaKey() throws Exception {
        JsonObject g = Wycheproof.load("rsa_oaep_2048_sha256_mgf1sha256_test.json").getAsJsonArray("testGroups")
                .get(0).getAsJsonObject();
        KeyFactory kf = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey priv = (RSAPrivateCrtKey) kf.generatePrivate(
                new PKCS8EncodedKeySpec(HEX.parseHex(g.get("privateKeyPkcs8").getAsString())));
        PublicKey pub = kf.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
        rsa = new KeyPair(pub, priv);
    }

    private static byte[] msg() {
        byte[] m = new byte[1 + RND.nextInt(300)];
        RND.nextBytes(m);
        return m;
    }

    private static byte[] x(String curve, String scalarHex, String uHex) throws Exception {
        int len = curve.equals("X25519") ? 32 : 56;
        byte[] u = HEX.parseHex(uHex);
        byte[] be = new byte[len];
        for (int i = 0; i < len; i++) {
            be[i] = u[len - 1 - i];
        }
        if (len == 32) {
            be[0] &= 127;
        }
        NamedParameterSpec nps = new NamedParameterSpec(curve);
        KeyFactory kf = KeyFactory.getInstance("XDH");
        KeyAgreement ka = KeyAgreement.getInstance(curve, P);
        ka.init(kf.generatePrivate(new XECPrivateKeySpec(nps, HEX.parseHex(scalarHex))));
        ka.doPhase(kf.generatePublic(new XECPublicKeySpec(nps, new BigInteger(1, be))), true);
        return ka.generateSecret();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        // RFC 7748 §5.2
        "X25519, a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4, "
            + "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c, "
            + "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552",
        "X25519, 4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d, "
            + "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493, "
            + "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957",
        // RFC 7748 §6.1: Alice's private key with Bob's public key
        "X25519, 77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a, "
            + "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f, "
            + "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742",
        "X448, 3d262fddf9ec8e88495266fea19a34d28882acef045104d0d1aae121700a779c984c24f8cdd78fbff44943eba368f54b29259a4f1c600ad3, "
            + "06fce640fa3487bfda5f6cf2d5263f8aad88334cbd07437f020f08f9814dc031ddbdc38c19c6da2583fa5429db94ada18aa7a7fb4ef8a086, "
            + "ce3e4ff95a60dc6697da1db1d85e6afbdf79b50a2412d7546d5f239fe14fbaadeb445fc66a01b0779d98223961111e21766282f73dd96b6f",
        "X448, 203d494428b8399352665ddca42f9de8fef600908e0d461cb021f8c538345dd77c3e4806e25f46d3315c44e0a5b4371282dd2c8d5be3095f, "
            + "0fbcc2f993cd56d3305b0b7d9e55d4c1a8fb5dbb52f8e9a1e9b6201b165d015894e56c4d3570bee52fe205e28a78b91cdfbde71ce8d157db, "
            + "884a02576239ff7a2f2f63b2db6a9ff37047ac13568e1e30fe63c4a7ad1b3ee3a5700df34321d62077e63633c575c1c954514e99da7c179d",
    })
    void rfc7748(String curve, String k, String u, String out) throws Exception {
        assertEquals(out, HEX.formatHex(x(curve, k, u)));
    }

    private static void interop(String alg, PrivateKey priv, PublicKey pub, String jdk,
            java.security.spec.AlgorithmParameterSpec params) throws Exception {
        for (int i = 0; i < 3; i++) {
            byte[] m = msg();
            Signature ours = Signature.getInstance(alg, P);
            Signature theirs = Signature.getInstance(alg, jdk);
            if (params != null) {
                ours.setParameter(params);
                theirs.setParameter(params);
            }
            ours.initSign(priv);
            ours.update(m);
            byte[] sig = ours.sign();
            theirs.initVerify(pub);
            theirs.update(m);
            assertTrue(theirs.verify(sig), alg + ": JDK verifies ours");
            theirs.initSign(priv);
            theirs.update(m);
            byte[] sig2 = theirs.sign();
            ours.initVerify(pub);
            ours.update(m);
            assertTrue(ours.verify(sig2), alg + ": we verify the JDK's");
            m[0] ^= 1;
            ours.update(m);
            assertFalse(ours.verify(sig2), alg + ": changed message rejected");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA1withRSA", "SHA224withRSA", "SHA256withRSA", "SHA384withRSA", "SHA512withRSA"})
    void rsaPkcs1Interop(String alg) throws Exception {
        interop(alg, rsa.getPrivate(), rsa.getPublic(), "SunRsaSign", null);
        // PKCS#1 v1.5 is deterministic: byte-identical signatures
        byte[] m = msg();
        Signature a = Signature.getInstance(alg, P), b = Signature.getInstance(alg, "SunRsaSign");
        a.initSign(rsa.getPrivate());
        b.initSign(rsa.getPrivate());
        a.update(m);
        b.update(m);
        assertArrayEquals(b.sign(), a.sign());
    }

    @ParameterizedTest
    @CsvSource({"SHA-256, 32", "SHA-1, 20", "SHA-512, 0"})
    void pssInterop(String digest, int salt) throws Exception {
        interop("RSASSA-PSS", rsa.getPrivate(), rsa.getPublic(), "SunRsaSign",
                new PSSParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest), salt, 1));
    }

    @ParameterizedTest
    @CsvSource({"secp256r1, SHA256withECDSA", "secp384r1, SHA384withECDSA", "secp521r1, SHA512withECDSA",
        "secp256r1, SHA1withECDSA", "secp384r1, SHA224withECDSAinP1363Format", "secp256r1, SHA256withECDSAinP1363Format",
        "secp521r1, SHA512withECDSAinP1363Format"})
    void ecdsaInterop(String curve, String alg) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", P);
        g.initialize(new ECGenParameterSpec(curve));
        KeyPair kp = g.generateKeyPair();
        interop(alg, kp.getPrivate(), kp.getPublic(), "SunEC", null);
    }

    private static void agree(String alg, KeyPair a, KeyPair b, String jdk) throws Exception {
        KeyAgreement ours = KeyAgreement.getInstance(alg, P);
        ours.init(a.getPrivate());
        ours.doPhase(b.getPublic(), true);
        KeyAgreement theirs = KeyAgreement.getInstance(alg, jdk);
        theirs.init(b.getPrivate());
        theirs.doPhase(a.getPublic(), true);
        assertArrayEquals(theirs.generateSecret(), ours.generateSecret(), alg);
    }

    @ParameterizedTest
    @CsvSource({"EC, secp256r1, ECDH, SunEC", "EC, secp384r1, ECDH, SunEC", "EC, secp521r1, ECDH, SunEC",
        "XDH, X25519, X25519, SunEC", "XDH, X448, XDH, SunEC", "X448, X448, X448, SunEC"})
    void keyAgreementInterop(String kpg, String curve, String alg, String jdk) throws Exception {
        KeyPairGenerator ours = KeyPairGenerator.getInstance(kpg, P);
        ours.initialize(kpg.equals("EC") ? new ECGenParameterSpec(curve) : new NamedParameterSpec(curve));
        KeyPairGenerator theirs = KeyPairGenerator.getInstance(kpg, jdk);
        theirs.initialize(kpg.equals("EC") ? new ECGenParameterSpec(curve) : new NamedParameterSpec(curve));
        agree(alg, ours.generateKeyPair(), theirs.generateKeyPair(), jdk);
    }

    @Test
    void dhInterop() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("DH", "SunJCE");
        g.initialize(2048);
        KeyPair a = g.generateKeyPair();
        KeyPairGenerator g2 = KeyPairGenerator.getInstance("DH", "SunJCE");
        g2.initialize(((javax.crypto.interfaces.DHPublicKey) a.getPublic()).getParams());
        agree("DH", a, g2.generateKeyPair(), "SunJCE");
    }

    @Test
    void x25519RefusesX448Key() throws Exception {
        KeyPair k448 = KeyPairGenerator.getInstance("X448", P).generateKeyPair();
        KeyAgreement ka = KeyAgreement.getInstance("X25519", P);
        assertThrows(java.security.InvalidKeyException.class, () -> ka.init(k448.getPrivate()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA/ECB/PKCS1Padding", "RSA/ECB/OAEPWithSHA-1AndMGF1Padding",
        "RSA/ECB/OAEPWithSHA-256AndMGF1Padding", "RSA/ECB/NoPadding"})
    void cipherInterop(String t) throws Exception {
        for (int i = 0; i < 3; i++) {
            byte[] m = t.endsWith("NoPadding") ? new byte[256] : new byte[1 + RND.nextInt(150)];
            RND.nextBytes(m);
            m[0] = t.endsWith("NoPadding") ? 0x11 : m[0]; // below the modulus
            Cipher ours = Cipher.getInstance(t, P), theirs = Cipher.getInstance(t, "SunJCE");
            ours.init(Cipher.ENCRYPT_MODE, rsa.getPublic());
            theirs.init(Cipher.DECRYPT_MODE, rsa.getPrivate());
            assertArrayEquals(m, theirs.doFinal(ours.doFinal(m)), t + ": JDK decrypts ours");
            theirs.init(Cipher.ENCRYPT_MODE, rsa.getPublic());
            ours.init(Cipher.DECRYPT_MODE, rsa.getPrivate());
            byte[] c = theirs.doFinal(m);
            assertArrayEquals(m, ours.doFinal(c), t + ": we decrypt the JDK's");
            if (!t.endsWith("NoPadding")) {
                c[c.length - 1] ^= 1;
                byte[] bad = c;
                assertThrows(BadPaddingException.class, () -> ours.doFinal(bad), t + ": tampered ciphertext");
            }
        }
    }

    @Test
    void oaepLabelAndPkcs1PrivateEncryption() throws Exception {
        OAEPParameterSpec spec = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA1,
                new PSource.PSpecified("label".getBytes()));
        Cipher ours = Cipher.getInstance("RSA/ECB/OAEPPadding", P), theirs = Cipher.getInstance("RSA/ECB/OAEPPadding",
                "SunJCE");
        ours.init(Cipher.ENCRYPT_MODE, rsa.getPublic(), spec);
        theirs.init(Cipher.DECRYPT_MODE, rsa.getPrivate(), spec);
        assertArrayEquals("hi".getBytes(), theirs.doFinal(ours.doFinal("hi".getBytes())));
        // PKCS#1 block type 1 (private-key encryption), as SunJCE does it: deterministic, identical
        Cipher a = Cipher.getInstance("RSA/ECB/PKCS1Padding", P), b = Cipher.getInstance("RSA/ECB/PKCS1Padding",
                "SunJCE");
        a.init(Cipher.ENCRYPT_MODE, rsa.getPrivate());
        b.init(Cipher.ENCRYPT_MODE, rsa.getPrivate());
        byte[] ca = a.doFinal("x".getBytes());
        assertArrayEquals(b.doFinal("x".getBytes()), ca);
        a.init(Cipher.DECRYPT_MODE, rsa.getPublic());
        assertArrayEquals("x".getBytes(), a.doFinal(ca));
        Cipher big = Cipher.getInstance("RSA/ECB/PKCS1Padding", P);
        big.init(Cipher.ENCRYPT_MODE, rsa.getPublic());
        assertThrows(javax.crypto.IllegalBlockSizeException.class, () -> big.doFinal(new byte[246]));
    }

    @Test
    void keyPairGeneratorsGiveJdkKeys() throws Exception {
        KeyPair ec = KeyPairGenerator.getInstance("EC", P).generateKeyPair();
        assertTrue(ec.getPublic() instanceof java.security.interfaces.ECPublicKey);
        assertEquals("EC", ec.getPublic().getAlgorithm());
        KeyFactory.getInstance("EC", "SunEC").generatePublic(
                new java.security.spec.X509EncodedKeySpec(ec.getPublic().getEncoded()));
        KeyPair x = KeyPairGenerator.getInstance("X25519", P).generateKeyPair();
        assertEquals("X25519", ((NamedParameterSpec) ((java.security.interfaces.XECKey) x.getPublic()).getParams())
                .getName());
    }

    @Test
    void hardwareModeRegistersTheDeviceServicesOnly() {
        Provider hw = new UacceProvider(new CryptoSettings(CryptoMode.HARDWARE, 0, 1000));
        for (String[] t : new String[][] {{"Signature", "SHA256withRSA"}, {"Signature", "SHA256withECDSA"},
            {"Cipher", "RSA/ECB/OAEPPadding"}, {"KeyAgreement", "X25519"}}) {
            assertTrue(hw.getService(t[0], t[1]) != null, t[1] + " in HARDWARE (device primitives)");
            assertTrue(P.getService(t[0], t[1]) != null, t[1] + " in SOFTWARE");
        }
        assertEquals(null, hw.getService("KeyPairGenerator", "RSA"), "the JDK's RSA key generation is not a device service");
        for (String g : new String[] {"SM2", "EC", "XDH", "X25519", "X448"}) {
            assertTrue(hw.getService("KeyPairGenerator", g) != null, g + " key generation: d·G / X25519(k, 9) on the device");
        }
        assertTrue(hw.getService("KeyFactory", "SM2") != null, "KeyFactory SM2 (d·G on the device)");
    }

    @Test
    void ecdsaRejectsNonDerAndOutOfRange() throws Exception {
        KeyPair kp = KeyPairGenerator.getInstance("EC", P).generateKeyPair();
        Signature s = Signature.getInstance("SHA256withECDSA", P);
        s.initSign(kp.getPrivate());
        s.update(new byte[3]);
        byte[] sig = s.sign();
        byte[] longForm = new byte[sig.length + 1];
        longForm[0] = 0x30;
        longForm[1] = (byte) 0x81;
        System.arraycopy(sig, 1, longForm, 2, sig.length - 1);
        s.initVerify(kp.getPublic());
        s.update(new byte[3]);
        assertThrows(java.security.SignatureException.class, () -> s.verify(longForm), "non-minimal length");
        s.update(new byte[3]);
        assertTrue(s.verify(sig));
        Signature p = Signature.getInstance("SHA256withECDSAinP1363Format", P);
        p.initVerify(kp.getPublic());
        p.update(new byte[3]);
        assertFalse(p.verify(new byte[64]), "r = s = 0");
    }
}
