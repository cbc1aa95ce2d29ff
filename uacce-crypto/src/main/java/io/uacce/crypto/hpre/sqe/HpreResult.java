package io.uacce.crypto.hpre.sqe;

/** What the device wrote back into an HPRE SQE slot (dw0, dw6, the tag). Mutable and reused. */
public final class HpreResult {
    public int alg;
    /** dw0[31:30]: 1 = untouched (TASK_INIT), 3 = done. */
    public int done;
    /** dw0[15:5]: 0 = success. No public table of values (§3). */
    public int etype;
    /** dw0[29:16]: bit 5 = SVA error. */
    public int etype1;
    /** ECDSA/SM2 verify: dw6 bit 1 (1 = the signature is valid). */
    public boolean verdict;
    /** The tag of dw8 (the request layer's ticket). */
    public int tag;

    /** UADK's success test (`hpre_result_check`): done = 3, etype = 0, etype1 = 0. */
    public boolean ok() {
        return done == HpreCodec.DONE && etype == 0 && etype1 == 0;
    }

    /**
     * The one status word the request layer counts: 0 on success, else etype | etype1 << 11 | a
     * "not done" bit 25 when the device did not complete the SQE.
     */
    public int status() {
        return ok() ? 0 : (etype & 0x7FF) | (etype1 & 0x3FFF) << 11 | (done != HpreCodec.DONE ? 1 << 25 : 0);
    }
}
