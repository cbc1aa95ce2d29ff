package io.uacce.crypto.sec.bd;

/**
 * What one SEC BD asks the device, independent of the BD format. Mutable and reused: an owner
 * {@link #clear()}s it and fills the fields for one request. Lengths are bytes unless named
 * otherwise; addresses are device addresses (SVA: process virtual addresses).
 */
public final class SecRequest {
    /** The BD format to write: 2 on QM V2, 3 on V3+ ({@link SecBd#typeFor}); kept by {@link #clear()}. */
    public int bdType = SecBd.TYPE3;
    public int cipher;
    public int auth;
    public int cAlg;
    public int cMode;
    public int cKeyLenCode;
    /** AEAD tag length in bytes (c_icv_len). */
    public int icvLen;
    public int aAlg;
    /** MAC length in 4-byte words (0 = the algorithm's full length). */
    public int macLenWords;
    /** Authentication key length in 4-byte words. */
    public int aKeyLenWords;
    /** 0 = standard IV, 1 = from a_ivin_addr. */
    public int aiGen;
    /** 1 = no padding: an intermediate long-hash block. */
    public int aPad;
    public int scene;
    /** 1 = separate destination buffer. */
    public int de;
    /** 0 = cipher then auth, 1 = auth then cipher. */
    public int seq;
    /** BD3 auth_mac_key[26:25] (CTR rollover). */
    public int ctrMode;
    public boolean invalid;
    public long authLength;
    public long cipherLength;
    public int authSrcOffset;
    public int cipherSrcOffset;
    public long longADataLenBits;
    public long src;
    public long dst;
    public long cKey;
    public long cIvin;
    public long aKey;
    public long aIvin;
    public long mac;

    /** Resets every field to zero. */
    public SecRequest clear() {
        cipher = auth = cAlg = cMode = cKeyLenCode = icvLen = aAlg = macLenWords = aKeyLenWords = 0;
        aiGen = aPad = scene = de = seq = ctrMode = 0;
        invalid = false;
        authLength = cipherLength = longADataLenBits = 0;
        authSrcOffset = cipherSrcOffset = 0;
        src = dst = cKey = cIvin = aKey = aIvin = mac = 0;
        return this;
    }

    /** A cipher-only request (UADK's fill_cipher_bd: scene 1, de 1). */
    public SecRequest cipher(boolean encrypt, int cAlg, int cMode, int keyLenCode, long src, long dst, long length,
            long key, long iv) {
        clear();
        this.cipher = encrypt ? SecCodes.CIPHER_ENCRYPT : SecCodes.CIPHER_DECRYPT;
        this.cAlg = cAlg;
        this.cMode = cMode;
        this.cKeyLenCode = keyLenCode;
        this.scene = SecCodes.SCENE_BLOCK;
        this.de = 1;
        this.src = src;
        this.dst = dst;
        this.cipherLength = length;
        this.cKey = key;
        this.cIvin = iv;
        if (cMode == SecCodes.C_MODE_CTR) {
            this.ctrMode = SecCodes.CTR_128_BIT_ROLLOVER;
        }
        return this;
    }

    /**
     * A single-block digest or MAC (no long hash): {@code scene} is the BD format's (BD2 1, BD3 7 for
     * hashes/HMAC/CMAC, 1 for GMAC) — {@link SecBd} fills it when left 0.
     */
    public SecRequest digest(int aAlg, int macLenWords, long src, long length, long mac, long key, int keyBytes,
            long ivForGmac) {
        clear();
        this.auth = SecCodes.AUTH_CALCULATE;
        this.aAlg = aAlg;
        this.macLenWords = macLenWords;
        this.src = src == 0 ? mac : src; // UADK: never let the device read address 0
        this.authLength = length;
        this.mac = mac;
        this.aKey = key;
        this.aKeyLenWords = keyBytes / 4;
        if (aAlg == SecCodes.A_AES_GMAC) {
            this.aiGen = 1;
            this.aIvin = ivForGmac;
        }
        return this;
    }

    /**
     * One block of a long hash (§2.5, UADK's fill_digest_long_hash): the first block ({@code chained}
     * false) starts from the standard IV, later blocks read the chaining value from {@code mac}
     * (a_ivin = mac_addr); every block but the last ({@code last} false: a_pad 1, no padding) writes
     * the chaining value back to {@code mac}; the last pads and carries the whole message length in
     * bits. Intermediate blocks are whole hash blocks (64 or 128 bytes).
     */
    public SecRequest longHash(int aAlg, int macLenWords, long src, long length, long mac, boolean chained,
            boolean last, long totalBits) {
        digest(aAlg, macLenWords, src, length, mac, 0, 0, 0);
        this.aiGen = chained ? 1 : 0;
        this.aPad = last ? 0 : 1;
        this.aIvin = chained ? mac : 0;
        this.longADataLenBits = last ? totalBits : 0;
        return this;
    }

    /**
     * A CCM or GCM request over {@code src = AAD ‖ text} (dst likewise, output after the AAD):
     * encryption writes the tag to {@code tag}, decryption verifies the tag found there.
     * GCM: {@code iv} = the 12-byte IV; CCM: {@code iv} = the counter block, {@code b0} = B0.
     */
    public SecRequest aead(boolean encrypt, int cAlg, int cMode, int keyLenCode, long src, long dst, int aadLength,
            long textLength, long key, long iv, long b0, long tag, int tagLength) {
        clear();
        this.cipher = encrypt ? SecCodes.CIPHER_ENCRYPT : SecCodes.CIPHER_DECRYPT;
        this.seq = encrypt ? 0 : 1;
        this.cAlg = cAlg;
        this.cMode = cMode;
        this.cKeyLenCode = keyLenCode;
        this.icvLen = tagLength;
        this.scene = SecCodes.SCENE_BLOCK;
        this.de = 1;
        this.src = src;
        this.dst = dst;
        this.authLength = aadLength;
        this.cipherLength = textLength;
        this.cipherSrcOffset = aadLength;
        this.cKey = key;
        this.aKey = key;
        this.cIvin = iv;
        this.aIvin = cMode == SecCodes.C_MODE_CCM ? b0 : iv;
        this.mac = tag;
        return this;
    }
}
