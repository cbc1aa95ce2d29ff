package io.uacce.stubs.model;

import java.util.List;

/**
 * The QM generation a modelled device announces in sysfs {@code api} (spec §2.2). It fixes the
 * doorbell location and encoding (§3.4), the region sizes, the SQE types the ZIP engine accepts
 * (§4.1) and the algorithms listed in sysfs.
 */
public enum ModelApi {
    /** "hisi_qm_v1": doorbell at MMIO + 0x340, qn [15:0], cmd [31:16]; MMIO region of one page. */
    V1("hisi_qm_v1", 0x340, List.of("zlib", "gzip")),
    /** "hisi_qm_v2" (Kunpeng 920): doorbell at MMIO + 0x1000, qn [11:0], cmd [15:12]; SQE type 0. */
    V2("hisi_qm_v2", 0x1000, List.of("zlib", "gzip")),
    /** "hisi_qm_v3": V2 doorbell; SQE type 0 and 3; raw deflate (type 3 only). */
    V3("hisi_qm_v3", 0x1000, List.of("zlib", "gzip", "deflate"));

    private final String sysfsName;
    private final int doorbellOffset;
    private final List<String> algorithms;

    ModelApi(String sysfsName, int doorbellOffset, List<String> algorithms) {
        this.sysfsName = sysfsName;
        this.doorbellOffset = doorbellOffset;
        this.algorithms = algorithms;
    }

    /** The {@code api} attribute value (without the "_noiommu" suffix of the no-IOMMU mode). */
    public String sysfsName() {
        return sysfsName;
    }

    /** Byte offset of the 64-bit doorbell register in the MMIO region. */
    public int doorbellOffset() {
        return doorbellOffset;
    }

    /** Algorithms written to sysfs {@code algorithms}, in capability-bitmap order. */
    public List<String> algorithms() {
        return algorithms;
    }

    /** MMIO region size (§2.2): V1 one page; V2/V3 {@code 1 + 0x1000 / pageSize} pages. */
    long mmioSize(long pageSize) {
        long pages = this == V1 ? 1 : 1 + 0x1000 / pageSize;
        return pages * pageSize;
    }

    /** Whether the ZIP engine accepts this SQE type (dw7[31:28]). */
    boolean acceptsSqeType(int type) {
        return type == 0 || (type == 3 && this == V3);
    }
}
