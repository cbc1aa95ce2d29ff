package io.uacce.stubs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.spi.UacceKernel;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Doorbells, CQEs, phase, CQ space and poll arming (spec §1.5, §3.3–§3.7), with the NULL engine. */
class EngineTest {
    private ModelHost host;

    @AfterEach
    void tearDown() {
        if (host != null) {
            host.close();
        }
    }

    private ModelHost nullHost(int depth, ModelApi api) {
        host = ModelHost.builder().cqGrace(Duration.ofMillis(30))
                .device(d -> d.engine(EngineKind.NULL).depth(depth).api(api)).build();
        return host;
    }

    @Test
    void everySqeCompletesInOrderWithPhaseFlippingOnWrap() {
        nullHost(8, ModelApi.V2);
        // hold qn 0, so the queue under test has qn 1 and sq_num cannot match zeroed memory
        int other = host.kernel().open(host.devRoot().resolve("hisi_zip-0").toString());
        try (RawQueue q = RawQueue.open(host, 0)) {
            assertEquals(1, q.qn);
            assertEquals(8, q.depth);
            for (int i = 0; i < 8 * 3 + 5; i++) {
                int slot = q.tail;
                MemorySegment s = q.next();
                s.set(RawQueue.DW, 16, 1000 + i); // input length
                s.set(RawQueue.DW, 13 * 4, 0xABC0 + i); // tag
                s.set(RawQueue.DW, 3 * 4, 0x77); // stale status must be overwritten
                q.submit(1);
                assertEquals(slot, q.reap(true));
                assertEquals(q.qn, q.cqeSqNum(), "CQE sq_num");
                assertEquals(1000 + i, s.get(RawQueue.DW, 0), "consumed");
                assertEquals(0, s.get(RawQueue.DW, 4), "produced");
                assertEquals(0, s.get(RawQueue.DW, 12), "status");
                assertEquals(0xABC0 + i, s.get(RawQueue.DW, 13 * 4), "tag preserved");
            }
            assertEquals(0, q.txStop());
        }
        host.kernel().close(other);
        assertEquals(29, host.devices().get(0).completions());
    }

    @Test
    void batchesUpToTheDoorbellIndexAndV1Doorbell() {
        nullHost(16, ModelApi.V1);
        try (RawQueue q = RawQueue.open(host, 0)) {
            for (int i = 0; i < 5; i++) {
                q.next();
                q.tail = (q.tail + 1) % q.depth;
            }
            q.tail = 0;
            q.submit(5);
            for (int i = 0; i < 5; i++) {
                assertEquals(i, q.reap(true));
            }
        }
    }

    @Test
    void nothingIsProcessedBeforeStart() {
        nullHost(8, ModelApi.V2);
        try (RawQueue q = RawQueue.openUnstarted(host)) {
            q.next().set(RawQueue.DW, 16, 7);
            q.submit(1);
            assertEquals(-1, q.peek());
            q.kernel.ioctl(q.fd, ModelQueue.START_Q, MemorySegment.NULL);
            assertEquals(-1, q.peek(), "a doorbell rung before START_Q is dropped");
            q.submit(0); // ring again with the same tail
            assertEquals(0, q.reap(true));
        }
    }

    @Test
    void doorbellForAnotherQueueIsIgnored() {
        nullHost(8, ModelApi.V2);
        try (RawQueue q = RawQueue.open(host, 0)) {
            q.next();
            q.tail = 1;
            q.ring(q.doorbellValue(0, 1, 0) ^ 0x5); // wrong qn
            q.ring(q.doorbellValue(3, 1, 0)); // AEQ: kernel only
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (host.devices().get(0).ignoredDoorbells() < 1 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            q.submit(0);
            assertEquals(0, q.reap(true));
            assertTrue(host.devices().get(0).ignoredDoorbells() >= 1);
        }
    }

    @Test
    void cqOverflowSetsTheStopWords() {
        nullHost(8, ModelApi.V2);
        try (RawQueue q = RawQueue.open(host, 0)) {
            // Reap without ever telling the device (no CQ doorbell): with depth - 1 unread CQEs
            // in its view the next one has nowhere to go.
            for (int i = 0; i < 7; i++) {
                q.next();
                q.submit(1);
                q.reap(false);
            }
            assertEquals(0, q.txStop());
            q.next();
            q.submit(1);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (q.rxStop() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(1, q.txStop());
            assertEquals(1, q.rxStop());
            assertEquals(1, host.devices().get(0).overflows());
            assertEquals(-1, q.peek());
        }
    }

    @Test
    void aLateCqDoorbellWithinTheGraceAvoidsOverflow() {
        host = ModelHost.builder().cqGrace(Duration.ofSeconds(30))
                .device(d -> d.engine(EngineKind.NULL).depth(8)).build();
        try (RawQueue q = RawQueue.open(host, 0)) {
            for (int i = 0; i < 7; i++) {
                q.next();
                q.submit(1);
                q.reap(false);
            }
            q.next();
            q.submit(1);
            q.awaitTaken();
            q.ringCq(0); // the device now learns the head
            q.reap(true);
            assertEquals(0, q.rxStop());
            assertEquals(0, host.devices().get(0).overflows());
        }
    }

    @Test
    void pollReportsOnlyWhenArmed() {
        nullHost(8, ModelApi.V2);
        try (RawQueue q = RawQueue.open(host, 0)) {
            UacceKernel k = q.kernel;
            assertEquals(0, k.poll(q.fd, UacceKernel.POLLIN, 0), "nothing yet");
            q.next();
            q.submit(1);
            int ev = k.poll(q.fd, UacceKernel.POLLIN | UacceKernel.POLLRDNORM, 10_000);
            assertEquals(UacceKernel.POLLIN | UacceKernel.POLLRDNORM, ev, "armed at START");
            q.reap(false);
            q.ringCq(0); // consumed, not re-armed
            q.awaitTaken();
            q.next();
            q.submit(1);
            q.reap(false);
            assertEquals(0, k.poll(q.fd, UacceKernel.POLLIN, 50), "a CQE without arming raises nothing");
            q.ringCq(1); // re-arm
            q.awaitTaken(); // the next doorbell must not overwrite the arming one
            q.next();
            q.submit(1);
            assertEquals(UacceKernel.POLLIN, k.poll(q.fd, UacceKernel.POLLIN, 10_000));
            assertEquals(0, k.poll(q.fd, UacceKernel.POLLIN, 0), "the event was consumed");
            q.reap(true);
        }
    }

    @Test
    void armingWithUnreadCompletionsFiresAtOnce() {
        nullHost(8, ModelApi.V2);
        try (RawQueue q = RawQueue.open(host, 0)) {
            q.next();
            q.submit(1);
            assertEquals(UacceKernel.POLLIN, q.kernel.poll(q.fd, UacceKernel.POLLIN, 10_000));
            q.next();
            q.submit(1);
            q.reap(false);
            int second;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while ((second = q.peek()) < 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(1, second);
            q.ringCq(1); // head 1, one CQE unread
            assertEquals(UacceKernel.POLLIN, q.kernel.poll(q.fd, UacceKernel.POLLIN, 10_000));
            q.reap(true);
        }
    }
}
