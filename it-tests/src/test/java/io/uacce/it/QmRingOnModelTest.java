package io.uacce.it;

import io.uacce.DeviceStoppedException;
import io.uacce.DeviceTimeoutException;
import io.uacce.Uacce;
import io.uacce.qm.QmOptions;
import io.uacce.qm.QmQueue;
import io.uacce.qm.QmRing;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelDevice;
import io.uacce.stubs.model.ModelHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver's QM ring against the in-process device model (an independent implementation of
 * the device side) with the NULL engine: it reports consumed (dw0) = input_data_length (dw4) and
 * status 0, so every completion shows whether the driver read the right slot.
 */
class QmRingOnModelTest {
    private static final ValueLayout.OfInt DW = ValueLayout.JAVA_INT_UNALIGNED;
    private static final long TIMEOUT_S = 10;

    private ModelHost host;
    private QmQueue queue;

    @AfterEach
    void tearDown() {
        if (queue != null) {
            queue.close();
        }
        if (host != null) {
            host.close();
        }
    }

    private QmRing open(int depth, QmOptions options) {
        // A long CQ grace: on a loaded machine the model thread can be descheduled for longer than
        // the default 100 ms; a driver that never hands the CQ head back still fails (timeout).
        host = ModelHost.builder().cqGrace(Duration.ofSeconds(5))
                .device(d -> d.engine(EngineKind.NULL).depth(depth)).build();
        Uacce uacce = Uacce.builder().target(host.target()).build();
        queue = QmQueue.open(uacce, uacce.devices().getFirst(), options);
        return queue.ring();
    }

    private ModelDevice device() {
        return host.devices().getFirst();
    }

    private static void fill(QmRing ring, int slot, int inputLength) {
        MemorySegment sqe = ring.sqe(slot);
        sqe.fill((byte) 0);
        sqe.set(DW, 0x10, inputLength);
    }

    private static void checkResult(QmRing ring, int slot, int expected) {
        MemorySegment sqe = ring.sqe(slot);
        assertEquals(0, sqe.get(DW, 0x0C) & 0xFF, "status of slot " + slot);
        assertEquals(expected, sqe.get(DW, 0x00), "consumed of slot " + slot);
    }

    @Test
    void roundTripsAcrossManyWraps() {
        QmRing ring = open(8, QmOptions.defaults());
        for (int i = 0; i < 100; i++) {
            int slot = ring.tryReserve();
            fill(ring, slot, 1000 + i);
            ring.publish();
            int done = ring.awaitCompletion(TIMEOUT_S, TimeUnit.SECONDS);
            assertEquals(slot, done);
            checkResult(ring, done, 1000 + i);
            ring.release(done);
        }
        assertEquals(0, ring.outstanding());
        assertEquals(0, device().overflows());
    }

    private static void pipeline(QmRing ring, int total) {
        int[] expected = new int[ring.depth()];
        int submitted = 0;
        int completed = 0;
        while (completed < total) {
            int slot;
            while (submitted < total && (slot = ring.tryReserve()) >= 0) {
                expected[slot] = 5000 + submitted;
                fill(ring, slot, expected[slot]);
                submitted++;
            }
            ring.publish();
            int done = ring.awaitCompletion(TIMEOUT_S, TimeUnit.SECONDS);
            checkResult(ring, done, expected[done]);
            ring.release(done);
            completed++;
            while ((done = ring.pollCompletion()) >= 0) {
                checkResult(ring, done, expected[done]);
                ring.release(done);
                completed++;
            }
        }
        assertEquals(0, ring.outstanding());
    }

    @Test
    void pipelinedBatchesAcrossManyWraps() {
        QmRing ring = open(16, QmOptions.defaults());
        pipeline(ring, 2000);
        assertEquals(0, device().overflows());
        assertTrue(ring.sqDoorbells() < 2000, "batches: fewer SQ doorbells than requests");
    }

    @Test
    void outOfOrderCompletionsAreMatchedBySlot() {
        QmRing ring = open(16, QmOptions.defaults());
        device().outOfOrderCompletions(true);
        pipeline(ring, 1000);
        assertEquals(0, device().overflows());
    }

    @Test
    void pollModeRoundTrips() {
        QmRing ring = open(8, QmOptions.builder().waitMode(QmOptions.WaitMode.POLL).spinIterations(0).build());
        for (int i = 0; i < 30; i++) {
            int slot = ring.tryReserve();
            fill(ring, slot, 77 + i);
            ring.publish();
            int done = ring.awaitCompletion(TIMEOUT_S, TimeUnit.SECONDS);
            checkResult(ring, done, 77 + i);
            ring.release(done);
        }
    }

    @Test
    void resetStopsTheQueue() {
        QmRing ring = open(8, QmOptions.defaults());
        int slot = ring.tryReserve();
        fill(ring, slot, 1);
        device().reset();
        DeviceStoppedException e = assertThrows(DeviceStoppedException.class, ring::publish);
        assertTrue(e.getMessage().contains("close it and open a new queue"), e.getMessage());
    }

    @Test
    void slowDeviceHitsTheTimeout() {
        QmRing ring = open(8, QmOptions.defaults());
        device().slowCompletions(Duration.ofSeconds(5));
        int slot = ring.tryReserve();
        fill(ring, slot, 1);
        ring.publish();
        DeviceTimeoutException e = assertThrows(DeviceTimeoutException.class,
                () -> ring.awaitCompletion(30, TimeUnit.MILLISECONDS));
        assertTrue(e.getMessage().contains(QmOptions.PROP_TIMEOUT_MILLIS), e.getMessage());
    }
}
