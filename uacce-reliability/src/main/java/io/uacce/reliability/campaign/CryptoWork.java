package io.uacce.reliability.campaign;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The crypto requests of a kill-campaign worker ({@link KillWorker} {@code --work crypto}): SEC
 * ciphers, digests and MACs and HPRE RSA, ECDH and ECDSA through a {@code UACCE} provider (meant to
 * be in HARDWARE mode, so no request silently runs in software), each result checked against the
 * JDK's providers (SunJCE, SUN, SunRsaSign, SunEC) or against published known answers. Thread-safe:
 * every call makes its own JCA objects.
 *
 * <p>The checks avoid the JDK's private-key operations, which under qemu TCG with C1-compiled
 * BigInteger and field arithmetic cost seconds a call (docs/reliability.md "Kill campaign figures"):
 * an RSA signature (PKCS#1 v1.5, deterministic) is verified by SunRsaSign, which accepts exactly the
 * one signature it would have made, so it equals SunRsaSign's; an ECDSA signature of ours is verified
 * by SunEC; ours verifies the RFC 6979 signatures; ECDH secrets are Wycheproof's known answer or one
 * computed by SunEC at the first use of its key pair and kept. Keys are fixed published test keys,
 * so a restarted worker generates none.
 */
final class CryptoWork {
    /** What one call does. */
    enum Op {
        AES_CBC(Kind.SEC), AES_GCM(Kind.SEC), DIGEST(Kind.SEC), HMAC(Kind.SEC), RSA(Kind.HPRE), ECDH(Kind.HPRE),
        ECDSA(Kind.HPRE);

        final Kind kind;

        Op(Kind kind) {
            this.kind = kind;
        }
    }

    /** The device an operation runs on. */
    enum Kind { SEC, HPRE }

    private static final String[] DIGESTS = {"SHA-1", "SHA-256", "SHA-384", "SHA-512"};
    private static final HexFormat HEX = HexFormat.of();
    /** RFC 6979 A.2.5: the P-256 key and its SHA-256 signatures of "sample" and "test". */
    private static final String RFC6979_D = "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";
    private static final String RFC6979_QX = "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6";
    private static final String RFC6979_QY = "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299";
    private static final String[][] RFC6979_SIGS = {
        {"sample", "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716",
            "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8"},
        {"test", "f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367",
            "019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083"},
    };
    /** Wycheproof {@code ecdh_secp256r1_test.json} tcId 1: private key, the peer's public key, the shared x. */
    private static final String WP_ECDH_D = "0612465c89a023ab17855b0a6bcebfd3febb53aef84138647b5352e02c10c346";
    private static final String WP_ECDH_QX = "62d5bd3372af75fe85a040715d0f502428e07046868b0bfdfa61d731afe44f26";
    private static final String WP_ECDH_QY = "ac333a93a9e70a81cd5a95b5bf8d13990eb741c8c38872b4a07d275a014e30cf";
    private static final String WP_ECDH_X = "53020d908b0219328b658b525f26780e3ae12bcd952bb25a93bc0895e1714285";

    private final Provider uacce;
    private final int maxSize;
    private final byte[] data;
    private final KeyPair rsa;
    private final KeyPair ec;
    private final byte[][] ecdsaKnown;
    private final byte[][] ecdsaMessages;
    /** ECDH pairs (private key, peer public key) and the shared secret of each: known, or SunEC's at first use. */
    private final java.security.PrivateKey[] ecdhOurs;
    private final PublicKey[] ecdhPeers;
    private final ConcurrentHashMap<Integer, byte[]> ecdhSecrets = new ConcurrentHashMap<>();
    private final Steps steps;

    /**
     * The RSA-2048 key of Wycheproof's {@code rsa_pkcs1_2048_test.json} (its PKCS#8 form, in the
     * resource {@code rsa-2048.pk8.hex}): generating one takes SunRsaSign ~4 s here with C1 and
     * minutes under TCG, where the campaign restarts workers every few seconds. The P-256 keys are
     * RFC 6979 A.2.5's and Wycheproof's (none generated); {@code data} is random bytes to slice
     * requests from. {@code steps}: times each step (profile), or null.
     */
    CryptoWork(Provider uacce, int maxSize, long seed, Steps steps) throws GeneralSecurityException {
        this.uacce = uacce;
        this.maxSize = maxSize;
        this.steps = steps;
        SplittableRandom r = new SplittableRandom(seed);
        this.data = new byte[Math.max(maxSize, 64)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) r.nextInt();
        }
        rsa = testRsaKey();
        AlgorithmParameters ap = AlgorithmParameters.getInstance("EC", "SunEC");
        ap.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec p256 = ap.getParameterSpec(ECParameterSpec.class);
        KeyFactory ef = KeyFactory.getInstance("EC", "SunEC");
        ec = new KeyPair(ef.generatePublic(new ECPublicKeySpec(point(RFC6979_QX, RFC6979_QY), p256)),
                ef.generatePrivate(new ECPrivateKeySpec(new BigInteger(RFC6979_D, 16), p256)));
        ecdsaMessages = new byte[RFC6979_SIGS.length][];
        ecdsaKnown = new byte[RFC6979_SIGS.length][];
        for (int i = 0; i < RFC6979_SIGS.length; i++) {
            ecdsaMessages[i] = RFC6979_SIGS[i][0].getBytes(StandardCharsets.US_ASCII);
            ecdsaKnown[i] = der(new BigInteger(RFC6979_SIGS[i][1], 16), new BigInteger(RFC6979_SIGS[i][2], 16));
        }
        java.security.PrivateKey wpD = ef.generatePrivate(new ECPrivateKeySpec(new BigInteger(WP_ECDH_D, 16), p256));
        PublicKey wpQ = ef.generatePublic(new ECPublicKeySpec(point(WP_ECDH_QX, WP_ECDH_QY), p256));
        // pair 0: Wycheproof's known answer; pairs 1, 2: the RFC 6979 key against Wycheproof's and back
        ecdhOurs = new java.security.PrivateKey[] {wpD, ec.getPrivate(), wpD};
        ecdhPeers = new PublicKey[] {wpQ, wpQ, ec.getPublic()};
        ecdhSecrets.put(0, HEX.parseHex(WP_ECDH_X));
    }

    private static ECPoint point(String x, String y) {
        return new ECPoint(new BigInteger(x, 16), new BigInteger(y, 16));
    }

    /** DER SEQUENCE of two INTEGERs (both short: P-256). */
    private static byte[] der(BigInteger r, BigInteger s) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(72);
        for (BigInteger x : new BigInteger[] {r, s}) {
            byte[] v = x.toByteArray();
            body.write(0x02);
            body.write(v.length);
            body.writeBytes(v);
        }
        ByteArrayOutputStream seq = new ByteArrayOutputStream(74);
        seq.write(0x30);
        seq.write(body.size());
        seq.writeBytes(body.toByteArray());
        return seq.toByteArray();
    }

    private static KeyPair testRsaKey() throws GeneralSecurityException {
        byte[] der;
        try (InputStream in = CryptoWork.class.getResourceAsStream("rsa-2048.pk8.hex")) {
            if (in == null) {
                throw new IllegalStateException("resource rsa-2048.pk8.hex missing");
            }
            der = HEX.parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\\s", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KeyFactory f = KeyFactory.getInstance("RSA", "SunRsaSign");
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) f.generatePrivate(new PKCS8EncodedKeySpec(der));
        return new KeyPair(f.generatePublic(new RSAPublicKeySpec(k.getModulus(), k.getPublicExponent())), k);
    }

    /** Every kind of request once (opens the SEC, HPRE RSA and HPRE ECC pools); a mismatch or null. */
    String warmUp(SplittableRandom r) throws GeneralSecurityException {
        for (Op op : Op.values()) {
            String wrong = run(op, r, 4096);
            if (wrong != null) {
                return wrong;
            }
        }
        return null;
    }

    /** One request of {@code op}, of a random size; null when the result is right, else what differed. */
    String one(Op op, SplittableRandom r) throws GeneralSecurityException {
        return run(op, r, CampaignData.size(r, maxSize));
    }

    /** One random request; null when the result equals the JDK's, else what differed. */
    String one(SplittableRandom r) throws GeneralSecurityException {
        return one(Op.values()[r.nextInt(Op.values().length)], r);
    }

    String run(Op op, SplittableRandom r, int size) throws GeneralSecurityException {
        int off = r.nextInt(data.length - size + 1);
        byte[] in = Arrays.copyOfRange(data, off, off + size);
        return switch (op) {
            case AES_CBC -> cbc(r, in);
            case AES_GCM -> gcm(r, in);
            case DIGEST -> digest(r, in);
            case HMAC -> hmac(r, in);
            case RSA -> rsa(r, in);
            case ECDH -> ecdh(r);
            case ECDSA -> ecdsa(r, in);
        };
    }

    private <T> T ours(Op op, String step, Steps.Call<T> c) throws GeneralSecurityException {
        return steps == null ? c.call() : steps.time(op + " ours: " + step, c);
    }

    private <T> T ref(Op op, String step, Steps.Call<T> c) throws GeneralSecurityException {
        return steps == null ? c.call() : steps.time(op + " reference: " + step, c);
    }

    private static byte[] bytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt();
        }
        return b;
    }

    private static String differs(String what, int size, byte[] ours, byte[] jdk) {
        return Arrays.equals(ours, jdk) ? null : what + " " + size + " bytes: result differs from the JDK's";
    }

    private String cbc(SplittableRandom r, byte[] in) throws GeneralSecurityException {
        SecretKeySpec k = new SecretKeySpec(bytes(r, 16 + 8 * r.nextInt(3)), "AES");
        IvParameterSpec iv = new IvParameterSpec(bytes(r, 16));
        String t = "AES/CBC/PKCS5Padding";
        Cipher ours = Cipher.getInstance(t, uacce);
        byte[] ct = ours(Op.AES_CBC, "encrypt", () -> {
            ours.init(Cipher.ENCRYPT_MODE, k, iv);
            return ours.doFinal(in);
        });
        byte[] theirs = ref(Op.AES_CBC, "SunJCE encrypt", () -> {
            Cipher jdk = Cipher.getInstance(t, "SunJCE");
            jdk.init(Cipher.ENCRYPT_MODE, k, iv);
            return jdk.doFinal(in);
        });
        String wrong = differs("AES-CBC encrypt", in.length, ct, theirs);
        if (wrong != null) {
            return wrong;
        }
        return differs("AES-CBC decrypt", in.length, ours(Op.AES_CBC, "decrypt", () -> {
            ours.init(Cipher.DECRYPT_MODE, k, iv);
            return ours.doFinal(ct);
        }), in);
    }

    private String gcm(SplittableRandom r, byte[] in) throws GeneralSecurityException {
        SecretKeySpec k = new SecretKeySpec(bytes(r, 16 + 16 * r.nextInt(2)), "AES");
        GCMParameterSpec spec = new GCMParameterSpec(128, bytes(r, 12));
        byte[] aad = bytes(r, r.nextInt(64));
        String t = "AES/GCM/NoPadding";
        byte[] ct = ours(Op.AES_GCM, "encrypt", () -> {
            Cipher ours = Cipher.getInstance(t, uacce);
            ours.init(Cipher.ENCRYPT_MODE, k, spec);
            ours.updateAAD(aad);
            return ours.doFinal(in);
        });
        byte[] theirs = ref(Op.AES_GCM, "SunJCE encrypt", () -> {
            Cipher jdk = Cipher.getInstance(t, "SunJCE");
            jdk.init(Cipher.ENCRYPT_MODE, k, spec);
            jdk.updateAAD(aad);
            return jdk.doFinal(in);
        });
        String wrong = differs("AES-GCM encrypt", in.length, ct, theirs);
        if (wrong != null) {
            return wrong;
        }
        Cipher dec = Cipher.getInstance(t, uacce);
        wrong = differs("AES-GCM decrypt", in.length, ours(Op.AES_GCM, "decrypt", () -> {
            dec.init(Cipher.DECRYPT_MODE, k, spec);
            dec.updateAAD(aad);
            return dec.doFinal(ct);
        }), in);
        if (wrong != null) {
            return wrong;
        }
        ct[r.nextInt(ct.length)] ^= (byte) (1 << r.nextInt(8)); // a damaged ciphertext or tag must be refused
        return ours(Op.AES_GCM, "decrypt damaged", () -> {
            dec.init(Cipher.DECRYPT_MODE, k, spec);
            dec.updateAAD(aad);
            try {
                dec.doFinal(ct);
                return "AES-GCM decrypt " + in.length + " bytes: a damaged ciphertext was accepted (SunJCE refuses it)";
            } catch (AEADBadTagException expected) {
                return null;
            }
        });
    }

    private String digest(SplittableRandom r, byte[] in) throws GeneralSecurityException {
        String alg = DIGESTS[r.nextInt(DIGESTS.length)];
        int split = r.nextInt(in.length + 1);
        byte[] d = ours(Op.DIGEST, "digest", () -> {
            MessageDigest ours = MessageDigest.getInstance(alg, uacce);
            ours.update(in, 0, split);
            ours.update(in, split, in.length - split);
            return ours.digest();
        });
        return differs(alg, in.length, d, ref(Op.DIGEST, "SUN digest",
                () -> MessageDigest.getInstance(alg, "SUN").digest(in)));
    }

    private String hmac(SplittableRandom r, byte[] in) throws GeneralSecurityException {
        String alg = r.nextBoolean() ? "HmacSHA256" : "HmacSHA512";
        SecretKeySpec k = new SecretKeySpec(bytes(r, 32), alg);
        byte[] m = ours(Op.HMAC, "mac", () -> {
            Mac ours = Mac.getInstance(alg, uacce);
            ours.init(k);
            return ours.doFinal(in);
        });
        return differs(alg, in.length, m, ref(Op.HMAC, "SunJCE mac", () -> {
            Mac jdk = Mac.getInstance(alg, "SunJCE");
            jdk.init(k);
            return jdk.doFinal(in);
        }));
    }

    /**
     * SHA256withRSA: our signature (a CRT private-key operation) verifies with SunRsaSign, so it is
     * SunRsaSign's (PKCS#1 v1.5 is deterministic: one signature verifies); ours verifies it and
     * refuses it with one bit flipped.
     */
    private String rsa(SplittableRandom r, byte[] in) throws GeneralSecurityException {
        String alg = "SHA256withRSA";
        byte[] sig = signed(Op.RSA, alg, rsa, in, "SunRsaSign");
        if (sig == null) {
            return alg + " sign " + in.length + " bytes: SunRsaSign refuses the signature (it differs from SunRsaSign's)";
        }
        if (!verify(Op.RSA, alg, rsa.getPublic(), in, sig)) {
            return alg + " verify " + in.length + " bytes: SunRsaSign's signature refused";
        }
        return acceptsDamaged(Op.RSA, alg, rsa.getPublic(), in, sig, r)
                ? alg + " verify " + in.length + " bytes: a damaged signature was accepted" : null;
    }

    /** Our signature of {@code in} when the JDK's provider {@code jdk} verifies it, else null. */
    private byte[] signed(Op op, String alg, KeyPair k, byte[] in, String jdk) throws GeneralSecurityException {
        byte[] sig = ours(op, "sign", () -> {
            Signature ours = Signature.getInstance(alg, uacce);
            ours.initSign(k.getPrivate());
            ours.update(in);
            return ours.sign();
        });
        boolean accepted = ref(op, jdk + " verify", () -> {
            Signature v = Signature.getInstance(alg, jdk);
            v.initVerify(k.getPublic());
            v.update(in);
            return v.verify(sig);
        });
        return accepted ? sig : null;
    }

    /** Whether ours accepts {@code sig} with one random bit flipped (it must not). */
    private boolean acceptsDamaged(Op op, String alg, PublicKey key, byte[] in, byte[] sig, SplittableRandom r)
            throws GeneralSecurityException {
        byte[] bad = sig.clone();
        bad[r.nextInt(bad.length)] ^= (byte) (1 << r.nextInt(8));
        return verify(op, alg, key, in, bad);
    }

    /** Our verification (false also for a {@code SignatureException}: a damaged encoding). */
    private boolean verify(Op op, String alg, PublicKey key, byte[] in, byte[] sig) throws GeneralSecurityException {
        return ours(op, "verify", () -> {
            Signature ours = Signature.getInstance(alg, uacce);
            ours.initVerify(key);
            ours.update(in);
            try {
                return ours.verify(sig);
            } catch (SignatureException badEncoding) {
                return false;
            }
        });
    }

    /** ECDH P-256: the secret equals the known answer or SunEC's (computed once per key pair). */
    private String ecdh(SplittableRandom r) throws GeneralSecurityException {
        int pair = r.nextInt(ecdhOurs.length);
        byte[] secret = ours(Op.ECDH, "agree", () -> {
            KeyAgreement ours = KeyAgreement.getInstance("ECDH", uacce);
            ours.init(ecdhOurs[pair]);
            ours.doPhase(ecdhPeers[pair], true);
            return ours.generateSecret();
        });
        byte[] expected = ecdhSecrets.get(pair);
        if (expected == null) {
            expected = ref(Op.ECDH, "SunEC agree (once per pair)", () -> {
                KeyAgreement jdk = KeyAgreement.getInstance("ECDH", "SunEC");
                jdk.init(ecdhOurs[pair]);
                jdk.doPhase(ecdhPeers[pair], true);
                return jdk.generateSecret();
            });
            ecdhSecrets.putIfAbsent(pair, expected);
        }
        return differs("ECDH P-256 (pair " + pair + ")", 32, secret, expected);
    }

    /**
     * SHA256withECDSA (k random, so signatures differ): SunEC verifies ours; ours verifies an RFC 6979
     * signature and refuses it with one bit flipped.
     */
    private String ecdsa(SplittableRandom r, byte[] in) throws GeneralSecurityException {
        String alg = "SHA256withECDSA";
        if (signed(Op.ECDSA, alg, ec, in, "SunEC") == null) {
            return alg + " sign " + in.length + " bytes: SunEC refuses the signature";
        }
        int k = r.nextInt(ecdsaKnown.length);
        if (!verify(Op.ECDSA, alg, ec.getPublic(), ecdsaMessages[k], ecdsaKnown[k])) {
            return alg + " verify: RFC 6979's signature of \"" + RFC6979_SIGS[k][0] + "\" refused";
        }
        return acceptsDamaged(Op.ECDSA, alg, ec.getPublic(), ecdsaMessages[k], ecdsaKnown[k], r)
                ? alg + " verify: a damaged RFC 6979 signature was accepted" : null;
    }

    /** The JDK's private-key operations the checks above avoid, timed once each (profile only). */
    void profileAvoided(SplittableRandom r) throws GeneralSecurityException {
        byte[] in = bytes(r, 4096);
        ref(Op.RSA, "avoided: SunRsaSign sign", () -> {
            Signature jdk = Signature.getInstance("SHA256withRSA", "SunRsaSign");
            jdk.initSign(rsa.getPrivate());
            jdk.update(in);
            return jdk.sign();
        });
        ref(Op.ECDSA, "avoided: SunEC sign", () -> {
            Signature jdk = Signature.getInstance("SHA256withECDSA", "SunEC");
            jdk.initSign(ec.getPrivate());
            jdk.update(in);
            return jdk.sign();
        });
        ref(Op.ECDH, "avoided: SunEC agree (each call)", () -> {
            KeyAgreement jdk = KeyAgreement.getInstance("ECDH", "SunEC");
            jdk.init(ecdhOurs[1]);
            jdk.doPhase(ecdhPeers[1], true);
            return jdk.generateSecret();
        });
        ref(Op.ECDH, "avoided: SunEC P-256 key pair generation", () -> {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC", "SunEC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        });
    }
}
