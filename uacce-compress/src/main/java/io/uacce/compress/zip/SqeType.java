package io.uacce.compress.zip;

import io.uacce.qm.QmVersion;

/** The two ZIP SQE formats, selected by dw7[31:28] (spec §4.1). */
public enum SqeType {
    /** QM V2 (Kunpeng 920): type 0, 32-bit tag in dw13, no raw deflate. */
    TYPE0(0, ZipSqe.DW_TAG_TYPE0),
    /** QM V3 and newer: type 3, tag in dw26 (dw27 high half, written 0). */
    TYPE3(3, ZipSqe.DW_TAG_TYPE3);

    private final int code;
    private final int tagDword;

    SqeType(int code, int tagDword) {
        this.code = code;
        this.tagDword = tagDword;
    }

    /** The value of dw7[31:28]. */
    public int code() {
        return code;
    }

    /** The dword that carries the request tag. */
    public int tagDword() {
        return tagDword;
    }

    /** Type 0 for QM V1/V2, type 3 for V3 and newer (UADK hisi_comp.c). */
    public static SqeType forVersion(QmVersion version) {
        return version == QmVersion.V3 ? TYPE3 : TYPE0;
    }
}
