package io.uacce.stubs.model;

/**
 * The HPRE etype values (SQE dw0[15:5]) the model writes on failure. No public table exists
 * (HPRE spec §3, §8 item 2): every value here is the model's own choice. Success is etype 0,
 * etype1 0, done 3.
 */
public final class HpreStatus {
    /** Model choice: unknown or unmodelled alg, or an ECC alg on a V2 device. */
    public static final int BAD_ALG = 0x1;
    /** Model choice: the alg does not match the queue's qc_type (0 RSA/DH, 1 ECC). */
    public static final int QUEUE_TYPE = 0x2;
    /** Model choice: task_len1 gives an operand size the engine does not support. */
    public static final int BAD_LENGTH = 0x3;
    /** Model choice: d or e <= 1, even modulus, input >= modulus, u = 0 or u >= p, zero nonce. */
    public static final int BAD_PARAM = 0x4;
    /** Model choice: a point (input, G or public key) is not on the curve. */
    public static final int NOT_ON_CURVE = 0x5;
    /** Model choice: a key, input or output address the device cannot reach (with etype1 bit 5). */
    public static final int ADDRESS = 0x6;
    /** etype1 bit 5: SVA error (spec §3, {@code HPRE_HW_SVA_ERROR}). */
    public static final int ETYPE1_SVA_ERROR = 1 << 5;

    private HpreStatus() {
    }
}
