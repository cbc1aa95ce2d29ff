package io.uacce.qm;

/**
 * Encodes the 64-bit QM doorbell word (spec §3.4). The word is written with one 64-bit store at
 * {@link QmVersion#doorbellOffset()} inside the MMIO region.
 *
 * <pre>
 * bits      V1                 V2 / V3
 * [15:0]    qn                 [11:0] qn, [15:12] cmd
 * [31:16]   cmd                0 ("rand" field, always 0)
 * [47:32]   index              index
 * [63:48]   priority           priority
 * </pre>
 *
 * <p>Queue number width on V2/V3: the kernel writes qn unmasked into [11:0]; UADK masks it with
 * 0x3FF (10 bits). Both give the same word for every qn below 1024, which covers every queue a
 * QM V2/V3 function has. This encoder uses the 12-bit field of the register layout and does
 * <em>not</em> mask: a qn that does not fit is refused with {@link IllegalArgumentException},
 * because a silently truncated qn would ring another queue's doorbell.
 */
public final class QmDoorbell {
    /** cmd value of an SQ doorbell: index = new SQ tail. */
    public static final int CMD_SQ = 0;
    /** cmd value of a CQ doorbell: index = new CQ head. */
    public static final int CMD_CQ = 1;

    /** Largest queue number the V1 layout holds (16 bits). */
    public static final int MAX_QN_V1 = 0xFFFF;
    /** Largest queue number the V2/V3 layout holds (12 bits). */
    public static final int MAX_QN_V2 = 0xFFF;

    private QmDoorbell() {
    }

    /**
     * The doorbell word.
     *
     * @param version  the QM generation (selects the layout)
     * @param qn       queue number from SET_QP_CTX
     * @param cmd      {@link #CMD_SQ} or {@link #CMD_CQ} (0..3 accepted; 2/3 are kernel-only EQ/AEQ)
     * @param index    new SQ tail or CQ head, 0..65535
     * @param priority 0, or 1 on a CQ doorbell to re-arm the completion interrupt (0..65535)
     * @throws IllegalArgumentException naming the field that does not fit its bits
     */
    public static long encode(QmVersion version, int qn, int cmd, int index, int priority) {
        checkQn(version, qn);
        if (cmd < 0 || cmd > 3) {
            throw new IllegalArgumentException("doorbell cmd " + cmd + " is not 0 (SQ), 1 (CQ), 2 (EQ) or 3 (AEQ)");
        }
        if (index < 0 || index > 0xFFFF) {
            throw new IllegalArgumentException("doorbell index " + index + " does not fit 16 bits");
        }
        if (priority < 0 || priority > 0xFFFF) {
            throw new IllegalArgumentException("doorbell priority " + priority + " does not fit 16 bits");
        }
        long low = version == QmVersion.V1
                ? (qn | ((long) cmd << 16))
                : (qn | ((long) cmd << 12));
        return low | ((long) index << 32) | ((long) priority << 48);
    }

    /**
     * Checks that {@code qn} fits the doorbell layout of {@code version}.
     *
     * @throws IllegalArgumentException when it does not
     */
    public static void checkQn(QmVersion version, int qn) {
        int max = version == QmVersion.V1 ? MAX_QN_V1 : MAX_QN_V2;
        if (qn < 0 || qn > max) {
            throw new IllegalArgumentException("queue number " + qn + " does not fit the " + version
                    + " doorbell (0.." + max + "); refusing to ring another queue's doorbell");
        }
    }

    /** Human-readable decoding of a doorbell word, for logs and error messages. */
    public static String describe(QmVersion version, long word) {
        int qn;
        int cmd;
        if (version == QmVersion.V1) {
            qn = (int) (word & 0xFFFF);
            cmd = (int) ((word >>> 16) & 0xFFFF);
        } else {
            qn = (int) (word & 0xFFF);
            cmd = (int) ((word >>> 12) & 0xF);
        }
        String c = switch (cmd) {
            case CMD_SQ -> "SQ";
            case CMD_CQ -> "CQ";
            case 2 -> "EQ";
            case 3 -> "AEQ";
            default -> "cmd " + cmd;
        };
        return c + " doorbell qn " + qn + " index " + ((word >>> 32) & 0xFFFF)
                + " priority " + ((word >>> 48) & 0xFFFF)
                + String.format(" (0x%016X)", word);
    }
}
