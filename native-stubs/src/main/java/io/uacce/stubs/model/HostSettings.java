package io.uacce.stubs.model;

import java.time.Duration;

/** Host-wide settings of a model, fixed at build time. */
record HostSettings(
        long pageSize,
        PutQueueEra era,
        boolean qpInfoSupported,
        boolean remapAfterMunmap,
        Duration cqGrace,
        Duration engineSpin,
        Duration engineMaxPark,
        int zipLevel) {

    static final int SQE_SIZE = 128;
    static final int CQE_SIZE = 16;

    /** region_dus_size (§2.2): {@code ceil((sqeSize·sq + 16·cq) / page) + 1} pages. */
    long dusSize(int depth, int sqeSize) {
        long bytes = (long) sqeSize * depth + (long) CQE_SIZE * depth;
        long pages = (bytes + pageSize - 1) / pageSize + 1;
        return pages * pageSize;
    }
}
