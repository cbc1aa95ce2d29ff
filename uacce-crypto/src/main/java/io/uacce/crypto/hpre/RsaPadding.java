package io.uacce.crypto.hpre;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.BadPaddingException;

/**
 * The RSA encodings of RFC 8017 in software: EMSA-PKCS1-v1_5 (§9.2), EMSA-PSS (§9.1), EME-OAEP
 * (§7.1) and EME-PKCS1-v1_5 (§7.2), with MGF1 (§B.2.1). Decoding of decrypted (secret) blocks
 * runs without branches on their content: validity is accumulated in masks and tested once.
 */
final class RsaPadding {
    private static final HexFormat HEX = HexFormat.of();
    /** DigestInfo prefixes of RFC 8017 §9.2 note 1. */
    private static final Map<String, byte[]> DIGEST_INFO = Map.of(
            "SHA-1", HEX.parseHex("3021300906052b0e03021a05000414"),
            "SHA-224", HEX.parseHex("302d300d06096086480165030402040500041c"),
            "SHA-256", HEX.parseHex("3031300d060960864801650304020105000420"),
            "SHA-384", HEX.parseHex("3041300d060960864801650304020205000430"),
            "SHA-512", HEX.parseHex("3051300d060960864801650304020305000440"),
            "SHA-512/224", HEX.parseHex("302d300d06096086480165030402050500041c"),
            "SHA-512/256", HEX.parseHex("3031300d060960864801650304020605000420"));

    private RsaPadding() {
    }

    /** The JDK's standard digest name for the names used in JCA specs ("SHA256" -> "SHA-256"). */
    static String digestName(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        return switch (n) {
            case "SHA", "SHA1", "SHA-1" -> "SHA-1";
            case "SHA224", "SHA-224" -> "SHA-224";
            case "SHA256", "SHA-256" -> "SHA-256";
            case "SHA384", "SHA-384" -> "SHA-384";
            case "SHA512", "SHA-512" -> "SHA-512";
            case "SHA512/224", "SHA-512/224" -> "SHA-512/224";
            case "SHA512/256", "SHA-512/256" -> "SHA-512/256";
            default -> n;
        };
    }

    static MessageDigest digest(String name) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance(digestName(name));
    }

    // ---- constant-time helpers: -1 for true, 0 for false ----

    static int isZero(int x) {
        return ((x | -x) >> 31) ^ -1;
    }

    static int select(int mask, int a, int b) {
        return (a & mask) | (b & ~mask);
    }

    /** -1 when a < b (both non-negative ints below 2^30). */
    static int lessThan(int a, int b) {
        return (a - b) >> 31;
    }

    /** MGF1 (RFC 8017 §B.2.1) of {@code seed} xored into {@code out[off, off+len)}. */
    static void mgf1Xor(MessageDigest md, byte[] seed, byte[] out, int off, int len) {
        byte[] counter = new byte[4];
        int done = 0;
        for (int c = 0; done < len; c++) {
            counter[0] = (byte) (c >>> 24);
            counter[1] = (byte) (c >>> 16);
            counter[2] = (byte) (c >>> 8);
            counter[3] = (byte) c;
            md.update(seed);
            byte[] h = md.digest(counter);
            for (int i = 0; i < h.length && done < len; i++, done++) {
                out[off + done] ^= h[i];
            }
        }
    }

    /** EMSA-PKCS1-v1_5 of an already computed hash: 00 01 FF.. 00 DigestInfo(hash), k bytes. */
    static byte[] pkcs1Signature(String digest, byte[] hash, int k) throws java.security.SignatureException {
        byte[] prefix = DIGEST_INFO.get(digestName(digest));
        if (prefix == null) {
            throw new java.security.SignatureException("no DigestInfo for " + digest);
        }
        int tLen = prefix.length + hash.length;
        if (k < tLen + 11) {
            throw new java.security.SignatureException("RSA key of " + k + " bytes too short for " + digest);
        }
        byte[] em = new byte[k];
        em[1] = 1;
        Arrays.fill(em, 2, k - tLen - 1, (byte) 0xFF);
        System.arraycopy(prefix, 0, em, k - tLen, prefix.length);
        System.arraycopy(hash, 0, em, k - hash.length, hash.length);
        return em;
    }

    /** EMSA-PSS encoding (RFC 8017 §9.1.1) of {@code mHash} for emBits = modBits - 1. */
    static byte[] pssEncode(MessageDigest hash, MessageDigest mgf, byte[] mHash, int sLen, int modBits,
            SecureRandom random) throws java.security.SignatureException {
        int emBits = modBits - 1;
        int emLen = (emBits + 7) / 8;
        int hLen = hash.getDigestLength();
        if (emLen < hLen + sLen + 2) {
            throw new java.security.SignatureException("RSA key too short for PSS with " + hLen + "-byte hash and "
                    + sLen + "-byte salt");
        }
        byte[] salt = new byte[sLen];
        random.nextBytes(salt);
        hash.update(new byte[8]);
        hash.update(mHash);
        byte[] h = hash.digest(salt);
        byte[] em = new byte[emLen];
        int dbLen = emLen - hLen - 1;
        em[dbLen - sLen - 1] = 1;
        System.arraycopy(salt, 0, em, dbLen - sLen, sLen);
        mgf1Xor(mgf, h, em, 0, dbLen);
        em[0] &= (byte) (0xFF >>> (8 * emLen - emBits));
        System.arraycopy(h, 0, em, dbLen, hLen);
        em[emLen - 1] = (byte) 0xBC;
        return em;
    }

    /** EMSA-PSS verification (RFC 8017 §9.1.2); {@code em} is I2OSP(m, emLen) (public data). */
    static boolean pssVerify(MessageDigest hash, MessageDigest mgf, byte[] mHash, int sLen, int modBits, byte[] em) {
        int emBits = modBits - 1;
        int emLen = (emBits + 7) / 8;
        int hLen = hash.getDigestLength();
        if (em.length != emLen || emLen < hLen + sLen + 2 || (em[emLen - 1] & 0xFF) != 0xBC) {
            return false;
        }
        int dbLen = emLen - hLen - 1;
        int topMask = 0xFF >>> (8 * emLen - emBits);
        if ((em[0] & ~topMask & 0xFF) != 0) {
            return false;
        }
        byte[] h = Arrays.copyOfRange(em, dbLen, dbLen + hLen);
        byte[] db = Arrays.copyOf(em, dbLen);
        mgf1Xor(mgf, h, db, 0, dbLen);
        db[0] &= (byte) topMask;
        for (int i = 0; i < dbLen - sLen - 1; i++) {
            if (db[i] != 0) {
                return false;
            }
        }
        if (db[dbLen - sLen - 1] != 1) {
            return false;
        }
        hash.update(new byte[8]);
        hash.update(mHash);
        hash.update(db, dbLen - sLen, sLen);
        return MessageDigest.isEqual(h, hash.digest());
    }

    /** EME-OAEP encoding (RFC 8017 §7.1.1 step 2), k bytes. */
    static byte[] oaepEncode(MessageDigest hash, MessageDigest mgf, byte[] label, byte[] m, int k,
            SecureRandom random) throws javax.crypto.IllegalBlockSizeException {
        int hLen = hash.getDigestLength();
        if (m.length > k - 2 * hLen - 2) {
            throw new javax.crypto.IllegalBlockSizeException("OAEP message of " + m.length + " bytes exceeds "
                    + Math.max(0, k - 2 * hLen - 2) + " bytes for this key and digest");
        }
        byte[] em = new byte[k];
        byte[] lHash = hash.digest(label);
        int dbOff = 1 + hLen, dbLen = k - hLen - 1;
        System.arraycopy(lHash, 0, em, dbOff, hLen);
        em[k - m.length - 1] = 1;
        System.arraycopy(m, 0, em, k - m.length, m.length);
        byte[] seed = new byte[hLen];
        random.nextBytes(seed);
        mgf1Xor(mgf, seed, em, dbOff, dbLen);
        byte[] maskedDb = Arrays.copyOfRange(em, dbOff, k);
        System.arraycopy(seed, 0, em, 1, hLen);
        mgf1Xor(mgf, maskedDb, em, 1, hLen);
        return em;
    }

    /** EME-OAEP decoding (RFC 8017 §7.1.2 step 3) without branches on the block's content. */
    static byte[] oaepDecode(MessageDigest hash, MessageDigest mgf, byte[] label, byte[] em) throws BadPaddingException {
        int k = em.length;
        int hLen = hash.getDigestLength();
        if (k < 2 * hLen + 2) {
            throw new BadPaddingException("RSA key too short for OAEP with a " + hLen + "-byte digest");
        }
        byte[] lHash = hash.digest(label);
        byte[] seed = Arrays.copyOfRange(em, 1, 1 + hLen);
        byte[] db = Arrays.copyOfRange(em, 1 + hLen, k);
        mgf1Xor(mgf, db, seed, 0, hLen);
        mgf1Xor(mgf, seed, db, 0, db.length);
        int good = isZero(em[0] & 0xFF);
        int diff = 0;
        for (int i = 0; i < hLen; i++) {
            diff |= (db[i] ^ lHash[i]) & 0xFF;
        }
        good &= isZero(diff);
        int looking = -1, oneIdx = 0, invalid = 0;
        for (int i = hLen; i < db.length; i++) {
            int b = db[i] & 0xFF;
            int one = isZero(b ^ 1);
            int zero = isZero(b);
            oneIdx = select(looking & one, i, oneIdx);
            invalid |= looking & ~one & ~zero;
            looking &= ~one;
        }
        good &= ~looking & ~invalid;
        Arrays.fill(seed, (byte) 0);
        if (good == 0) {
            Arrays.fill(db, (byte) 0);
            throw new BadPaddingException("OAEP decoding error");
        }
        byte[] m = Arrays.copyOfRange(db, oneIdx + 1, db.length);
        Arrays.fill(db, (byte) 0);
        return m;
    }

    /** EME-PKCS1-v1_5 encoding: 00 02 PS (non-zero random, >= 8) 00 M, or block type 1 (00 01 FF.. 00 M). */
    static byte[] pkcs1Encode(byte[] m, int k, int blockType, SecureRandom random)
            throws javax.crypto.IllegalBlockSizeException {
        if (m.length > k - 11) {
            throw new javax.crypto.IllegalBlockSizeException("PKCS#1 v1.5 message of " + m.length + " bytes exceeds "
                    + Math.max(0, k - 11) + " bytes for this key");
        }
        byte[] em = new byte[k];
        em[1] = (byte) blockType;
        int psEnd = k - m.length - 1;
        if (blockType == 1) {
            Arrays.fill(em, 2, psEnd, (byte) 0xFF);
        } else {
            byte[] one = new byte[1];
            for (int i = 2; i < psEnd; i++) {
                do {
                    random.nextBytes(one);
                } while (one[0] == 0);
                em[i] = one[0];
            }
        }
        System.arraycopy(m, 0, em, k - m.length, m.length);
        return em;
    }

    /** EME-PKCS1-v1_5 decoding of block type {@code blockType} without branches on the content. */
    static byte[] pkcs1Decode(byte[] em, int blockType) throws BadPaddingException {
        int k = em.length;
        int good = isZero(em[0] & 0xFF) & isZero((em[1] & 0xFF) ^ blockType);
        int looking = -1, zeroIdx = 0, badPs = 0;
        for (int i = 2; i < k; i++) {
            int b = em[i] & 0xFF;
            int zero = isZero(b);
            zeroIdx = select(looking & zero, i, zeroIdx);
            if (blockType == 1) { // public data (signature recovery), not a secret
                badPs |= looking & ~zero & ~isZero(b ^ 0xFF);
            }
            looking &= ~zero;
        }
        good &= ~looking & ~badPs & ~lessThan(zeroIdx, 10);
        if (good == 0) {
            throw new BadPaddingException("PKCS#1 v1.5 decoding error");
        }
        return Arrays.copyOfRange(em, zeroIdx + 1, k);
    }
}
