package io.uacce.crypto;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Runs one Wycheproof file (test resources, wycheproof/) against a provider: every valid test must
 * give the expected output both ways, every invalid one must be rejected; "acceptable" counts as
 * valid. Returns the failures (empty = the file passes) and counts what ran.
 */
final class Wycheproof {
    private static final HexFormat HEX = HexFormat.of();

    record Outcome(int valid, int invalid, List<String> failures) {
    }

    private Wycheproof() {
    }

    static JsonObject load(String file) throws Exception {
        try (InputStream in = Wycheproof.class.getResourceAsStream("/wycheproof/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource wycheproof/" + file);
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    /** {@code algorithm}: the JCA name (transformation or Mac name); {@code keyAlg}: SecretKeySpec algorithm. */
    static Outcome run(String file, String algorithm, String keyAlg, Provider p) throws Exception {
        JsonObject root = load(file);
        int valid = 0, invalid = 0;
        List<String> failures = new ArrayList<>();
        for (var ge : root.getAsJsonArray("testGroups")) {
            JsonObject g = ge.getAsJsonObject();
            String type = g.get("type").getAsString();
            for (var te : g.getAsJsonArray("tests")) {
                JsonObject t = te.getAsJsonObject();
                boolean ok = !t.get("result").getAsString().equals("invalid");
                String id = file + " tcId " + t.get("tcId").getAsInt() + " (" + t.get("comment").getAsString() + ")";
                String err;
                try {
                    err = switch (type) {
                        case "AeadTest" -> aead(algorithm, keyAlg, p, g, t, ok);
                        case "IndCpaTest" -> indCpa(algorithm, keyAlg, p, t, ok);
                        case "MacTest", "MacWithIvTest" -> mac(algorithm, keyAlg, p, g, t, ok);
                        default -> "unknown test type " + type;
                    };
                } catch (Exception e) {
                    err = "unexpected " + e;
                }
                if (err != null) {
                    failures.add(id + ": " + err);
                }
                if (ok) {
                    valid++;
                } else {
                    invalid++;
                }
            }
        }
        return new Outcome(valid, invalid, failures);
    }

    private static byte[] hex(JsonObject t, String name) {
        return HEX.parseHex(t.get(name).getAsString());
    }

    private static String aead(String alg, String keyAlg, Provider p, JsonObject g, JsonObject t, boolean ok)
            throws Exception {
        byte[] key = hex(t, "key"), iv = hex(t, "iv"), aad = hex(t, "aad"), msg = hex(t, "msg"), ct = hex(t, "ct"),
                tag = hex(t, "tag");
        int tagBits = g.get("tagSize").getAsInt();
        byte[] ctTag = concat(ct, tag);
        if (ok) {
            Cipher c = Cipher.getInstance(alg, p);
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, keyAlg), new GCMParameterSpec(tagBits, iv));
            c.updateAAD(aad);
            byte[] got = c.doFinal(msg);
            if (!Arrays.equals(got, ctTag)) {
                return "encrypt gave " + HEX.formatHex(got);
            }
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, keyAlg), new GCMParameterSpec(tagBits, iv));
            c.updateAAD(aad);
            byte[] back = c.doFinal(ctTag);
            return Arrays.equals(back, msg) ? null : "decrypt gave " + HEX.formatHex(back);
        }
        Cipher c = Cipher.getInstance(alg, p);
        try {
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, keyAlg), new GCMParameterSpec(tagBits, iv));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null; // parameters refused: rejected
        }
        c.updateAAD(aad);
        try {
            byte[] out = c.doFinal(ctTag);
            return "invalid test decrypted to " + HEX.formatHex(out);
        } catch (AEADBadTagException e) {
            return null;
        }
    }

    private static String indCpa(String alg, String keyAlg, Provider p, JsonObject t, boolean ok) throws Exception {
        byte[] key = hex(t, "key"), iv = hex(t, "iv"), msg = hex(t, "msg"), ct = hex(t, "ct");
        if (alg.contains("XTS") && iv.length < 16) {
            iv = Arrays.copyOf(iv, 16); // Wycheproof's short tweaks: the data-unit number, zero-extended
        }
        Cipher c = Cipher.getInstance(alg, p);
        if (ok) {
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, keyAlg), new IvParameterSpec(iv));
            byte[] got = c.doFinal(msg);
            if (!Arrays.equals(got, ct)) {
                return "encrypt gave " + HEX.formatHex(got);
            }
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, keyAlg), new IvParameterSpec(iv));
            byte[] back = c.doFinal(ct);
            return Arrays.equals(back, msg) ? null : "decrypt gave " + HEX.formatHex(back);
        }
        try {
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, keyAlg), new IvParameterSpec(iv));
            byte[] out = c.doFinal(ct);
            return "invalid test decrypted to " + HEX.formatHex(out);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private static String mac(String alg, String keyAlg, Provider p, JsonObject g, JsonObject t, boolean ok)
            throws Exception {
        byte[] key = hex(t, "key"), msg = hex(t, "msg"), tag = hex(t, "tag");
        int tagBytes = g.get("tagSize").getAsInt() / 8;
        Mac m = Mac.getInstance(alg, p);
        try {
            if (t.has("iv")) {
                m.init(new SecretKeySpec(key, keyAlg), new IvParameterSpec(hex(t, "iv")));
            } else {
                m.init(new SecretKeySpec(key, keyAlg));
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return ok ? "init refused a valid test: " + e : null;
        }
        byte[] full = m.doFinal(msg);
        boolean match = full.length >= tagBytes && MessageDigest.isEqual(Arrays.copyOf(full, tagBytes), tag);
        if (ok) {
            return match ? null : "mac " + HEX.formatHex(full);
        }
        return match ? "invalid tag accepted" : null;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
