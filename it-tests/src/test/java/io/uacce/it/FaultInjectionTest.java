package io.uacce.it;

import static io.uacce.it.RawKernel.expectErrno;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.DeviceInfo;
import io.uacce.DeviceStoppedException;
import io.uacce.DeviceTimeoutException;
import io.uacce.Errno;
import io.uacce.ErrnoException;
import io.uacce.QueueState;
import io.uacce.QueueStateException;
import io.uacce.Region;
import io.uacce.UacceQueue;
import io.uacce.qm.QmQueue;
import io.uacce.qm.QmRing;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Spec §3.7, §2.1, §1.1, §1.4: reset (stop words), exhaustion (EBUSY), slow completions, removal (ENXIO). */
@ExtendWith(TargetExtension.class)
class FaultInjectionTest {

    private static int stopWord(QmQueue q, int fromEnd) {
        MemorySegment dus = q.queue().mapped(Region.DUS);
        return dus.get(ValueLayout.JAVA_INT, dus.byteSize() - fromEnd);
    }

    @Test
    void resetSetsTheStopWordsAndANewQueueWorks(ConformanceTarget t) {
        Need.fault(t, Fault.RESET);
        DeviceInfo d = t.device();
        try (QmQueue q = QmQueue.open(t.host(), d); ZipWorkload w = new ZipWorkload(q, SuiteZipSqe.Format.ZLIB, 256)) {
            w.run(0, 10, 2, 4);
            t.faults().reset(d);
            assertEquals(1, stopWord(q, 4), "TX-stop word (DUS end - 4) after reset");
            assertEquals(1, stopWord(q, 8), "RX-stop word (DUS end - 8) after reset");
            QmRing ring = q.ring();
            assertThrows(DeviceStoppedException.class, ring::pollCompletion, "reaping on a reset queue");
            int s = ring.tryReserve();
            assertTrue(s >= 0);
            w.fill(s, 99);
            DeviceStoppedException e = assertThrows(DeviceStoppedException.class, ring::publish, "submitting");
            assertTrue(e.getMessage().contains("TX"), e.getMessage());
        }
        try (QmQueue q = QmQueue.open(t.host(), d); ZipWorkload w = new ZipWorkload(q, SuiteZipSqe.Format.ZLIB, 256)) {
            assertEquals(0, stopWord(q, 4), "a new queue starts with clear stop words");
            w.run(100, 10, 2, 4);
            assertEquals(10, w.verified());
        }
    }

    @Test
    void exhaustedQueuesGiveEbusy(ConformanceTarget t) {
        Need.fault(t, Fault.EXHAUST);
        DeviceInfo d = t.device();
        int n0 = d.availableInstances();
        t.faults().exhaustQueues(d);
        try {
            assertEquals(0, d.availableInstances(), "available_instances while someone else holds every queue");
            assertFalse(t.host().select("zlib").map(d::equals).orElse(false), "select skips a device without free queues");
            ErrnoException e = assertThrows(ErrnoException.class, () -> t.host().open(d));
            assertEquals("EBUSY", e.errnoName(), e.getMessage());
        } finally {
            t.faults().restoreQueues(d);
        }
        assertEquals(n0, d.availableInstances(), "queues back");
        try (UacceQueue q = t.host().open(d)) {
            assertEquals(QueueState.INIT, q.state());
        }
    }

    @Test
    void slowCompletionsTimeOutWithAClearError(ConformanceTarget t) {
        Need.fault(t, Fault.SLOW_COMPLETIONS);
        DeviceInfo d = t.device();
        // Set before the queue opens (the kernel stub picks its batching at open). Devices delay
        // either before each completion (model) or after each request (kernel stub): with two
        // requests in one batch the second completion is late on both.
        t.faults().slowCompletions(d, Duration.ofMillis(600));
        try (QmQueue q = QmQueue.open(t.host(), d); ZipWorkload w = new ZipWorkload(q, SuiteZipSqe.Format.ZLIB, 256)) {
            QmRing ring = q.ring();
            w.fill(ring.tryReserve(), 7);
            w.fill(ring.tryReserve(), 8);
            ring.publish();
            w.verifyAndRelease(ring.awaitCompletion(30, TimeUnit.SECONDS));
            DeviceTimeoutException e = assertThrows(DeviceTimeoutException.class,
                    () -> ring.awaitCompletion(20, TimeUnit.MILLISECONDS), "the second, delayed completion");
            assertTrue(e.getMessage().contains("uacce.qm") || e.getMessage().contains("timeout"),
                    "the error names the setting: " + e.getMessage());
            assertEquals(1, ring.inDevice(), "the request is still in the device");
            w.verifyAndRelease(ring.awaitCompletion(30, TimeUnit.SECONDS));
            t.faults().slowCompletions(d, Duration.ZERO);
            w.run(10, 20, 4, 8);
            assertEquals(22, w.verified());
        }
    }

    @Test
    void removalTurnsQueuesIntoZombies(ConformanceTarget t) {
        Need.fault(t, Fault.REMOVE);
        Need.eraAtLeastB(t, "device removal (zombie queues, ENXIO) is defined from the 2022 parent-removal fix on");
        DeviceInfo victim = t.faults().removable().orElseThrow();
        RawKernel raw = new RawKernel(t.host().kernel());
        UacceQueue started = t.host().open(victim);
        UacceQueue idle = t.host().open(victim);
        try {
            started.setContext(0);
            started.start();
            t.faults().remove(victim);
            expectErrno(Errno.ENXIO, "SET_QP_CTX after removal", () -> raw.setQpCtx(idle.fd(), 0));
            expectErrno(Errno.ENXIO, "START_Q after removal", () -> raw.ioctl(idle.fd(), RawKernel.START_Q));
            RawRegions regions = t.rawRegions();
            expectErrno(Errno.ENXIO, "mmap after removal",
                    () -> regions.unmap(victim, idle.fd(), regions.map(victim, idle.fd(), t.host().pageSize(), 0), 0));
            QueueStateException e = assertThrows(QueueStateException.class, started::queryInfo);
            assertTrue(e.getMessage().contains("zombie"), e.getMessage());
            assertEquals(QueueState.RELEASED, started.state(), "ENXIO moves the driver's queue to RELEASED");
            assertFalse(t.host().devices().contains(victim), "the sysfs entry is gone");
            ErrnoException open = assertThrows(ErrnoException.class, () -> t.host().open(victim));
            assertTrue(open.errno() == Errno.ENODEV || open.errno() == Errno.ENOENT || open.errno() == Errno.ENXIO,
                    "open of a removed device: " + open.getMessage());
        } finally {
            started.close();
            idle.close();
        }
    }
}
