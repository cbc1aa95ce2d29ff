package io.uacce.crypto.hpre.sqe;

import io.uacce.request.QueueType;
import io.uacce.request.RequestCodec;
import io.uacce.request.StatusTable;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The HPRE engine's part of the request layer: writes an {@link HpreRequest} as the 64-byte SQE of
 * spec §3 and reads dw0/dw6/the tag of the completed slot into an {@link HpreResult}. Stateless
 * and allocation-free. Layout (little-endian words): dw0 alg [4:0], etype [15:5], etype1 [29:16],
 * done [31:30] (request 1, device 3); dw1 task_len1 [7:0] = operand bytes / 8 − 1, sm2_ksel [25],
 * bd_rsv2 [31]; dw2–3 key, dw4–5 in, dw6–7 out addresses; dw8–9 tag; dw10 sm2_mlen [8:0].
 */
public final class HpreCodec implements RequestCodec<HpreRequest, HpreResult> {
    public static final HpreCodec INSTANCE = new HpreCodec();
    /** SQE size (§1). */
    public static final int SQE_SIZE = 64;
    /** dw0 done value the request writes ("TASK_INIT"). */
    public static final int INIT = 1;
    /** dw0 done value the device writes ("TASK_DONE"). */
    public static final int DONE = 3;
    /** RSA/DH queues: any HPRE device (its algorithms list "rsa"), qc_type 0. */
    public static final QueueType RSA_DH_QUEUE = new QueueType(List.of("rsa", "dh"), HpreAlg.QC_RSA_DH, "hpre-rsa");
    /** ECC queues: V3+ HPRE devices (algorithms list "ecdh"/"ecdsa"/…), qc_type 1. */
    public static final QueueType ECC_QUEUE = new QueueType(List.of("ecdh", "ecdsa", "x25519", "x448", "sm2"),
            HpreAlg.QC_ECC, "hpre-ecc");

    private static final ValueLayout.OfInt DW = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong QW = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private static final StatusTable STATUS = new StatusTable() {
        @Override
        public String describe(int status) {
            if (status == 0) {
                return "HPRE completion OK";
            }
            if ((status & 1 << 25) != 0) {
                return "HPRE completion without done = 3: the device did not execute the SQE";
            }
            int etype1 = (status >>> 11) & 0x3FFF;
            return "HPRE completion failed: etype 0x" + Integer.toHexString(status & 0x7FF) + ", etype1 0x"
                    + Integer.toHexString(etype1) + ((etype1 & 1 << 5) != 0 ? " (SVA error: a buffer the device"
                    + " cannot reach)" : "") + " (no public table of etype values; check operand sizes, key"
                    + " layout and ranges: d > 1, odd modulus, input < modulus, point on the curve)";
        }
    };

    private HpreCodec() {
    }

    /** task_len1 for an operand slot of {@code bytes} (§3): bytes / 8 − 1. */
    public static int taskLen(int bytes) {
        if (bytes < 8 || bytes % 8 != 0 || bytes > 256 * 8) {
            throw new IllegalArgumentException("HPRE operand size must be a multiple of 8 in 8..2048 bytes, got " + bytes);
        }
        return bytes / 8 - 1;
    }

    @Override
    public void encode(HpreRequest r, MemorySegment sqe, int tag) {
        sqe.asSlice(0, SQE_SIZE).fill((byte) 0);
        sqe.set(DW, 0, (r.alg & 0x1F) | INIT << 30);
        int dw1 = taskLen(r.operandBytes);
        if (r.sm2HardwareK) {
            dw1 |= 1 << 25;
        }
        if (r.highPerformanceCore) {
            dw1 |= 1 << 31;
        }
        sqe.set(DW, 4, dw1);
        sqe.set(QW, 8, r.key);
        sqe.set(QW, 16, r.in);
        sqe.set(QW, 24, r.out);
        sqe.set(QW, 32, Integer.toUnsignedLong(tag));
        if (r.sm2MessageLength > 0) {
            sqe.set(DW, 40, (r.sm2MessageLength - 1) & 0x1FF);
        }
    }

    @Override
    public void decode(MemorySegment sqe, HpreResult result) {
        int dw0 = sqe.get(DW, 0);
        result.alg = dw0 & 0x1F;
        result.etype = (dw0 >>> 5) & 0x7FF;
        result.etype1 = (dw0 >>> 16) & 0x3FFF;
        result.done = dw0 >>> 30;
        result.verdict = (sqe.get(DW, 24) & 2) != 0;
        result.tag = sqe.get(DW, 32);
    }

    @Override
    public int status(HpreResult result) {
        return result.status();
    }

    @Override
    public StatusTable statusTable() {
        return STATUS;
    }

    /**
     * The operand bytes of the SQE's input buffer (JFR; spec §3.1, k = the operand slot): RSA and DH
     * k, point multiply a point (2k), ECDSA/SM2 sign {@code e ‖ k} (2k), verify {@code e ‖ s ‖ r}
     * (3k), X25519/X448 u (k), SM2 encrypt k and the message, SM2 decrypt {@code C1 ‖ C2 ‖ C3};
     * key generation and DH with g = 2 read no input (0). Keys are not counted; -1 for an alg no
     * driver uses.
     */
    @Override
    public long bytesIn(HpreRequest r) {
        long k = r.operandBytes;
        return switch (r.alg) {
            case HpreAlg.RSA_NCRT, HpreAlg.RSA_CRT, HpreAlg.DH, HpreAlg.X_DH_MULTIPLY -> k;
            case HpreAlg.RSA_KEYGEN, HpreAlg.RSA_KEYGEN_CRT, HpreAlg.DH_G2 -> 0;
            case HpreAlg.ECC_MULTIPLY, HpreAlg.ECDSA_SIGN, HpreAlg.SM2_SIGN, HpreAlg.SM2_KEYGEN -> 2 * k;
            case HpreAlg.ECDSA_VERIFY, HpreAlg.SM2_VERIFY -> 3 * k;
            case HpreAlg.SM2_ENCRYPT -> k + r.sm2MessageLength;
            case HpreAlg.SM2_DECRYPT -> 2 * k + r.sm2MessageLength + SM3_BYTES;
            default -> -1;
        };
    }

    /**
     * The result bytes of a successful SQE (JFR; the device reports no lengths): RSA and DH k, a point
     * (2k), a signature {@code r ‖ s} (2k), a verify's verdict is in the SQE (0 bytes), u (k), RSA key
     * generation {@code d ‖ n} (2k) or with CRT 3.5k, SM2 key generation 3k, SM2 encrypt
     * {@code C1 ‖ C2 ‖ C3}, SM2 decrypt the message.
     */
    @Override
    public long resultBytes(HpreRequest r) {
        long k = r.operandBytes;
        return switch (r.alg) {
            case HpreAlg.RSA_NCRT, HpreAlg.RSA_CRT, HpreAlg.DH, HpreAlg.DH_G2, HpreAlg.X_DH_MULTIPLY -> k;
            case HpreAlg.RSA_KEYGEN, HpreAlg.ECC_MULTIPLY, HpreAlg.ECDSA_SIGN, HpreAlg.SM2_SIGN -> 2 * k;
            case HpreAlg.RSA_KEYGEN_CRT -> 7 * k / 2;
            case HpreAlg.SM2_KEYGEN -> 3 * k;
            case HpreAlg.ECDSA_VERIFY, HpreAlg.SM2_VERIFY -> 0;
            case HpreAlg.SM2_ENCRYPT -> 2 * k + r.sm2MessageLength + SM3_BYTES;
            case HpreAlg.SM2_DECRYPT -> r.sm2MessageLength;
            default -> -1;
        };
    }

    /** C3 of an SM2 ciphertext: an SM3 hash. */
    private static final int SM3_BYTES = 32;
}
