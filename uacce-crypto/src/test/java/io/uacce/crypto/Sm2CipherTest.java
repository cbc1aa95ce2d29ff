package io.uacce.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelHost;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.junit.jupiter.api.Test;

/**
 * Cipher "SM2" (GB/T 32918.4-2016 with SM3): the standard's appendix example on its 256-bit test
 * curve with the example's k, byte-exact, in SOFTWARE and on the model's V3 HPRE device (counted);
 * both ciphertext orders; tampered ciphertexts refused; interop with BouncyCastle (an independent
 * implementation) both ways on the recommended curve: its JCA {@code Cipher "SM2"} (C1C2C3) and its
 * {@code SM2Engine} in C1C3C2 mode.
 */
class Sm2CipherTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Provider SOFT = new UacceProvider(new CryptoSettings(CryptoMode.SOFTWARE, 0, 1000));
    private static final Provider BC = new BouncyCastleProvider();

    private static BigInteger h(String s) {
        return new BigInteger(s, 16);
    }

    /** GB/T 32918.4-2016 appendix A (the Fp-256 test curve of Sm2SignatureTest): B's key, k, M, C1, C2, C3. */
    static final BigInteger DB = h("1649ab77a00637bd5e2efe283fbf353534aa7f7cb89463f208ddbc2920bb0da0");
    static final ECPoint PB = new ECPoint(h("435b39cca8f3b508c1488afc67be491a0f7ba07e581a0e4849a5cf70628a7e0a"),
            h("75ddba78f15feecb4c7895e2c1cdf5fe01debb2cdbadf45399ccf77bba076a42"));
    static final byte[] K = HEX.parseHex("4c62eefd6ecfc2b95b92fd6c3d9575148afa17425546d49018e5388d49dd7b4f");
    static final byte[] M = "encryption standard".getBytes(StandardCharsets.US_ASCII);
    static final String C1 = "04245c26fb68b1ddddb12c4b6bf9f2b6d5fe60a383b0d18d1c4144abf17f6252e7"
            + "76cb9264c2a7e88e52b19903fdc47378f605e36811f5c07423a24b84400f01b8";
    static final String C2 = "650053a89b41c418b0c3aad00d886c00286467";
    static final String C3 = "9c3d7360c30156fab7c80a0276712da9d8094a634b766d3a285e07480653426d";

    static void knownAnswer(Provider p) throws Exception {
        KeyFactory kf = KeyFactory.getInstance("EC", BC); // SunEC keys carry only its named curves
        PrivateKey priv = kf.generatePrivate(new ECPrivateKeySpec(DB, Sm2SignatureTest.TEST_CURVE));
        PublicKey pub = kf.generatePublic(new ECPublicKeySpec(PB, Sm2SignatureTest.TEST_CURVE));
        for (String order : new String[] {"C1C2C3", "C1C3C2"}) {
            String want = C1 + (order.equals("C1C2C3") ? C2 + C3 : C3 + C2);
            Cipher enc = Cipher.getInstance(order.equals("C1C2C3") ? "SM2" : "SM2/C1C3C2/NoPadding", p);
            enc.init(Cipher.ENCRYPT_MODE, pub, Sm2SignatureTest.fixed(K));
            byte[] ct = enc.doFinal(M);
            assertArrayEquals(HEX.parseHex(want), ct, "GB/T 32918.4 example, " + order);
            Cipher dec = Cipher.getInstance(order.equals("C1C2C3") ? "SM2" : "SM2/C1C3C2/NoPadding", p);
            dec.init(Cipher.DECRYPT_MODE, priv);
            assertArrayEquals(M, dec.doFinal(ct), order);
            for (int i : new int[] {0, 1, 40, 65, 70, ct.length - 1}) { // C1 prefix, x1, y1, C2/C3 bytes
                byte[] bad = ct.clone();
                bad[i] ^= 1;
                dec.init(Cipher.DECRYPT_MODE, priv);
                assertThrows(BadPaddingException.class, () -> dec.doFinal(bad), order + " byte " + i + " changed");
            }
            dec.init(Cipher.DECRYPT_MODE, priv);
            assertThrows(BadPaddingException.class, () -> dec.doFinal(Arrays.copyOf(ct, 96)), "too short");
        }
    }

    @Test
    void gbtExampleInSoftware() throws Exception {
        knownAnswer(SOFT);
    }

    @Test
    void gbtExampleAndBouncyCastleInteropOnTheModelDevices() throws Exception {
        for (ModelApi api : new ModelApi[] {ModelApi.V3, ModelApi.V2}) {
            try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.HPRE).api(api)).build()) {
                long before = host.devices().getFirst().completions();
                Provider p = HpreDeviceOnModelTest.provider(host, CryptoMode.AUTO);
                knownAnswer(p);
                interop(p);
                long did = host.devices().getFirst().completions() - before;
                // V3, per order: encryption 2 point multiplies, decryption 1, and the 3 tampered ciphertexts
                // whose C1 is still on the curve 1 each; then the interop's. V2 has no ECC engine: software.
                assertTrue(api == ModelApi.V3 ? did >= 12 : did == 0, api + ": " + did + " device requests");
            }
        }
    }

    @Test
    void interopWithBouncyCastleInSoftware() throws Exception {
        interop(SOFT);
    }

    @Test
    void emptyMessageAndWrongKeys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
        g.initialize(new ECGenParameterSpec("sm2p256v1"));
        KeyPair kp = g.generateKeyPair();
        Cipher c = Cipher.getInstance("SM2", SOFT);
        c.init(Cipher.ENCRYPT_MODE, kp.getPublic());
        byte[] ct = c.doFinal(new byte[0]);
        assertTrue(ct.length == 65 + 32, "C1 and C3 only");
        c.init(Cipher.DECRYPT_MODE, kp.getPrivate());
        assertArrayEquals(new byte[0], c.doFinal(ct));
        assertThrows(java.security.InvalidKeyException.class, () -> c.init(Cipher.ENCRYPT_MODE, kp.getPrivate()));
        assertThrows(java.security.InvalidKeyException.class, () -> c.init(Cipher.DECRYPT_MODE, kp.getPublic()));
        assertThrows(java.security.NoSuchAlgorithmException.class, () -> Cipher.getInstance("SM2/CBC/NoPadding", SOFT));
    }

    static void interop(Provider p) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
        g.initialize(new ECGenParameterSpec("sm2p256v1"));
        ECNamedCurveParameterSpec bcSpec = ECNamedCurveTable.getParameterSpec("sm2p256v1");
        ECDomainParameters dom = new ECDomainParameters(bcSpec.getCurve(), bcSpec.getG(), bcSpec.getN());
        SecureRandom rnd = new SecureRandom();
        for (int i = 0; i < 3; i++) {
            KeyPair kp = g.generateKeyPair();
            byte[] msg = new byte[1 + rnd.nextInt(300)]; // BouncyCastle's encryption loops on an empty message
            rnd.nextBytes(msg);
            // JCA, C1C2C3: ours -> BC and BC -> ours
            Cipher ours = Cipher.getInstance("SM2", p);
            Cipher theirs = Cipher.getInstance("SM2", BC);
            ours.init(Cipher.ENCRYPT_MODE, kp.getPublic());
            theirs.init(Cipher.DECRYPT_MODE, kp.getPrivate());
            assertArrayEquals(msg, theirs.doFinal(ours.doFinal(msg)), "UACCE -> BouncyCastle, " + msg.length + " bytes");
            theirs.init(Cipher.ENCRYPT_MODE, kp.getPublic());
            ours.init(Cipher.DECRYPT_MODE, kp.getPrivate());
            assertArrayEquals(msg, ours.doFinal(theirs.doFinal(msg)), "BouncyCastle -> UACCE, " + msg.length + " bytes");
            // C1C3C2 against BC's SM2Engine in that mode
            var bcPub = new ECPublicKeyParameters(bcSpec.getCurve().createPoint(
                    ((java.security.interfaces.ECPublicKey) kp.getPublic()).getW().getAffineX(),
                    ((java.security.interfaces.ECPublicKey) kp.getPublic()).getW().getAffineY()), dom);
            var bcPriv = new ECPrivateKeyParameters(((java.security.interfaces.ECPrivateKey) kp.getPrivate()).getS(), dom);
            Cipher ours2 = Cipher.getInstance("SM2/C1C3C2/NoPadding", p);
            ours2.init(Cipher.ENCRYPT_MODE, kp.getPublic());
            byte[] ct = ours2.doFinal(msg);
            SM2Engine e = new SM2Engine(SM2Engine.Mode.C1C3C2);
            e.init(false, bcPriv);
            assertArrayEquals(msg, e.processBlock(ct, 0, ct.length), "UACCE C1C3C2 -> BouncyCastle");
            e.init(true, new ParametersWithRandom(bcPub, rnd));
            byte[] ct2 = e.processBlock(msg, 0, msg.length);
            ours2.init(Cipher.DECRYPT_MODE, kp.getPrivate());
            assertArrayEquals(msg, ours2.doFinal(ct2), "BouncyCastle C1C3C2 -> UACCE");
        }
    }
}
