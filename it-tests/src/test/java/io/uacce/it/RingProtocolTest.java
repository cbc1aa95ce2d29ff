package io.uacce.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.qm.QmOptions;
import io.uacce.qm.QmQueue;
import io.uacce.qm.QmRing;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Spec §3: the QM ring through {@link QmQueue}/{@link QmRing}: wrap-around and phase flips, one
 * doorbell per batch, depth − 1 capacity, both queue directions, poll(2) waits. Every completion
 * is checked against java.util.zip.
 */
@ExtendWith(TargetExtension.class)
class RingProtocolTest {

    private static QmQueue open(ConformanceTarget t, QmOptions options) {
        return QmQueue.open(t.host(), t.device(), options);
    }

    @Test
    void manyRequestsWrapTheRingAndFlipThePhase(ConformanceTarget t) {
        try (QmQueue q = open(t, QmOptions.defaults()); ZipWorkload w = new ZipWorkload(q, SuiteZipSqe.Format.ZLIB, 1024)) {
            int depth = q.ring().cqDepth();
            int count = 2 * depth + depth / 2 + 3; // CQ head wraps twice: expected phase 1 → 0 → 1
            w.run(0, count, 8, 64);
            assertEquals(count, w.verified());
            assertEquals(0, q.ring().outstanding());
        }
    }

    @Test
    void oneDoorbellPerBatch(ConformanceTarget t) {
        try (QmQueue q = open(t, QmOptions.defaults()); ZipWorkload w = new ZipWorkload(q, SuiteZipSqe.Format.ZLIB, 512)) {
            QmRing ring = q.ring();
            for (int round = 0; round < 3; round++) {
                List<Integer> slots = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    int s = ring.tryReserve();
                    assertTrue(s >= 0, "slot " + i + " of a batch of 16");
                    w.fill(s, round * 100L + i);
                    slots.add(s);
                }
                long before = ring.sqDoorbells();
                ring.publish();
                assertEquals(before + 1, ring.sqDoorbells(), "one SQ doorbell for a batch of 16");
                assertEquals(16, ring.inDevice());
                for (int i = 0; i < 16; i++) {
                    int s = ring.awaitCompletion();
                    assertTrue(slots.remove(Integer.valueOf(s)), "completion for slot " + s + " of this batch");
                    w.verifyAndRelease(s);
                }
            }
            assertEquals(48, w.verified());
        }
    }

    @Test
    void capacityIsDepthMinusOne(ConformanceTarget t) {
        try (QmQueue q = open(t, QmOptions.defaults()); ZipWorkload w = new ZipWorkload(q, SuiteZipSqe.Format.ZLIB, 256)) {
            QmRing ring = q.ring();
            assertEquals(Math.min(ring.depth(), ring.cqDepth()) - 1, ring.capacity());
            for (int round = 0; round < 2; round++) {
                int n = 0;
                int s;
                while ((s = ring.tryReserve()) >= 0) {
                    w.fill(s, round * 10_000L + n++);
                }
                assertEquals(ring.capacity(), n, "slots handed out before the ring is full");
                ring.publish();
                for (int i = 0; i < n; i++) {
                    w.verifyAndRelease(ring.awaitCompletion());
                }
                assertEquals(0, ring.outstanding());
            }
            assertEquals(2L * ring.capacity(), w.verified());
        }
    }

    @Test
    void gzipCompressionAndBothDecompressionFormats(ConformanceTarget t) {
        for (SuiteZipSqe.Format f : List.of(SuiteZipSqe.Format.ZLIB, SuiteZipSqe.Format.GZIP)) {
            for (int qcType : new int[] {0, 1}) {
                QmOptions o = QmOptions.builder().qcType(qcType).build();
                try (QmQueue q = open(t, o); ZipWorkload w = new ZipWorkload(q, f, 4096)) {
                    w.run(qcType * 1000L, 100, 4, 16);
                    assertEquals(100, w.verified(), f + " qc_type " + qcType);
                }
            }
        }
    }

    @Test
    void pollWaitModeCompletes(ConformanceTarget t) {
        QmOptions o = QmOptions.builder().waitMode(QmOptions.WaitMode.POLL).build();
        try (QmQueue q = open(t, o); ZipWorkload w = new ZipWorkload(q, SuiteZipSqe.Format.ZLIB, 512)) {
            w.run(0, 200, 1, 1);
            w.run(1000, 200, 8, 32);
            assertEquals(400, w.verified());
        }
    }

    @Test
    void ringRefusesMisuse(ConformanceTarget t) {
        try (QmQueue q = open(t, QmOptions.defaults()); ZipWorkload w = new ZipWorkload(q, SuiteZipSqe.Format.ZLIB, 256)) {
            QmRing ring = q.ring();
            assertThrows(IllegalStateException.class, ring::awaitCompletion, "nothing in the device");
            int s = ring.tryReserve();
            w.fill(s, 1);
            assertThrows(IllegalStateException.class, () -> ring.release(s), "a slot not completed");
            ring.publish();
            w.verifyAndRelease(ring.awaitCompletion());
        }
    }
}
