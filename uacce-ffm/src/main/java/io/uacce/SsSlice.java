package io.uacce;

/**
 * One DMA slice of the static-share (SS) region, from GET_SS_DMA (openEuler/KAE kernels). The
 * slices lie back to back in the mapped SS region, in this order.
 *
 * @param dmaAddress the device-visible address (IOVA or physical) of the slice
 * @param size       the slice size in bytes (the kernel reports it in 64 KiB units)
 */
public record SsSlice(long dmaAddress, long size) {
}
