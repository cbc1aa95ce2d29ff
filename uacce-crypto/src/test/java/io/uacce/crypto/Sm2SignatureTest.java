package io.uacce.crypto;

import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.Sm2ParameterSpec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.security.Signature;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.util.HexFormat;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

/**
 * SM3withSM2: the GB/T 32918.2-2016 appendix A example (its 256-bit test curve, fixed nonce) as
 * known answer in SOFTWARE and on the model's V3 HPRE device (counted), interop with BouncyCastle
 * (an independent implementation) on the recommended curve, both ways.
 */
class Sm2SignatureTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Provider SOFT = new UacceProvider(new CryptoSettings(CryptoMode.SOFTWARE, 0, 1000));
    private static final Provider BC = new BouncyCastleProvider();

    private static BigInteger h(String s) {
        return new BigInteger(s, 16);
    }

    /** GB/T 32918.2-2016 A.2: Fp-256 test curve. */
    static final ECParameterSpec TEST_CURVE = new ECParameterSpec(new EllipticCurve(new ECFieldFp(
            h("8542d69e4c044f18e8b92435bf6ff7de457283915c45517d722edb8b08f1dfc3")),
            h("787968b4fa32c3fd2417842e73bbfeff2f3c848b6831d7e0ec65228b3937e498"),
            h("63e4c6d3b23b0c849cf84241484bfe48f61d59a5b16ba06e6e12d1da27c5249a")),
            new ECPoint(h("421debd61b62eab6746434ebc3cc315e32220b3badd50bdc4c4e6c147fedd43d"),
                    h("0680512bcbb42c07d47349d2153b70c4e5d7fdfcbfa36ea1a85841b9e46e09a2")),
            h("8542d69e4c044f18e8b92435bf6ff7dd297720630485628d5ae74ee7c32e79b7"), 1);
    static final BigInteger D = h("128b2fa8bd433c6c068c8d803dff79792a519a55171b1b650c23661d15897263");
    static final ECPoint PUB = new ECPoint(h("0ae4c7798aa0f119471bee11825be46202bb79e2a5844495e97c04ff4df2548a"),
            h("7c0240f88f1cd4e16352a73c17b7f16f07353e53a176d684a9fe0c6bb798e857"));
    static final byte[] K = HEX.parseHex("6cb28d99385c175c94f94e934817663fc176d925dd72b727260dbaae1fb2f96f");
    static final BigInteger R = h("40f1ec59f793d9f49e09dcef49130d4194f79fb1eed2caa55bacdb49c4e755d1");
    static final BigInteger S = h("6fc6dac32c5d5cf10c77dfb20f7c2eb667a457872fb09ec56327a67ec7deebe7");
    static final Sm2ParameterSpec ID = new Sm2ParameterSpec("ALICE123@YAHOO.COM");
    static final byte[] MSG = "message digest".getBytes(StandardCharsets.US_ASCII);

    /** A SecureRandom that gives the example's nonce. */
    static SecureRandom fixed(byte[] k) {
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                assertEquals(k.length, bytes.length);
                System.arraycopy(k, 0, bytes, 0, k.length);
            }
        };
    }

    static byte[] der(BigInteger r, BigInteger s) {
        byte[] rb = r.toByteArray(), sb = s.toByteArray();
        byte[] out = new byte[6 + rb.length + sb.length];
        out[0] = 0x30;
        out[1] = (byte) (4 + rb.length + sb.length);
        out[2] = 2;
        out[3] = (byte) rb.length;
        System.arraycopy(rb, 0, out, 4, rb.length);
        out[4 + rb.length] = 2;
        out[5 + rb.length] = (byte) sb.length;
        System.arraycopy(sb, 0, out, 6 + rb.length, sb.length);
        return out;
    }

    static void knownAnswer(Provider p) throws Exception {
        KeyFactory kf = KeyFactory.getInstance("EC", BC); // SunEC keys carry only its named curves
        PrivateKey priv = kf.generatePrivate(new ECPrivateKeySpec(D, TEST_CURVE));
        PublicKey pub = kf.generatePublic(new ECPublicKeySpec(PUB, TEST_CURVE));
        Signature s = Signature.getInstance("SM3withSM2", p);
        s.setParameter(ID);
        s.initSign(priv, fixed(K));
        s.update(MSG);
        byte[] sig = s.sign();
        assertArrayEquals(der(R, S), sig, "GB/T 32918.2 A.2 (r, s)");
        Signature v = Signature.getInstance("SM3withSM2", p);
        v.setParameter(ID);
        v.initVerify(pub);
        v.update(MSG);
        assertTrue(v.verify(sig));
        v.update("message digesT".getBytes(StandardCharsets.US_ASCII));
        assertFalse(v.verify(sig));
        v.setParameter(new Sm2ParameterSpec("BOB"));
        v.update(MSG);
        assertFalse(v.verify(sig), "another ID gives another Z_A");
    }

    @Test
    void gbtExampleInSoftware() throws Exception {
        knownAnswer(SOFT);
    }

    @Test
    void gbtExampleAndBouncyCastleInteropOnTheModelDevice() throws Exception {
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.HPRE).api(ModelApi.V3)).build()) {
            Provider p = HpreDeviceOnModelTest.provider(host, CryptoMode.AUTO);
            long before = host.devices().getFirst().completions();
            knownAnswer(p);
            interop(p);
            // self-tests (sign 1, verify 2) + sign 1 + verify 3, then the interop's device requests
            assertTrue(host.devices().getFirst().completions() - before >= 10, "SM2 ran on the device");
        }
    }

    @Test
    void interopWithBouncyCastleInSoftware() throws Exception {
        interop(SOFT);
    }

    static void interop(Provider p) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
        g.initialize(new ECGenParameterSpec("sm2p256v1"));
        interop(p, g);
    }

    /** Sign/verify both ways with BouncyCastle on three key pairs of {@code g} (sm2p256v1). */
    static void interop(Provider p, KeyPairGenerator g) throws Exception {
        SecureRandom rnd = new SecureRandom();
        for (int i = 0; i < 3; i++) {
            KeyPair kp = g.generateKeyPair();
            byte[] msg = new byte[rnd.nextInt(100)];
            rnd.nextBytes(msg);
            for (boolean customId : new boolean[] {false, true}) {
                byte[] id = customId ? "alice@example.org".getBytes(StandardCharsets.US_ASCII)
                        : Sm2ParameterSpec.DEFAULT_ID.getBytes(StandardCharsets.US_ASCII);
                Signature ours = Signature.getInstance("SM3withSM2", p);
                Signature theirs = Signature.getInstance("SM3withSM2", BC);
                if (customId) {
                    ours.setParameter(new Sm2ParameterSpec(id));
                    theirs.setParameter(new org.bouncycastle.jcajce.spec.SM2ParameterSpec(id));
                }
                ours.initSign(kp.getPrivate());
                ours.update(msg);
                byte[] a = ours.sign();
                theirs.initVerify(kp.getPublic());
                theirs.update(msg);
                assertTrue(theirs.verify(a), "ours verified by BouncyCastle");
                theirs.initSign(kp.getPrivate());
                theirs.update(msg);
                byte[] b = theirs.sign();
                ours.initVerify(kp.getPublic());
                ours.update(msg);
                assertTrue(ours.verify(b), "BouncyCastle's verified by ours");
                b[b.length - 1] ^= 1;
                ours.update(msg);
                assertFalse(ours.verify(b));
            }
        }
    }

    @Test
    void ecdsaRefusesSm2Parameters() throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSA", SOFT);
        assertThrows(java.security.InvalidAlgorithmParameterException.class, () -> s.setParameter(ID));
    }
}
