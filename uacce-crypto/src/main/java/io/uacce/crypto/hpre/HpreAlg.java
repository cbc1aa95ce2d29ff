package io.uacce.crypto.hpre;

/**
 * The HPRE {@code alg} codes of dw0 [4:0] that this driver sends (spec §3.1) and the queue type
 * ({@code qc_type} of SET_QP_CTX) that serves each: 0 = RSA/DH, 1 = ECC.
 */
public enum HpreAlg {
    RSA_NCRT(0x0, 0),
    RSA_CRT(0x1, 0),
    RSA_KEYGEN(0x2, 0),
    RSA_KEYGEN_CRT(0x3, 0),
    DH_G2(0x4, 0),
    DH(0x5, 0),
    ECC_MUL(0xD, 1),
    ECDSA_SIGN(0xE, 1),
    ECDSA_VERIFY(0xF, 1),
    X_DH_MUL(0x10, 1),
    SM2_KEYGEN(0x11, 1),
    SM2_SIGN(0x12, 1),
    SM2_VERIFY(0x13, 1),
    SM2_ENCRYPT(0x14, 1),
    SM2_DECRYPT(0x15, 1);

    /** qc_type of RSA/DH queues ("algorithms supported in V2"). */
    public static final int QC_RSA_DH = 0;
    /** qc_type of ECC queues (V3+). */
    public static final int QC_ECC = 1;

    private final int code;
    private final int qcType;

    HpreAlg(int code, int qcType) {
        this.code = code;
        this.qcType = qcType;
    }

    public int code() {
        return code;
    }

    public int qcType() {
        return qcType;
    }

    /** The alg of a 5-bit code, or null for a code this driver does not send (0x6-0xC, 0x16+). */
    public static HpreAlg of(int code) {
        for (HpreAlg a : values()) {
            if (a.code == code) {
                return a;
            }
        }
        return null;
    }
}
