package io.uacce.qm;

import io.uacce.internal.barrier.DoorbellBarrier;
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
     * bookkeeping) and the doorbell store that tells the device to read them. The one call site
     * of the barrier; {@link DoorbellBarrier} selects it once per JVM
     * ({@code -Duacce.qm.barrier=auto|dmb-oshst|dsb-st|java}).
     *
     * <p><b>x86-64 (and every architecture other than aarch64):</b> {@link VarHandle#fullFence()},
     * unchanged. Under TSO, stores become visible in program order and are not reordered with older
     * stores, also when the later store goes to uncached (UC) MMIO; the Linux kernel's {@code writel}
     * on x86 is a plain {@code mov} after a compiler barrier for the same reason. The only reordering
     * to forbid is the JIT's, which the fence does ({@code lock addl $0,(rsp)}).
     *
     * <p><b>aarch64 (default):</b> {@code dmb oshst}, the kernel's {@code writel}/{@code writeq}
     * barrier, which its hisi_qm driver issues before the same SQ and CQ doorbell registers, run
     * from a two-instruction stub in a read+execute memfd mapping through an FFM downcall (no native
     * library). HotSpot's own fences are inner-shareable ({@code dmb ish}); whether that orders SQE
     * stores before a Device-nGnRE doorbell store as the QM (behind the SMMU) observes them is not
     * established, so the driver does what the kernel does. {@code dsb-st} (UADK) is the stronger
     * alternative, {@code java} the Java fence; where executable memory is refused the barrier falls
     * back to the Java fence with one log line. A CQ doorbell follows loads of the CQE: the phase
     * word is an acquire load ({@code ldarh}) and the head written depends on the loads' values, so
     * a store barrier suffices there too, as in the kernel. What silicon must still show:
     * docs/ring.md.
     */
    static void beforeDoorbell() {
        DoorbellBarrier.run();
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
