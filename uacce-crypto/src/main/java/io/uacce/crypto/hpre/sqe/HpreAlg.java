package io.uacce.crypto.hpre.sqe;

/** The alg codes of dw0[4:0] (HPRE spec §3.1, UADK `enum hpre_alg_type`) and their queue types. */
public final class HpreAlg {
    public static final int RSA_NCRT = 0x0;
    public static final int RSA_CRT = 0x1;
    public static final int RSA_KEYGEN = 0x2;
    public static final int RSA_KEYGEN_CRT = 0x3;
    public static final int DH_G2 = 0x4;
    public static final int DH = 0x5;
    public static final int ECC_MULTIPLY = 0xD;
    public static final int ECDSA_SIGN = 0xE;
    public static final int ECDSA_VERIFY = 0xF;
    public static final int X_DH_MULTIPLY = 0x10;
    public static final int SM2_KEYGEN = 0x11;
    public static final int SM2_SIGN = 0x12;
    public static final int SM2_VERIFY = 0x13;
    public static final int SM2_ENCRYPT = 0x14;
    public static final int SM2_DECRYPT = 0x15;

    /** SET_QP_CTX qc_type of RSA/DH queues ("algorithms supported in V2"). */
    public static final int QC_RSA_DH = 0;
    /** SET_QP_CTX qc_type of ECC queues (V3+). */
    public static final int QC_ECC = 1;

    private HpreAlg() {
    }

    /** The qc_type a queue needs to run {@code alg}: 0 for 0x0–0x5, 1 for the ECC algs 0xB–0x15. */
    public static int queueType(int alg) {
        if (alg >= RSA_NCRT && alg <= DH) {
            return QC_RSA_DH;
        }
        if (alg >= 0xB && alg <= SM2_DECRYPT) {
            return QC_ECC;
        }
        throw new IllegalArgumentException("HPRE alg 0x" + Integer.toHexString(alg) + " is not used by any driver (§3.1)");
    }
}
