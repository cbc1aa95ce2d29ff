package io.uacce.reliability.campaign;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
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
 * JDK's providers (SunJCE, SUN, SunRsaSign, SunEC). Thread-safe: every call makes its own JCA
 * objects.
 */
final class CryptoWork {
    /** What one call does. */
    enum Op { AES_CBC, AES_GCM, DIGEST, HMAC, RSA, ECDH, ECDSA }

    private static final String[] DIGESTS = {"SHA-1", "SHA-256", "SHA-384", "SHA-512"};
    private final Provider uacce;
    private final int maxSize;
    private final byte[] data;
    private final KeyPair rsa;
    private final KeyPair ec;
    private final KeyPair[] peers = new KeyPair[2];

    /**
     * The RSA-2048 key of Wycheproof's {@code rsa_pkcs1_2048_test.json} (its PKCS#8 form, in the
     * resource {@code rsa-2048.pk8.hex}): generating one takes SunRsaSign ~4 s here with C1 and
     * minutes under TCG, where the campaign restarts workers every few seconds. P-256 keys come from
     * SunEC's generator; {@code data} is random bytes to slice requests from.
     */
    CryptoWork(Provider uacce, int maxSize, long seed) throws GeneralSecurityException {
        this.uacce = uacce;
        this.maxSize = maxSize;
        SplittableRandom r = new SplittableRandom(seed);
        this.data = new byte[Math.max(maxSize, 64)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) r.nextInt();
        }
        SecureRandom keys = SecureRandom.getInstance("SHA1PRNG");
        keys.setSeed(seed);
        rsa = testRsaKey();
        KeyPairGenerator eg = KeyPairGenerator.getInstance("EC", "SunEC");
        eg.initialize(new ECGenParameterSpec("secp256r1"), keys);
        ec = eg.generateKeyPair();
        for (int i = 0; i < peers.length; i++) {
            peers[i] = eg.generateKeyPair();
        }
    }

    private static KeyPair testRsaKey() throws GeneralSecurityException {
        byte[] der;
        try (InputStream in = CryptoWork.class.getResourceAsStream("rsa-2048.pk8.hex")) {
            if (in == null) {
                throw new IllegalStateException("resource rsa-2048.pk8.hex missing");
            }
            der = HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\\s", ""));
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

    /** One random request; null when the result equals the JDK's, else what differed. */
    String one(SplittableRandom r) throws GeneralSecurityException {
        return run(Op.values()[r.nextInt(Op.values().length)], r, CampaignData.size(r, maxSize));
    }

    String run(Op op, SplittableRandom r, int size) throws GeneralSecurityException {
        int off = r.nextInt(data.length - size + 1);
        byte[] in = Arrays.copyOfRange(data, off, off + size);
        return switch (op) {
            case AES_CBC -> cbc(r, in);
            case AES_GCM -> gcm(r, in);
            case DIGEST -> digest(r, in);
            case HMAC -> hmac(r, in);
            case RSA -> rsa(in);
            case ECDH -> ecdh(r);
            case ECDSA -> ecdsa(in);
        };
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
        ours.init(Cipher.ENCRYPT_MODE, k, iv);
        byte[] ct = ours.doFinal(in);
        Cipher jdk = Cipher.getInstance(t, "SunJCE");
        jdk.init(Cipher.ENCRYPT_MODE, k, iv);
        String wrong = differs("AES-CBC encrypt", in.length, ct, jdk.doFinal(in));
        if (wrong != null) {
            return wrong;
        }
        ours.init(Cipher.DECRYPT_MODE, k, iv);
        return differs("AES-CBC decrypt", in.length, ours.doFinal(ct), in);
    }

    private String gcm(SplittableRandom r, byte[] in) throws GeneralSecurityException {
        SecretKeySpec k = new SecretKeySpec(bytes(r, 16 + 16 * r.nextInt(2)), "AES");
        GCMParameterSpec spec = new GCMParameterSpec(128, bytes(r, 12));
        byte[] aad = bytes(r, r.nextInt(64));
        String t = "AES/GCM/NoPadding";
        Cipher ours = Cipher.getInstance(t, uacce);
        ours.init(Cipher.ENCRYPT_MODE, k, spec);
        ours.updateAAD(aad);
        byte[] ct = ours.doFinal(in);
        Cipher jdk = Cipher.getInstance(t, "SunJCE");
        jdk.init(Cipher.ENCRYPT_MODE, k, spec);
        jdk.updateAAD(aad);
        String wrong = differs("AES-GCM encrypt", in.length, ct, jdk.doFinal(in));
        if (wrong != null) {
            return wrong;
        }
        Cipher dec = Cipher.getInstance(t, uacce);
        dec.init(Cipher.DECRYPT_MODE, k, spec);
        dec.updateAAD(aad);
        wrong = differs("AES-GCM decrypt", in.length, dec.doFinal(ct), in);
        if (wrong != null) {
            return wrong;
        }
        ct[r.nextInt(ct.length)] ^= (byte) (1 << r.nextInt(8)); // a damaged ciphertext or tag must be refused
        dec.init(Cipher.DECRYPT_MODE, k, spec);
        dec.updateAAD(aad);
        try {
            dec.doFinal(ct);
            return "AES-GCM decrypt " + in.length + " bytes: a damaged ciphertext was accepted (SunJCE refuses it)";
        } catch (AEADBadTagException expected) {
            return null;
        }
    }

    private String digest(SplittableRandom r, byte[] in) throws GeneralSecurityException {
        String alg = DIGESTS[r.nextInt(DIGESTS.length)];
        MessageDigest ours = MessageDigest.getInstance(alg, uacce);
        int split = r.nextInt(in.length + 1);
        ours.update(in, 0, split);
        ours.update(in, split, in.length - split);
        return differs(alg, in.length, ours.digest(), MessageDigest.getInstance(alg, "SUN").digest(in));
    }

    private String hmac(SplittableRandom r, byte[] in) throws GeneralSecurityException {
        String alg = r.nextBoolean() ? "HmacSHA256" : "HmacSHA512";
        SecretKeySpec k = new SecretKeySpec(bytes(r, 32), alg);
        Mac ours = Mac.getInstance(alg, uacce);
        ours.init(k);
        Mac jdk = Mac.getInstance(alg, "SunJCE");
        jdk.init(k);
        return differs(alg, in.length, ours.doFinal(in), jdk.doFinal(in));
    }

    /** SHA256withRSA: our signature (a CRT private-key operation) equals SunRsaSign's; ours verifies theirs. */
    private String rsa(byte[] in) throws GeneralSecurityException {
        Signature ours = Signature.getInstance("SHA256withRSA", uacce);
        ours.initSign(rsa.getPrivate());
        ours.update(in);
        Signature jdk = Signature.getInstance("SHA256withRSA", "SunRsaSign");
        jdk.initSign(rsa.getPrivate());
        jdk.update(in);
        byte[] theirs = jdk.sign();
        String wrong = differs("SHA256withRSA sign", in.length, ours.sign(), theirs);
        if (wrong != null) {
            return wrong;
        }
        ours.initVerify(rsa.getPublic());
        ours.update(in);
        return ours.verify(theirs) ? null : "SHA256withRSA verify " + in.length + " bytes: SunRsaSign's signature refused";
    }

    private String ecdh(SplittableRandom r) throws GeneralSecurityException {
        KeyPair peer = peers[r.nextInt(peers.length)];
        KeyAgreement ours = KeyAgreement.getInstance("ECDH", uacce);
        ours.init(ec.getPrivate());
        ours.doPhase(peer.getPublic(), true);
        KeyAgreement jdk = KeyAgreement.getInstance("ECDH", "SunEC");
        jdk.init(peer.getPrivate());
        jdk.doPhase(ec.getPublic(), true);
        return differs("ECDH P-256", 32, ours.generateSecret(), jdk.generateSecret());
    }

    /** SHA256withECDSA (k random, so signatures differ): SunEC verifies ours, ours verifies SunEC's. */
    private String ecdsa(byte[] in) throws GeneralSecurityException {
        Signature ours = Signature.getInstance("SHA256withECDSA", uacce);
        ours.initSign(ec.getPrivate());
        ours.update(in);
        byte[] sig = ours.sign();
        Signature jdk = Signature.getInstance("SHA256withECDSA", "SunEC");
        jdk.initVerify(ec.getPublic());
        jdk.update(in);
        if (!jdk.verify(sig)) {
            return "SHA256withECDSA sign " + in.length + " bytes: SunEC refuses the signature";
        }
        jdk.initSign(ec.getPrivate());
        jdk.update(in);
        byte[] theirs = jdk.sign();
        ours.initVerify(ec.getPublic());
        ours.update(in);
        return ours.verify(theirs) ? null : "SHA256withECDSA verify " + in.length + " bytes: SunEC's signature refused";
    }
}
