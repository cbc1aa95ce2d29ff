package io.uacce.crypto.sec.bd;

/** Field encodings of SEC BDs (spec §2.3 ciphers, §2.4 digests/MACs); the same numbers in BD2 and BD3. */
public final class SecCodes {
    private SecCodes() {
    }

    // c_alg
    public static final int C_ALG_3DES = 1;
    public static final int C_ALG_AES = 2;
    public static final int C_ALG_SM4 = 3;

    // c_mode
    public static final int C_MODE_ECB = 0;
    public static final int C_MODE_CBC = 1;
    public static final int C_MODE_CFB = 2;
    public static final int C_MODE_OFB = 3;
    public static final int C_MODE_CTR = 4;
    public static final int C_MODE_CCM = 5;
    public static final int C_MODE_GCM = 6;
    public static final int C_MODE_XTS = 7;

    // cipher / auth operation
    public static final int CIPHER_ENCRYPT = 1;
    public static final int CIPHER_DECRYPT = 2;
    public static final int AUTH_CALCULATE = 1;

    // a_alg: plain hashes, HMACs (+0x10), AES MACs
    public static final int A_SHA1 = 0x00;
    public static final int A_SHA256 = 0x01;
    public static final int A_MD5 = 0x02;
    public static final int A_SHA224 = 0x03;
    public static final int A_SHA384 = 0x04;
    public static final int A_SHA512 = 0x05;
    public static final int A_SHA512_224 = 0x06;
    public static final int A_SHA512_256 = 0x07;
    public static final int A_HMAC = 0x10;
    public static final int A_AES_CMAC = 0x21;
    public static final int A_AES_GMAC = 0x22;
    public static final int A_SM3 = 0x25;
    public static final int A_HMAC_SM3 = 0x26;

    /** BD3 auth_mac_key[26:25] for CTR: 128-bit counter rollover. */
    public static final int CTR_128_BIT_ROLLOVER = 2;

    /** Scenes: 1 = IPSEC ("block", UADK's cipher/AEAD/GMAC), 7 = STREAM (BD3 hashes and HMACs). */
    public static final int SCENE_BLOCK = 1;
    public static final int SCENE_STREAM = 7;

    /** The longest data length of one BD (MAX_INPUT_DATA_LEN). */
    public static final int MAX_DATA_LENGTH = 0xFFFE00;

    /**
     * c_key_len code for a key of {@code bytes} (one XTS half for XTS), or −1 if the algorithm has no
     * such key: AES 16/24/32 → 0/1/2; SM4 16 → 0; 3DES 24 → 1 (3-key), 16 → 3 (2-key).
     */
    public static int keyLengthCode(int cAlg, int bytes) {
        return switch (cAlg) {
            case C_ALG_AES -> bytes == 16 ? 0 : bytes == 24 ? 1 : bytes == 32 ? 2 : -1;
            case C_ALG_SM4 -> bytes == 16 ? 0 : -1;
            case C_ALG_3DES -> bytes == 24 ? 1 : bytes == 16 ? 3 : -1;
            default -> -1;
        };
    }
}
