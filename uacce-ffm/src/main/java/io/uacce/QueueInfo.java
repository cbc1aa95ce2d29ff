package io.uacce;

/**
 * Queue geometry from SET_QP_INFO.
 *
 * @param sqeSize          bytes per submission queue entry (ZIP: 128)
 * @param sqDepth          SQ entries
 * @param cqDepth          CQ entries
 * @param reportedByKernel false when the kernel lacks SET_QP_INFO (EINVAL) and the defaults
 *                         128/1024/1024 are assumed, as UADK does
 */
public record QueueInfo(int sqeSize, int sqDepth, int cqDepth, boolean reportedByKernel) {

    /** The assumption for kernels without SET_QP_INFO: 128-byte SQEs, depth 1024/1024. */
    public static final QueueInfo DEFAULT = new QueueInfo(128, 1024, 1024, false);
}
