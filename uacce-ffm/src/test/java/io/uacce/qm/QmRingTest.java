package io.uacce.qm;

import io.uacce.DeviceStoppedException;
import io.uacce.DeviceTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QmRingTest {
    private final Arena arena = Arena.ofShared();

    @AfterEach
    void close() {
        arena.close();
    }

    /** The fake device's doorbell is plain memory: the measures for memory-backed doorbells are declared on. */
    private static QmOptions.Builder opts() {
        return QmOptions.builder().rekick(Duration.ZERO).memoryBackedDoorbells(true);
    }

    /** Reserves n slots (0..n-1 on a new ring) and publishes them as one batch. */
    private static void submit(QmRing ring, int n) {
        for (int i = 0; i < n; i++) {
            assertTrue(ring.tryReserve() >= 0, "reserve " + i);
        }
        ring.publish();
    }

    private FakeQmDevice device(int depth) {
        return new FakeQmDevice(arena, QmVersion.V2, 5, 128, depth, depth);
    }

    @Test
    void layoutAndCapacity() {
        FakeQmDevice dev = device(8);
        QmRing ring = dev.ring(opts().build());
        assertEquals(8, ring.depth());
        assertEquals(7, ring.capacity());
        assertEquals(128, ring.sqeSize());
        assertEquals(dev.dus.address() + 3 * 128, ring.sqe(3).address());
        assertEquals(128, ring.sqe(3).byteSize());
        assertTrue(ring.sqe(3) == ring.sqe(3), "cached slice, no allocation per call");
    }

    @Test
    void batchRingsOneSqDoorbellWithTheNewTail() {
        FakeQmDevice dev = device(16);
        QmRing ring = dev.ring(opts().build());
        for (int i = 0; i < 5; i++) {
            assertEquals(i, ring.tryReserve());
        }
        assertEquals(0, dev.doorbell(), "nothing rung before publish");
        ring.publish();
        assertEquals(1, ring.sqDoorbells());
        assertEquals(0, ring.cqDoorbells());
        assertEquals(dev.v2Word(0, 5, 0), dev.doorbell());
        ring.publish(); // nothing reserved: no doorbell
        assertEquals(1, ring.sqDoorbells());
        assertEquals(5, ring.inDevice());
    }

    @Test
    void v1DoorbellLandsAt0x340() {
        FakeQmDevice dev = new FakeQmDevice(arena, QmVersion.V1, 7, 128, 8, 8);
        QmRing ring = dev.ring(opts().build());
        ring.tryReserve();
        ring.tryReserve();
        ring.publish();
        assertEquals(0x0000_0002_0000_0007L, dev.doorbell());
        assertEquals(0L, dev.mmio.get(ValueLayout.JAVA_LONG, 0x1000));
    }

    @Test
    void capacityIsDepthMinusOne() {
        FakeQmDevice dev = device(8);
        QmRing ring = dev.ring(opts().build());
        for (int i = 0; i < 7; i++) {
            assertEquals(i, ring.tryReserve());
        }
        assertEquals(-1, ring.tryReserve());
        assertEquals(7, ring.outstanding());
        ring.publish();
        assertEquals(dev.v2Word(0, 7, 0), dev.doorbell());
        assertEquals(-1, ring.tryReserve());
    }

    @Test
    void fullRingFreesASlotOnlyAfterReapAndRelease() {
        FakeQmDevice dev = device(8);
        QmRing ring = dev.ring(opts().build());
        submit(ring, 7);
        dev.complete(0);
        assertEquals(-1, ring.tryReserve(), "completion not reaped yet");
        assertEquals(0, ring.pollCompletion());
        assertEquals(-1, ring.tryReserve(), "reaped but not released");
        ring.release(0);
        assertEquals(7, ring.tryReserve());
        assertEquals(-1, ring.tryReserve());
    }

    @Test
    void phaseFlipsOnWrapOverManyRoundsOneAtATime() {
        int depth = 4;
        FakeQmDevice dev = device(depth);
        QmRing ring = dev.ring(opts().build());
        for (int n = 0; n < 5 * depth + 1; n++) {
            int slot = ring.tryReserve();
            assertEquals(n % depth, slot);
            ring.sqe(slot).fill((byte) 0);
            ring.publish();
            assertEquals(-1, ring.pollCompletion(), "no CQE yet at round " + n);
            dev.completeWithResult(slot, 1000 + n);
            assertEquals(slot, ring.pollCompletion());
            assertEquals(1000 + n, ring.sqe(slot).get(ValueLayout.JAVA_INT_UNALIGNED, 12));
            assertEquals(-1, ring.pollCompletion(), "the old CQE must not be seen again at round " + n);
            ring.release(slot);
            // device idle after the reap: the CQ doorbell carries the new head
            assertEquals(dev.v2Word(1, (n + 1) % depth, 0), dev.doorbell());
        }
    }

    @Test
    void phaseFlipsOnWrapInBatches() {
        int depth = 4;
        FakeQmDevice dev = device(depth);
        QmRing ring = dev.ring(opts().build());
        int expectedSlot = 0;
        for (int round = 0; round < 12; round++) {
            List<Integer> slots = new ArrayList<>();
            int s;
            while ((s = ring.tryReserve()) >= 0) {
                slots.add(s);
            }
            assertEquals(3, slots.size());
            ring.publish();
            for (int slot : slots) {
                assertEquals(expectedSlot, slot);
                expectedSlot = (expectedSlot + 1) % depth;
                dev.complete(slot);
            }
            for (int slot : slots) {
                assertEquals(slot, ring.awaitCompletion(1, TimeUnit.SECONDS));
                ring.release(slot);
            }
        }
        assertEquals(12, ring.sqDoorbells());
    }

    @Test
    void outOfOrderCompletionsAreMatchedBySlot() {
        FakeQmDevice dev = device(8);
        QmRing ring = dev.ring(opts().build());
        submit(ring, 5);
        int[] order = {3, 1, 4, 0, 2};
        for (int slot : order) {
            dev.completeWithResult(slot, 7000 + slot);
        }
        for (int slot : order) {
            int got = ring.pollCompletion();
            assertEquals(slot, got);
            assertEquals(7000 + slot, ring.sqe(got).get(ValueLayout.JAVA_INT_UNALIGNED, 12));
        }
        assertEquals(-1, ring.pollCompletion());
    }

    @Test
    void unreleasedSlotBlocksReuseEvenBelowCapacity() {
        FakeQmDevice dev = device(8);
        QmRing ring = dev.ring(opts().build());
        submit(ring, 7);
        for (int i = 6; i >= 0; i--) {
            dev.complete(i);
        }
        for (int i = 6; i >= 0; i--) {
            assertEquals(i, ring.pollCompletion());
        }
        for (int i = 1; i < 7; i++) {
            ring.release(i);
        }
        assertEquals(1, ring.outstanding());
        assertEquals(7, ring.tryReserve());
        assertEquals(-1, ring.tryReserve(), "slot 0 completed but not released: must not be handed out");
        ring.release(0);
        assertEquals(0, ring.tryReserve());
    }

    @Test
    void releaseChecksOwnership() {
        FakeQmDevice dev = device(8);
        QmRing ring = dev.ring(opts().build());
        int slot = ring.tryReserve();
        assertThrows(IllegalStateException.class, () -> ring.release(slot), "reserved");
        ring.publish();
        assertThrows(IllegalStateException.class, () -> ring.release(slot), "in the device");
        dev.complete(slot);
        assertEquals(slot, ring.pollCompletion());
        ring.release(slot);
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> ring.release(slot));
        assertTrue(twice.getMessage().contains("free"), twice.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> ring.release(8));
    }

    @Test
    void txStopIsCheckedBeforeTheSqDoorbell() {
        FakeQmDevice dev = device(8);
        QmRing ring = dev.ring(opts().build());
        ring.tryReserve();
        dev.setTxStop(1);
        DeviceStoppedException e = assertThrows(DeviceStoppedException.class, ring::publish);
        assertTrue(e.getMessage().contains("TX-stop"), e.getMessage());
        assertTrue(e.getMessage().contains("close it and open a new queue"), e.getMessage());
        assertEquals(0L, dev.doorbell(), "no doorbell after TX-stop");
        assertEquals(0, ring.sqDoorbells());
    }

    @Test
    void rxStopIsCheckedBeforeReapingAndKeepsTheHead() {
        FakeQmDevice dev = device(8);
        QmRing ring = dev.ring(opts().build());
        int slot = ring.tryReserve();
        ring.publish();
        dev.complete(slot);
        dev.setRxStop(1);
        DeviceStoppedException e = assertThrows(DeviceStoppedException.class, ring::pollCompletion);
        assertTrue(e.getMessage().contains("RX-stop"), e.getMessage());
        assertThrows(DeviceStoppedException.class, () -> ring.awaitCompletion(1, TimeUnit.SECONDS));
        assertEquals(dev.v2Word(0, 1, 0), dev.doorbell(), "no CQ doorbell while stopped");
        dev.setRxStop(0); // test only: show the CQE was not consumed
        assertEquals(slot, ring.pollCompletion());
    }

    /**
     * Depth 8 (CQ batch capped at 2): two in the device, one reaped (head owed, batch not full),
     * then five more reserved: the sixth reserve would let the device see a full CQ.
     */
    private static void owedHeadThenFiveReserved(FakeQmDevice dev, QmRing ring) {
        submit(ring, 2);
        dev.complete(0);
        assertEquals(0, ring.pollCompletion());
        assertEquals(0, ring.cqDoorbells(), "batched: no CQ doorbell yet");
        ring.release(0);
        for (int i = 2; i < 7; i++) {
            assertEquals(i, ring.tryReserve());
        }
        assertEquals(0, ring.cqDoorbells(), "reserved + in device + owed = 7: still fits");
    }

    @Test
    void rxStopIsCheckedBeforeTheCqDoorbell() {
        FakeQmDevice dev = device(8);
        QmRing ring = dev.ring(opts().cqBatch(100).build());
        owedHeadThenFiveReserved(dev, ring);
        dev.setRxStop(1);
        // the next reserve must hand the CQ head back first → RX-stop seen there
        assertThrows(DeviceStoppedException.class, ring::tryReserve);
        assertEquals(0, ring.cqDoorbells());
    }

    @Test
    void reserveHandsTheCqHeadBackBeforeTheDeviceCouldSeeAFullCq() {
        FakeQmDevice dev = device(8);
        QmRing ring = dev.ring(opts().cqBatch(100).build());
        owedHeadThenFiveReserved(dev, ring);
        assertEquals(7, ring.tryReserve());
        assertEquals(1, ring.cqDoorbells());
        assertEquals(dev.v2Word(1, 1, 0), dev.doorbell());
        ring.publish();
        assertEquals(dev.v2Word(0, 0, 0), dev.doorbell(), "SQ tail wrapped to 0");
    }

    @Test
    void cqDoorbellThatMayHideAnUnreadSqDoorbellIsFollowedByItAtTheNextWaitStep() {
        FakeQmDevice dev = device(64);
        QmRing ring = dev.ring(opts().cqBatch(2).build());
        submit(ring, 4); // SQ doorbell 1: slots 0..3
        dev.complete(0);
        dev.complete(1);
        assertEquals(0, ring.pollCompletion());
        assertEquals(1, ring.pollCompletion());
        assertEquals(1, ring.cqDoorbells(), "slot 0 proved SQ doorbell 1 was read");
        submit(ring, 4); // SQ doorbell 2: slots 4..7
        dev.complete(2);
        dev.complete(3);
        assertEquals(2, ring.pollCompletion());
        assertEquals(3, ring.pollCompletion());
        assertEquals(2, ring.cqDoorbells());
        assertEquals(dev.v2Word(1, 4, 0), dev.doorbell());
        assertEquals(2, ring.sqDoorbells(), "not rewritten at once: that would hide the CQ doorbell");
        assertThrows(DeviceTimeoutException.class, () -> ring.awaitCompletion(100, TimeUnit.MILLISECONDS));
        assertEquals(3, ring.sqDoorbells(), "SQ doorbell 2 written again once the ring waits");
        assertEquals(dev.v2Word(0, 8, 0), dev.doorbell());
    }

    @Test
    void proofOfTheNewestSqDoorbellCancelsTheRewrite() {
        FakeQmDevice dev = device(64);
        QmRing ring = dev.ring(opts().cqBatch(2).build());
        submit(ring, 4);
        submit(ring, 4);
        dev.complete(0);
        dev.complete(1);
        dev.complete(4);
        assertEquals(0, ring.pollCompletion());
        assertEquals(1, ring.pollCompletion()); // CQ doorbell; SQ doorbell 2 unproven
        assertEquals(4, ring.pollCompletion()); // proves SQ doorbell 2 was read
        assertThrows(DeviceTimeoutException.class, () -> ring.awaitCompletion(5, TimeUnit.MILLISECONDS));
        assertEquals(2, ring.sqDoorbells(), "no rewrite needed");
    }

    @Test
    void cqBatchIsCappedAtAQuarterOfTheCq() {
        FakeQmDevice dev = device(16); // cap 4
        QmRing ring = dev.ring(opts().cqBatch(100).build());
        submit(ring, 9);
        for (int i = 0; i < 8; i++) {
            dev.complete(i);
            assertEquals(i, ring.pollCompletion());
        }
        assertEquals(2, ring.cqDoorbells(), "after 4 and 8 completions");
        assertEquals(dev.v2Word(1, 8, 0), dev.doorbell());
    }

    @Test
    void cqDoorbellIsBatchedWhileTheDeviceIsBusy() {
        FakeQmDevice dev = device(64);
        QmRing ring = dev.ring(opts().cqBatch(4).build());
        submit(ring, 20);
        for (int i = 0; i < 10; i++) {
            dev.complete(i);
            assertEquals(i, ring.pollCompletion());
            ring.release(i);
        }
        assertEquals(2, ring.cqDoorbells(), "after 4 and after 8 completions");
        assertEquals(dev.v2Word(1, 8, 0), dev.doorbell());
    }

    @Test
    void cqeWithSqHeadOutsideTheRingIsATypedError() {
        FakeQmDevice dev = device(8);
        QmRing ring = dev.ring(opts().build());
        ring.tryReserve();
        ring.publish();
        dev.writeCqe(8, 1);
        QmCompletionException e = assertThrows(QmCompletionException.class, ring::pollCompletion);
        assertEquals(8, e.sqHead());
        assertEquals(0, e.cqIndex());
        assertTrue(e.getMessage().contains("sq_head 8"), e.getMessage());
        assertTrue(e.getMessage().contains("depth 8"), e.getMessage());
        // not consumed: the same error again
        assertThrows(QmCompletionException.class, ring::pollCompletion);
    }

    @Test
    void cqeNamingASlotNotInTheDeviceIsATypedError() {
        FakeQmDevice dev = device(8);
        QmRing ring = dev.ring(opts().build());
        ring.tryReserve();
        ring.publish();
        dev.writeCqe(3, 1);
        QmCompletionException e = assertThrows(QmCompletionException.class, ring::pollCompletion);
        assertEquals(3, e.sqHead());
        assertTrue(e.getMessage().contains("free"), e.getMessage());
    }

    @Test
    void awaitWithNothingInTheDeviceFailsAtOnce() {
        FakeQmDevice dev = device(8);
        QmRing ring = dev.ring(opts().build());
        assertThrows(IllegalStateException.class, () -> ring.awaitCompletion(1, TimeUnit.HOURS));
        ring.tryReserve();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ring.awaitCompletion(1, TimeUnit.HOURS));
        assertTrue(e.getMessage().contains("publish()"), e.getMessage());
    }

    @Test
    void spinWaitTimesOutWithAUsefulMessage() {
        FakeQmDevice dev = device(8);
        QmRing ring = dev.ring(opts().spinIterations(100).yieldIterations(10)
                .park(Duration.ofNanos(100_000)).build());
        ring.tryReserve();
        ring.tryReserve();
        ring.publish();
        DeviceTimeoutException e = assertThrows(DeviceTimeoutException.class,
                () -> ring.awaitCompletion(20, TimeUnit.MILLISECONDS));
        String m = e.getMessage();
        assertTrue(m.contains("spin wait"), m);
        assertTrue(m.contains("20 ms"), m);
        assertTrue(m.contains("2 slots outstanding"), m);
        assertTrue(m.contains("2 in the device"), m);
        assertTrue(m.contains(QmOptions.PROP_TIMEOUT_MILLIS), m);
    }

    private static QmEventWait sleepingWait(FakeQmDevice dev, List<Long> seen) {
        return ms -> {
            assertTrue(ms >= 1);
            seen.add(dev.doorbell());
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        };
    }

    @Test
    void pollWaitTimesOutAndArmsTheCqWithPriorityOne() {
        FakeQmDevice dev = device(8);
        List<Long> seen = new ArrayList<>();
        QmRing ring = dev.ring(opts().waitMode(QmOptions.WaitMode.POLL).spinIterations(0).build(),
                sleepingWait(dev, seen));
        submit(ring, 2);
        dev.complete(0);
        assertEquals(0, ring.awaitCompletion(1, TimeUnit.SECONDS)); // proves the SQ doorbell was read
        assertEquals(0, ring.cqDoorbells());
        DeviceTimeoutException e = assertThrows(DeviceTimeoutException.class,
                () -> ring.awaitCompletion(15, TimeUnit.MILLISECONDS));
        assertTrue(e.getMessage().contains("poll(2) wait"), e.getMessage());
        assertTrue(e.getMessage().contains("15 ms"), e.getMessage());
        assertTrue(!seen.isEmpty(), "poll(2) hook was used");
        assertEquals(dev.v2Word(1, 1, 1), seen.get(0), "CQ doorbell with priority 1 before poll(2)");
        assertEquals(1, ring.sqDoorbells(), "SQ doorbell known to be read: not written again");
    }

    /** Rule 5: without the declaration (silicon: latched doorbells) neither SQ echo nor re-kick happens. */
    @Test
    void latchedDoorbellsGetNoEchoAndNoRekick() {
        FakeQmDevice dev = device(8);
        List<Long> seen = new ArrayList<>();
        QmOptions latched = QmOptions.builder().rekick(Duration.ofNanos(1)).rekickFirst(Duration.ofNanos(1))
                .waitMode(QmOptions.WaitMode.POLL).spinIterations(0).build();
        assertFalse(latched.memoryBackedDoorbells(), "default: latched");
        QmRing ring = dev.ring(latched, sleepingWait(dev, seen));
        submit(ring, 1);
        assertThrows(DeviceTimeoutException.class, () -> ring.awaitCompletion(5, TimeUnit.MILLISECONDS));
        ring.nudge();
        assertEquals(1, ring.sqDoorbells(), "no SQ echo, no re-kick");
        assertEquals(0, ring.rekicks());
    }

    @Test
    void armingRewritesAnSqDoorbellNotYetSeen() {
        FakeQmDevice dev = device(8);
        List<Long> seen = new ArrayList<>();
        QmRing ring = dev.ring(opts().waitMode(QmOptions.WaitMode.POLL).spinIterations(0).build(),
                sleepingWait(dev, seen));
        submit(ring, 1);
        // 100 ms, not a few: the echo comes after the first poll(2) slice (<= 1 ms), and a loaded
        // machine must not run the whole wait out before that slice ends
        assertThrows(DeviceTimeoutException.class, () -> ring.awaitCompletion(100, TimeUnit.MILLISECONDS));
        assertEquals(dev.v2Word(1, 0, 1), seen.get(0), "the arm is what the device sees first");
        assertEquals(1, ring.cqDoorbells(), "one arm");
        assertEquals(2, ring.sqDoorbells(), "the SQ doorbell again after the first poll(2)");
        assertEquals(dev.v2Word(0, 1, 0), dev.doorbell());
    }

    @Test
    void pollWaitReturnsTheCompletionAndRearmsAfterAnEvent() {
        FakeQmDevice dev = device(8);
        int[] calls = {0};
        QmEventWait wait = ms -> {
            if (++calls[0] == 1) {
                return true; // spurious wake-up: nothing in the CQ
            }
            dev.complete(0);
            return true;
        };
        QmRing ring = dev.ring(opts().waitMode(QmOptions.WaitMode.POLL).spinIterations(10).build(), wait);
        submit(ring, 1);
        assertEquals(0, ring.awaitCompletion(5, TimeUnit.SECONDS));
        assertEquals(2, calls[0]);
        assertEquals(3, ring.cqDoorbells(), "two arms, then the head after the reap");
        assertEquals(dev.v2Word(1, 1, 1), dev.doorbell(), "poll mode: every CQ doorbell keeps priority 1");
    }

    @Test
    void rekickRewritesALostSqDoorbell() throws Exception {
        FakeQmDevice dev = device(8);
        QmRing ring = dev.ring(QmOptions.builder().memoryBackedDoorbells(true).rekick(Duration.ofMillis(1)).spinIterations(1000).build());
        int slot = ring.tryReserve();
        ring.publish();
        long sqWord = dev.doorbell();
        dev.setDoorbell(0); // the doorbell is "lost": overwritten before the device read it
        Thread device = Thread.ofPlatform().start(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (dev.doorbell() != sqWord && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            dev.complete(slot);
        });
        assertEquals(slot, ring.awaitCompletion(30, TimeUnit.SECONDS));
        device.join();
        assertTrue(ring.rekicks() >= 1, "re-kick happened");
        assertTrue(ring.sqDoorbells() >= 2, "SQ doorbell written again");
    }

    @Test
    void rekickAlternatesAndCanBeTurnedOff() {
        FakeQmDevice dev = device(8);
        QmRing off = dev.ring(opts().spinIterations(0).yieldIterations(0)
                .park(Duration.ofNanos(200_000)).build());
        off.tryReserve();
        off.publish();
        assertThrows(DeviceTimeoutException.class, () -> off.awaitCompletion(10, TimeUnit.MILLISECONDS));
        assertEquals(0, off.rekicks());
        assertEquals(1, off.sqDoorbells());

        FakeQmDevice dev2 = device(8);
        QmRing on = dev2.ring(QmOptions.builder().memoryBackedDoorbells(true).rekick(Duration.ofNanos(1)).spinIterations(0)
                .yieldIterations(0).park(Duration.ofNanos(200_000)).build());
        on.tryReserve();
        on.publish();
        assertThrows(DeviceTimeoutException.class, () -> on.awaitCompletion(200, TimeUnit.MILLISECONDS));
        assertTrue(on.rekicks() >= 2, "several re-kicks: " + on.rekicks());
        // the last write was the SQ doorbell, so the first re-kick writes the CQ doorbell, then they alternate
        assertEquals(on.rekicks(), (on.sqDoorbells() - 1) + on.cqDoorbells());
        assertTrue(Math.abs((on.sqDoorbells() - 1) - on.cqDoorbells()) <= 1, "alternating");
    }

    @Test
    void everyRewrittenDoorbellIsReportedWithTheWordJustStored() {
        FakeQmDevice dev = device(8);
        java.util.List<Long> words = new java.util.ArrayList<>();
        java.util.List<Long> stored = new java.util.ArrayList<>();
        QmRing ring = dev.ringReporting(QmOptions.builder().memoryBackedDoorbells(true).rekick(Duration.ofNanos(1))
                .spinIterations(0).yieldIterations(0).park(Duration.ofNanos(200_000)).build(), w -> {
                    words.add(w);
                    stored.add(dev.doorbell());
                });
        ring.tryReserve();
        ring.publish();
        long sq = dev.doorbell();
        assertTrue(words.isEmpty(), "publish itself is no rewrite");
        assertThrows(DeviceTimeoutException.class, () -> ring.awaitCompletion(100, TimeUnit.MILLISECONDS));
        assertTrue(ring.rekicks() >= 2, "several re-kicks: " + ring.rekicks());
        assertEquals(ring.rekicks(), words.size(), "one report per re-kick");
        assertEquals(stored, words, "each report carries the word in the doorbell register at that moment");
        assertEquals(sq, (long) words.get(1), "the second re-kick rewrites the SQ doorbell");
        assertEquals(QmDoorbell.CMD_CQ, (int) ((words.get(0) >>> 12) & 0xF), "the first re-kick rewrites the CQ doorbell");

        FakeQmDevice dev2 = device(8);
        java.util.List<Long> none = new java.util.ArrayList<>();
        QmRing latched = dev2.ringReporting(QmOptions.builder().memoryBackedDoorbells(false).rekick(Duration.ofNanos(1))
                .spinIterations(0).yieldIterations(0).park(Duration.ofNanos(200_000)).build(), none::add);
        latched.tryReserve();
        latched.publish();
        assertThrows(DeviceTimeoutException.class, () -> latched.awaitCompletion(20, TimeUnit.MILLISECONDS));
        assertTrue(none.isEmpty(), "latched doorbells: nothing rewritten, nothing reported");
    }

    @Test
    void constructorRejectsBadGeometry() {
        FakeQmDevice dev = device(8);
        QmOptions o = opts().build();
        assertThrows(IllegalArgumentException.class,
                () -> new QmRing(dev.mmio, dev.dus.asSlice(0, 1024), QmVersion.V2, 5, 128, 8, 8, null, o));
        assertThrows(IllegalArgumentException.class,
                () -> new QmRing(dev.mmio.asSlice(0, 0x1000), dev.dus, QmVersion.V2, 5, 128, 8, 8, null, o));
        assertThrows(IllegalArgumentException.class,
                () -> new QmRing(dev.mmio, dev.dus, QmVersion.V2, 5000, 128, 8, 8, null, o));
        assertThrows(IllegalArgumentException.class,
                () -> new QmRing(dev.mmio, dev.dus, QmVersion.V2, 5, 100, 8, 8, null, o));
        assertThrows(IllegalArgumentException.class,
                () -> new QmRing(dev.mmio, dev.dus, QmVersion.V2, 5, 128, 1, 8, null, o));
        assertThrows(IllegalArgumentException.class, () -> new QmRing(dev.mmio, dev.dus, QmVersion.V2, 5, 128, 8, 8,
                null, opts().waitMode(QmOptions.WaitMode.POLL).build()));
    }

    @Test
    void capacityFollowsTheSmallerRing() {
        FakeQmDevice dev = new FakeQmDevice(arena, QmVersion.V3, 1, 128, 16, 4);
        QmRing ring = dev.ring(opts().build());
        assertEquals(3, ring.capacity());
        for (int i = 0; i < 3; i++) {
            ring.tryReserve();
        }
        assertEquals(-1, ring.tryReserve());
    }
}
