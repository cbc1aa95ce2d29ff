package io.uacce.stubs.model;

/**
 * How the modelled device reaches the buffers named in SQEs (spec §1.6).
 */
public enum AddressMode {
    /** Shared virtual addressing: SQEs carry process virtual addresses. {@code flags} = 1. */
    SVA(1, ""),
    /**
     * openEuler mode with an IOMMU paging domain but no SVA: SQEs carry IOVAs inside the
     * queue's SS region (one slice per mapping, from GET_SS_DMA). {@code flags} = 0x80.
     */
    NO_SVA_IOMMU(0x80, ""),
    /**
     * openEuler "noiommu" mode: SQEs carry "physical" addresses of SS slices of at most
     * {@code min(pageSize << 10, 128 MiB)} bytes. {@code flags} = 2, api suffix "_noiommu".
     */
    NO_SVA_NOIOMMU(2, "_noiommu");

    private final int flags;
    private final String apiSuffix;

    AddressMode(int flags, String apiSuffix) {
        this.flags = flags;
        this.apiSuffix = apiSuffix;
    }

    /** The sysfs {@code flags} value. */
    public int flags() {
        return flags;
    }

    /** Suffix appended to the sysfs {@code api} value. */
    public String apiSuffix() {
        return apiSuffix;
    }

    /** Whether the SS region (mmap offset 2 pages) and GET_SS_DMA exist. */
    public boolean staticShare() {
        return this != SVA;
    }
}
