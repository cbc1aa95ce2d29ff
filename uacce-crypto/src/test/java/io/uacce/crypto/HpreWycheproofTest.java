package io.uacce.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.CryptoMode;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The Wycheproof files of the HPRE algorithms through the provider in SOFTWARE mode: every valid
 * test right, every invalid one rejected, "acceptable" either way. Keys come from the JDK's
 * KeyFactory (SunRsaSign/SunEC), as an application would make them.
 */
class HpreWycheproofTest {
    static final Provider P = new UacceProvider(new CryptoSettings(CryptoMode.SOFTWARE, 0, 1000));
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(JsonObject o, String name) {
        return HEX.parseHex(o.get(name).getAsString());
    }

    private static String s(JsonObject o, String name) {
        return o.get(name).getAsString();
    }

    /** The files and the algorithm each is run through (also used on the model devices). */
    static final String[][] FILES = {
        {"rsa_signature_2048_sha256_test.json", "SHA256withRSA"},
        {"rsa_signature_4096_sha512_test.json", "SHA512withRSA"},
        {"rsa_pss_2048_sha256_mgf1_32_test.json", "RSASSA-PSS"},
        {"rsa_oaep_2048_sha256_mgf1sha256_test.json", "RSA/ECB/OAEPPadding"},
        {"rsa_pkcs1_2048_test.json", "RSA/ECB/PKCS1Padding"},
        {"ecdsa_secp256r1_sha256_test.json", "SHA256withECDSA"},
        {"ecdsa_secp384r1_sha384_test.json", "SHA384withECDSA"},
        {"ecdsa_secp521r1_sha512_test.json", "SHA512withECDSA"},
        {"ecdsa_secp256r1_sha256_p1363_test.json", "SHA256withECDSAinP1363Format"},
        {"ecdh_secp256r1_test.json", "ECDH"},
        {"ecdh_secp384r1_test.json", "ECDH"},
        {"ecdh_secp521r1_test.json", "ECDH"},
        {"x25519_test.json", "X25519"},
        {"x448_test.json", "X448"},
    };

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> files() {
        return java.util.Arrays.stream(FILES).map(f -> org.junit.jupiter.params.provider.Arguments.of(f[0], f[1]));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("files")
    void file(String file, String algorithm) throws Exception {
        Wycheproof.Outcome o = check(P, file, algorithm);
        assertTrue(o.valid() > 0, "no valid test ran");
        assertEquals(List.of(), o.failures(), file + ": " + o.failures().size() + " failures of " + (o.valid() + o.invalid()));
    }

    /** Runs one file through {@code p}; valid counts the valid and acceptable tests. */
    static Wycheproof.Outcome check(Provider p, String file, String algorithm) throws Exception {
        return check(p, file, algorithm, 1, null);
    }

    /**
     * Runs every {@code stride}-th test of the file (tests 0, stride, 2 stride, ... in file order; 1 =
     * all) through {@code p}; {@code strictlyValid}, when given, receives the number of tests run
     * whose result is "valid" (not "acceptable").
     */
    static Wycheproof.Outcome check(Provider p, String file, String algorithm, int stride, int[] strictlyValid)
            throws Exception {
        if (stride < 1) {
            throw new IllegalArgumentException("stride " + stride);
        }
        JsonObject root = Wycheproof.load(file);
        int valid = 0, invalid = 0, index = 0;
        List<String> failures = new ArrayList<>();
        for (var ge : root.getAsJsonArray("testGroups")) {
            JsonObject g = ge.getAsJsonObject();
            String type = s(g, "type");
            Object groupKey = null;
            try {
                groupKey = groupKey(type, g);
            } catch (GeneralSecurityException e) {
                groupKey = e;
            }
            for (var te : g.getAsJsonArray("tests")) {
                if (index++ % stride != 0) {
                    continue;
                }
                JsonObject t = te.getAsJsonObject();
                String result = s(t, "result");
                if (strictlyValid != null && result.equals("valid")) {
                    strictlyValid[0]++;
                }
                String id = file + " tcId " + t.get("tcId").getAsInt() + " (" + s(t, "comment") + ")";
                Boolean accepted; // null = error in the harness
                String err = null;
                try {
                    accepted = groupKey instanceof Exception ? Boolean.FALSE
                            : run(p, type, algorithm, g, t, groupKey);
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    accepted = Boolean.FALSE; // rejected with a typed exception
                } catch (RuntimeException e) {
                    accepted = null;
                    err = "unexpected " + e;
                }
                if (accepted == null) {
                    failures.add(id + ": " + (err != null ? err : "wrong output"));
                } else if (result.equals("valid") && !accepted) {
                    failures.add(id + ": valid test rejected");
                } else if (result.equals("invalid") && accepted) {
                    failures.add(id + ": invalid test accepted");
                }
                if (result.equals("invalid")) {
                    invalid++;
                } else {
                    valid++;
                }
            }
        }
        return new Wycheproof.Outcome(valid, invalid, failures);
    }

    private static Object groupKey(String type, JsonObject g) throws GeneralSecurityException {
        return switch (type) {
            case "RsassaPkcs1Verify", "RsassaPssVerify" ->
                    KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(hex(g, "publicKeyDer")));
            case "EcdsaVerify", "EcdsaP1363Verify" ->
                    KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(hex(g, "publicKeyDer")));
            case "RsaesOaepDecrypt", "RsaesPkcs1Decrypt" ->
                    KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(hex(g, "privateKeyPkcs8")));
            default -> null;
        };
    }

    /** True when the provider accepted the test (and, for a computation, gave the expected output). */
    private static Boolean run(Provider p, String type, String alg, JsonObject g, JsonObject t, Object key) throws Exception {
        return switch (type) {
            case "RsassaPkcs1Verify", "EcdsaVerify", "EcdsaP1363Verify" -> {
                Signature v = Signature.getInstance(alg, p);
                v.initVerify((PublicKey) key);
                v.update(hex(t, "msg"));
                yield v.verify(hex(t, "sig"));
            }
            case "RsassaPssVerify" -> {
                Signature v = Signature.getInstance(alg, p);
                v.setParameter(new PSSParameterSpec(s(g, "sha"), "MGF1", new MGF1ParameterSpec(s(g, "mgfSha")),
                        g.get("sLen").getAsInt(), 1));
                v.initVerify((PublicKey) key);
                v.update(hex(t, "msg"));
                yield v.verify(hex(t, "sig"));
            }
            case "RsaesOaepDecrypt" -> {
                Cipher c = Cipher.getInstance(alg, p);
                c.init(Cipher.DECRYPT_MODE, (PrivateKey) key, new OAEPParameterSpec(s(g, "sha"), "MGF1",
                        new MGF1ParameterSpec(s(g, "mgfSha")), new PSource.PSpecified(hex(t, "label"))));
                byte[] m = c.doFinal(hex(t, "ct"));
                yield Arrays.equals(m, hex(t, "msg")) ? Boolean.TRUE : null;
            }
            case "RsaesPkcs1Decrypt" -> {
                Cipher c = Cipher.getInstance(alg, p);
                c.init(Cipher.DECRYPT_MODE, (PrivateKey) key);
                byte[] m = c.doFinal(hex(t, "ct"));
                yield Arrays.equals(m, hex(t, "msg")) ? Boolean.TRUE : null;
            }
            case "EcdhTest" -> {
                AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
                ap.init(new ECGenParameterSpec(s(g, "curve")));
                ECParameterSpec spec = ap.getParameterSpec(ECParameterSpec.class);
                PrivateKey priv = KeyFactory.getInstance("EC").generatePrivate(
                        new ECPrivateKeySpec(new BigInteger(1, hex(t, "private")), spec));
                PublicKey pub = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(hex(t, "public")));
                yield agree(p, "ECDH", priv, pub, hex(t, "shared"));
            }
            case "XdhComp" -> {
                String curve = s(g, "curve").equals("curve25519") ? "X25519" : "X448";
                int len = curve.equals("X25519") ? 32 : 56;
                byte[] pubLe = hex(t, "public");
                if (pubLe.length != len) {
                    throw new java.security.InvalidKeyException("public key of " + pubLe.length + " bytes");
                }
                byte[] be = new byte[len];
                for (int i = 0; i < len; i++) {
                    be[i] = pubLe[len - 1 - i];
                }
                if (len == 32) {
                    be[0] &= 127; // RFC 7748 §5: the top bit of the u-coordinate is ignored
                }
                NamedParameterSpec nps = new NamedParameterSpec(curve);
                KeyFactory kf = KeyFactory.getInstance("XDH");
                PrivateKey priv = kf.generatePrivate(new XECPrivateKeySpec(nps, hex(t, "private")));
                PublicKey pub = kf.generatePublic(new XECPublicKeySpec(nps, new BigInteger(1, be)));
                yield agree(p, alg, priv, pub, hex(t, "shared"));
            }
            default -> throw new IllegalStateException("unknown test type " + type);
        };
    }

    private static Boolean agree(Provider p, String alg, PrivateKey priv, PublicKey pub, byte[] expected) throws Exception {
        KeyAgreement ka = KeyAgreement.getInstance(alg, p);
        ka.init(priv);
        ka.doPhase(pub, true);
        return Arrays.equals(ka.generateSecret(), expected) ? Boolean.TRUE : null;
    }
}
