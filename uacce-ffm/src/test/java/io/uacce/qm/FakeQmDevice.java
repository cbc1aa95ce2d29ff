package io.uacce.qm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The test plays the QM by hand on ordinary memory: it reads the doorbell word, writes CQEs with
 * phase bits and sets the stop words. Deliberately written from the spec (§3.1, §3.3, §3.4), not
 * from the ring's code.
 */
final class FakeQmDevice {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U16_VH = U16.varHandle();
    private static final VarHandle U32_VH = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();
    private static final VarHandle U64_VH = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();
    static final int PAGE = 4096;

    final QmVersion version;
    final int qn;
    final int sqeSize;
    final int sqDepth;
    final int cqDepth;
    final MemorySegment mmio;
    final MemorySegment dus;
    private int cqTail;
    private int devicePhase = 1;

    FakeQmDevice(Arena arena, QmVersion version, int qn, int sqeSize, int sqDepth, int cqDepth) {
        this.version = version;
        this.qn = qn;
        this.sqeSize = sqeSize;
        this.sqDepth = sqDepth;
        this.cqDepth = cqDepth;
        this.mmio = arena.allocate(2 * PAGE, PAGE);
        long rings = (long) sqeSize * sqDepth + 16L * cqDepth;
        long dusSize = (rings + PAGE - 1) / PAGE * PAGE + PAGE;
        this.dus = arena.allocate(dusSize, PAGE);
    }

    QmRing ring(QmOptions options) {
        return ring(options, null);
    }

    QmRing ring(QmOptions options, QmEventWait wait) {
        return new QmRing(mmio, dus, version, qn, sqeSize, sqDepth, cqDepth, wait, options);
    }

    QmRing ringReporting(QmOptions options, QmDoorbellRewrite rewritten) {
        return new QmRing(mmio, dus, version, qn, sqeSize, sqDepth, cqDepth, null, options, rewritten);
    }

    long doorbellOffset() {
        return version == QmVersion.V1 ? 0x340 : 0x1000;
    }

    long doorbell() {
        return (long) U64_VH.getVolatile(mmio, doorbellOffset());
    }

    void setDoorbell(long word) {
        U64_VH.setVolatile(mmio, doorbellOffset(), word);
    }

    /** Expected V2/V3 word, built by hand from the bit table. */
    long v2Word(int cmd, int index, int priority) {
        return ((long) priority << 48) | ((long) index << 32) | ((long) cmd << 12) | qn;
    }

    /** Writes the next CQE naming {@code slot}, with the device's current phase; wraps and flips. */
    void complete(int slot) {
        writeCqe(slot, devicePhase);
        cqTail++;
        if (cqTail == cqDepth) {
            cqTail = 0;
            devicePhase ^= 1;
        }
    }

    /** Writes a result marker into the SQE of {@code slot} (as the device does), then completes it. */
    void completeWithResult(int slot, int marker) {
        dus.set(ValueLayout.JAVA_INT_UNALIGNED, (long) slot * sqeSize + 12, marker);
        complete(slot);
    }

    void writeCqe(int sqHead, int phase) {
        long off = (long) sqeSize * sqDepth + 16L * cqTail;
        dus.set(U16, off + 8, (short) sqHead);
        dus.set(U16, off + 10, (short) qn);
        U16_VH.setRelease(dus, off + 14, (short) phase);
    }

    void setTxStop(int v) {
        U32_VH.setVolatile(dus, dus.byteSize() - 4, v);
    }

    void setRxStop(int v) {
        U32_VH.setVolatile(dus, dus.byteSize() - 8, v);
    }
}
