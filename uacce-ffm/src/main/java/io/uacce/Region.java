package io.uacce;

/**
 * A uacce queue file region. The region is selected by the mmap offset
 * {@code qfrt × page size}; its length comes from sysfs (MMIO, DUS) or from the caller (SS).
 */
public enum Region {
    /** Doorbell page(s) of the device (qfrt 0); sysfs {@code region_mmio_size}. */
    MMIO(0, "region_mmio_size"),
    /** Device user share: SQ ring, CQ ring, status page (qfrt 1); sysfs {@code region_dus_size}. */
    DUS(1, "region_dus_size"),
    /** Static share, kernel DMA buffers for no-SVA mode (qfrt 2); openEuler/KAE kernels only. */
    SS(2, null);

    private final int qfrt;
    private final String sizeAttribute;

    Region(int qfrt, String sizeAttribute) {
        this.qfrt = qfrt;
        this.sizeAttribute = sizeAttribute;
    }

    /** The queue file region type (UACCE_QFRT_*). */
    public int qfrt() {
        return qfrt;
    }

    /** The mmap offset of this region for the given page size. */
    public long offset(long pageSize) {
        return qfrt * pageSize;
    }

    /** The sysfs attribute holding the region size, or {@code null} (SS has none). */
    public String sizeAttribute() {
        return sizeAttribute;
    }
}
