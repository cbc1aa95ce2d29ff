package io.uacce.crypto.hpre;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 64-byte HPRE SQE (spec §3): little-endian words; the driver writes a request with
 * {@code done = 1} and the device writes the completion back into the same slot with
 * {@code done = 3}. Pure encode/decode: no memory of the device is touched here.
 */
public final class HpreSqe {
    /** Size of one HPRE SQE in bytes. */
    public static final int SIZE = 64;
    /** dw0 done value the request carries ("TASK_INIT"). */
    public static final int DONE_INIT = 1;
    /** dw0 done value of a completion ("TASK_DONE"). */
    public static final int DONE_TASK = 3;
    /** etype1 bit that reports an SVA (address translation) error. */
    public static final int ETYPE1_SVA_ERROR = 1 << 5;

    static final int OFF_DW0 = 0;
    static final int OFF_DW1 = 4;
    static final int OFF_KEY = 8;
    static final int OFF_IN = 16;
    static final int OFF_OUT = 24;
    static final int OFF_TAG = 32;
    static final int OFF_DW10 = 40;
    static final int OFF_KEK = 44;

    private HpreSqe() {
    }

    /**
     * One request. {@code operandBytes} is the slot width (RSA/DH key size k, ECC hw_size);
     * {@code task_len1 = operandBytes / 8 - 1}. {@code sm2Mlen} is the SM2 message length (0 when
     * unused; the field holds length - 1). {@code hpCore} sets dw1 bit 31 (the V3+ P-256 ECDH hint of §3.5).
     */
    public record Request(HpreAlg alg, int operandBytes, long keyAddr, long inAddr, long outAddr, long tag,
            boolean sm2Ksel, boolean hpCore, int sm2Mlen) {
        public Request {
            if (alg == null) {
                throw new IllegalArgumentException("alg must not be null");
            }
            if (operandBytes < 8 || operandBytes % 8 != 0 || operandBytes / 8 - 1 > 0xFF) {
                throw new IllegalArgumentException("HPRE operand size must be a multiple of 8 in 8..2048 bytes, got "
                        + operandBytes);
            }
            if (sm2Mlen < 0 || sm2Mlen > 512) {
                throw new IllegalArgumentException("SM2 message length must be 0..512 bytes, got " + sm2Mlen);
            }
        }

        /** A request without the SM2 / hp-core fields. */
        public static Request of(HpreAlg alg, int operandBytes, long keyAddr, long inAddr, long outAddr, long tag) {
            return new Request(alg, operandBytes, keyAddr, inAddr, outAddr, tag, false, false, 0);
        }
    }

    /** Writes {@code r} into {@code sqe[off, off+64)} (every other byte of the slot zeroed). */
    public static void encode(Request r, byte[] sqe, int off) {
        ByteBuffer b = ByteBuffer.wrap(sqe, off, SIZE).slice().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < SIZE; i += 8) {
            b.putLong(i, 0);
        }
        b.putInt(OFF_DW0, r.alg().code() | DONE_INIT << 30);
        int dw1 = (r.operandBytes() / 8 - 1) & 0xFF;
        if (r.sm2Ksel()) {
            dw1 |= 1 << 25;
        }
        if (r.hpCore()) {
            dw1 |= 1 << 31;
        }
        b.putInt(OFF_DW1, dw1);
        b.putLong(OFF_KEY, r.keyAddr());
        b.putLong(OFF_IN, r.inAddr());
        b.putLong(OFF_OUT, r.outAddr());
        b.putLong(OFF_TAG, r.tag());
        if (r.sm2Mlen() > 0) {
            b.putInt(OFF_DW10, (r.sm2Mlen() - 1) & 0x1FF);
        }
    }

    /** A fresh 64-byte SQE holding {@code r}. */
    public static byte[] encode(Request r) {
        byte[] s = new byte[SIZE];
        encode(r, s, 0);
        return s;
    }

    /** What a completed slot says. */
    public record Completion(int alg, int done, int etype, int etype1, boolean verified, long tag) {
        /** UADK's success test: done == 3, etype == 0, etype1 == 0. */
        public boolean ok() {
            return done == DONE_TASK && etype == 0 && etype1 == 0;
        }

        /** True when the etype1 SVA-error bit is set. */
        public boolean svaError() {
            return (etype1 & ETYPE1_SVA_ERROR) != 0;
        }

        /** Null when {@link #ok()}, else a message naming what the slot says (for a typed error). */
        public String error() {
            if (ok()) {
                return null;
            }
            if (done == DONE_INIT) {
                return "HPRE request not processed (done=1: the device never wrote the slot; invalid request)";
            }
            if (done != DONE_TASK) {
                return "HPRE completion with done=" + done + " (expected 3)";
            }
            return String.format("HPRE error completion: alg 0x%x, etype 0x%x, etype1 0x%x%s", alg, etype, etype1,
                    svaError() ? " (SVA address translation error)" : "");
        }
    }

    /** Decodes the completion in {@code sqe[off, off+64)}. */
    public static Completion decode(byte[] sqe, int off) {
        ByteBuffer b = ByteBuffer.wrap(sqe, off, SIZE).slice().order(ByteOrder.LITTLE_ENDIAN);
        int dw0 = b.getInt(OFF_DW0);
        int dw6 = b.getInt(OFF_OUT);
        return new Completion(dw0 & 0x1F, dw0 >>> 30, (dw0 >>> 5) & 0x7FF, (dw0 >>> 16) & 0x3FFF,
                (dw6 & 0b10) != 0, b.getLong(OFF_TAG));
    }
}
