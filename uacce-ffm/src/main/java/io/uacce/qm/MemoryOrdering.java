package io.uacce.qm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The memory-ordering points of the QM ring, kept in one place so that a platform-specific change
 * (see the arm64 note on {@link #beforeDoorbell()}) touches one method.
 *
 * <p>Accesses to the doorbell register and the stop words are single aligned 64-/32-bit accesses
 * through {@link VarHandle} access modes ("opaque"/"acquire"). Unlike plain accesses, these modes
 * guarantee the access is performed exactly once, untorn, and never merged or removed by the JIT;
 * the segment var handles reject a misaligned address instead of splitting it. All QM structures are
 * little-endian (spec §0); the layouts say so explicitly.
 */
final class MemoryOrdering {
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();
    private static final VarHandle INT = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();
    private static final VarHandle SHORT = ValueLayout.JAVA_SHORT.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();

    private MemoryOrdering() {
    }

    /**
     * Store barrier between the SQE writes (ordinary stores into the DUS ring, and the CQ head
     * bookkeeping) and the doorbell store that tells the device to read them.
     *
     * <p>Implementation: {@link VarHandle#fullFence()}.
     *
     * <p><b>x86-64:</b> correct. Under TSO, stores become visible in program order and are not
     * reordered with older stores, also when the later store goes to uncached (UC) MMIO; the Linux
     * kernel's {@code writel} on x86 is a plain {@code mov} after a compiler barrier for the same
     * reason. The only reordering to forbid is the JIT's, which the fence does; HotSpot emits it as
     * {@code lock addl $0,(rsp)}, which also drains the store buffer (a few ns, once per batch).
     *
     * <p><b>arm64 — [unverified], spec §3.10 and §7 item 6:</b> UADK issues {@code dsb sy} before the
     * doorbell, the kernel's {@code writel} uses {@code dmb oshst} (outer-shareable store barrier).
     * HotSpot compiles every {@code VarHandle} fence to {@code dmb ish} (inner-shareable). Whether an
     * inner-shareable barrier orders the SQE stores to normal (DMA-coherent) memory before the store
     * to the Device-nGnRE doorbell page as seen by the QM (an outer-shareable observer behind the
     * SMMU) is not established. Common arm64 implementations make the inner-shareable domain cover
     * the whole system, so it probably works, but this is a risk to test on Kunpeng hardware:
     * submit long bursts (millions of SQEs, batch sizes 1 and 32) whose SQE contents change right
     * before the doorbell (fresh tag, fresh source address, status field cleared), and check that no
     * completion ever reports a stale tag, a stale address or a hardware error; repeat with the
     * producer and the consumer on different clusters. If it fails, this method is the place for a
     * stronger barrier (an FFM downcall to a routine issuing {@code dsb st}/{@code dmb oshst}); no
     * other code has to change.
     */
    static void beforeDoorbell() {
        VarHandle.fullFence();
    }

    /**
     * One aligned 64-bit store of a doorbell word. Call {@link #beforeDoorbell()} first. Opaque
     * mode: no fence of its own (the preceding fence orders older stores; nothing needs ordering
     * against later accesses), but the store is single-copy atomic and always performed.
     */
    static void storeDoorbell(MemorySegment mmio, long offset, long word) {
        LONG.setOpaque(mmio, offset, word);
    }

    /** Reads back a doorbell word (tests and diagnostics; the hardware register is write-only). */
    static long loadDoorbell(MemorySegment mmio, long offset) {
        return (long) LONG.getOpaque(mmio, offset);
    }

    /**
     * One aligned 32-bit load of a stop word with acquire semantics: nothing read after it (CQEs,
     * results) can be satisfied before it.
     */
    static int loadStopWord(MemorySegment dus, long offset) {
        return (int) INT.getAcquire(dus, offset);
    }

    /**
     * Loads CQE word 7 (the 16 bits holding the phase bit) with acquire semantics, so that the
     * CQE's sq_head and the results the device wrote into the SQE before publishing the CQE are
     * read after the phase (UADK: {@code dsb ld} after the phase read; kernel: {@code dma_rmb}).
     * On arm64 this is {@code ldarh}; the same [unverified] inner- vs outer-shareable question as
     * in {@link #beforeDoorbell()} applies to DMA writes, with the same hardware test.
     */
    static short loadPhaseWord(MemorySegment dus, long offset) {
        return (short) SHORT.getAcquire(dus, offset);
    }
}
