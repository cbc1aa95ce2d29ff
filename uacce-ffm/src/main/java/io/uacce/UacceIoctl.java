package io.uacce;

/**
 * uacce and hisi_qm ioctl request codes (generic Linux _IO/_IOR/_IOWR encoding, identical on
 * x86-64 and arm64), in the numbering of upstream Linux, openEuler OLK and KAE. The old openEuler
 * 4.19 numbering (START 0x5701, PUT 0x5703) is not used: such devices are refused at open.
 */
final class UacceIoctl {
    /** {@code _IO('W', 0)}. */
    static final long START_Q = 0x5700L;
    /** {@code _IO('W', 1)}. */
    static final long PUT_Q = 0x5701L;
    /** {@code _IOR('W', 3, unsigned long)}: openEuler/KAE only. */
    static final long GET_SS_DMA = 0x80085703L;
    /** {@code _IOWR('H', 10, struct hisi_qp_ctx)}: 4 bytes, u16 id @0 (out), u16 qc_type @2 (in). */
    static final long QM_SET_QP_CTX = 0xC004480AL;
    /** {@code _IOWR('H', 11, struct hisi_qp_info)}: 16 bytes. */
    static final long QM_SET_QP_INFO = 0xC010480BL;

    private UacceIoctl() {
    }
}
