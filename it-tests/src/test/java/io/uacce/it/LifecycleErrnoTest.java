package io.uacce.it;

import static io.uacce.it.RawKernel.expectErrno;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.DeviceInfo;
import io.uacce.Errno;
import io.uacce.ErrnoException;
import io.uacce.QueueInfo;
import io.uacce.QueueState;
import io.uacce.QueueStateException;
import io.uacce.UacceQueue;
import io.uacce.spi.UacceKernel;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Spec §1.3-§1.5: the queue state machine and the errno of every misuse, checked on the kernel
 * (raw {@code io.uacce.spi} calls) and through the driver ({@link UacceQueue}).
 */
@ExtendWith(TargetExtension.class)
class LifecycleErrnoTest {

    @Test
    void startTwiceIsEinval(ConformanceTarget t) {
        RawKernel raw = new RawKernel(t.host().kernel());
        try (UacceQueue q = t.host().open(t.device())) {
            assertEquals(0, raw.ioctl(q.fd(), RawKernel.START_Q), "START_Q on a new queue");
            expectErrno(Errno.EINVAL, "second START_Q", () -> raw.ioctl(q.fd(), RawKernel.START_Q));
        }
        try (UacceQueue q = t.host().open(t.device())) {
            q.setContext(0);
            q.start();
            assertEquals(QueueState.STARTED, q.state());
            assertThrows(QueueStateException.class, q::start, "the driver refuses a second start");
            assertThrows(QueueStateException.class, () -> q.setContext(1), "qc_type is read at START_Q only");
        }
    }

    @Test
    void ioctlsAfterPutFollowTheEra(ConformanceTarget t) {
        RawKernel raw = new RawKernel(t.host().kernel());
        DeviceInfo d = t.device();
        int n0 = d.availableInstances();
        try (UacceQueue q = t.host().open(d)) {
            int fd = q.fd();
            raw.setQpCtx(fd, 0);
            assertEquals(0, raw.ioctl(fd, RawKernel.START_Q));
            assertEquals(0, raw.ioctl(fd, RawKernel.PUT_Q), "PUT_Q of a started queue");
            switch (t.era()) {
                case A -> {
                    assertEquals(n0, d.availableInstances(), "era A: PUT_Q gives the hardware queue back");
                    expectErrno(Errno.EINVAL, "era A: START_Q after PUT_Q", () -> raw.ioctl(fd, RawKernel.START_Q));
                    assertEquals(0, raw.ioctl(fd, RawKernel.PUT_Q), "era A: PUT_Q is idempotent");
                }
                case B -> {
                    assertEquals(n0, d.availableInstances(), "era B: PUT_Q gives the hardware queue back");
                    expectErrno(Errno.ENXIO, "era B: START_Q after PUT_Q", () -> raw.ioctl(fd, RawKernel.START_Q));
                    expectErrno(Errno.ENXIO, "era B: second PUT_Q", () -> raw.ioctl(fd, RawKernel.PUT_Q));
                    expectErrno(Errno.ENXIO, "era B: SET_QP_CTX after PUT_Q", () -> raw.setQpCtx(fd, 0));
                    expectErrno(Errno.ENXIO, "era B: SET_QP_INFO after PUT_Q", () -> raw.setQpInfo(fd));
                    expectErrno(Errno.ENXIO, "era B: unknown ioctl after PUT_Q", () -> raw.ioctl(fd, RawKernel.UNKNOWN));
                    assertEquals(0, t.host().kernel().poll(fd, UacceKernel.POLLIN, 20) & UacceKernel.POLLIN,
                            "era B: poll on a zombie reports no event");
                }
                case C -> {
                    assertEquals(n0 - 1, d.availableInstances(), "era C: the hardware queue is kept until release");
                    assertEquals(0, raw.ioctl(fd, RawKernel.PUT_Q), "era C: PUT_Q of a stopped queue is a no-op");
                    raw.setQpCtx(fd, 1);
                    assertEquals(0, raw.ioctl(fd, RawKernel.START_Q), "era C: START_Q after PUT_Q restarts");
                    assertEquals(0, raw.ioctl(fd, RawKernel.PUT_Q));
                }
            }
        }
        assertEquals(n0, d.availableInstances(), "everything back after close");
    }

    @Test
    void putBeforeStartFollowsTheEra(ConformanceTarget t) {
        RawKernel raw = new RawKernel(t.host().kernel());
        try (UacceQueue q = t.host().open(t.device())) {
            int fd = q.fd();
            assertEquals(0, raw.ioctl(fd, RawKernel.PUT_Q), "PUT_Q of a queue never started");
            int startErrno = RawKernel.errnoOf(() -> raw.ioctl(fd, RawKernel.START_Q));
            int expected = switch (t.era()) {
                case A -> Errno.EINVAL;
                case B -> Errno.ENXIO;
                case C -> 0;
            };
            assertEquals(Errno.name(expected), startErrno == 0 ? "errno 0" : Errno.name(startErrno),
                    "START_Q after PUT_Q of an INIT queue, era " + t.era());
        }
    }

    @Test
    void driverReleasesOnPutWhateverTheEra(ConformanceTarget t) {
        DeviceInfo d = t.device();
        int n0 = d.availableInstances();
        UacceQueue q = t.host().open(d);
        q.setContext(0);
        q.start();
        q.put();
        assertEquals(QueueState.RELEASED, q.state());
        assertThrows(QueueStateException.class, q::start);
        assertThrows(QueueStateException.class, q::queryInfo);
        q.close();
        assertEquals(QueueState.CLOSED, q.state());
        q.close(); // idempotent
        assertEquals(n0, d.availableInstances());
    }

    @Test
    void unknownIoctlIsEinval(ConformanceTarget t) {
        RawKernel raw = new RawKernel(t.host().kernel());
        try (UacceQueue q = t.host().open(t.device())) {
            expectErrno(Errno.EINVAL, "unknown ioctl 0x573F on an INIT queue", () -> raw.ioctl(q.fd(), RawKernel.UNKNOWN));
            raw.ioctl(q.fd(), RawKernel.START_Q);
            expectErrno(Errno.EINVAL, "unknown ioctl on a STARTED queue", () -> raw.ioctl(q.fd(), RawKernel.UNKNOWN));
        }
    }

    @Test
    void badQueueTypeIsEinval(ConformanceTarget t) {
        RawKernel raw = new RawKernel(t.host().kernel());
        try (UacceQueue q = t.host().open(t.device())) {
            expectErrno(Errno.EINVAL, "SET_QP_CTX qc_type 2", () -> raw.setQpCtx(q.fd(), 2));
            expectErrno(Errno.EINVAL, "SET_QP_CTX qc_type 0xFFFF", () -> raw.setQpCtx(q.fd(), 0xFFFF));
            assertThrows(IllegalArgumentException.class, () -> q.setContext(2), "the driver refuses it first");
            int qn = q.setContext(1);
            assertTrue(qn >= 0 && qn < 1024, "qn " + qn + " fits the 10-bit doorbell field");
            assertEquals(qn, raw.setQpCtx(q.fd(), 0), "SET_QP_CTX returns the same qn again");
        }
    }

    @Test
    void badArgumentPointerIsEfault(ConformanceTarget t) {
        UacceKernel k = t.host().kernel();
        try (UacceQueue q = t.host().open(t.device())) {
            expectErrno(Errno.EFAULT, "SET_QP_CTX with argument pointer 0x8",
                    () -> k.ioctl(q.fd(), RawKernel.SET_QP_CTX, MemorySegment.ofAddress(8)));
        }
    }

    @Test
    void queueInfoIsTheZipGeometry(ConformanceTarget t) {
        try (UacceQueue q = t.host().open(t.device())) {
            QueueInfo info = q.queryInfo();
            if (info.reportedByKernel()) {
                assertEquals(128, info.sqeSize(), "ZIP SQE size");
                assertTrue(info.sqDepth() >= 2 && info.cqDepth() >= 2, "depths " + info);
            } else {
                assertEquals(QueueInfo.DEFAULT, info, "kernels without SET_QP_INFO: UADK's defaults");
            }
        }
    }

    @Test
    void openGivesEbusyWhenQueuesRunOut(ConformanceTarget t) {
        DeviceInfo d = t.device();
        int n0 = d.availableInstances();
        assertTrue(n0 > 0 && n0 <= 4096, "available_instances " + n0);
        List<UacceQueue> open = new ArrayList<>();
        try {
            Set<Integer> qns = new HashSet<>();
            for (int i = 0; i < n0; i++) {
                UacceQueue q = t.host().open(d);
                open.add(q);
                assertTrue(qns.add(q.setContext(0)), "queue numbers are distinct: " + qns);
            }
            assertEquals(0, d.availableInstances(), "every queue taken");
            ErrnoException e = assertThrows(ErrnoException.class, () -> t.host().open(d));
            assertEquals("EBUSY", e.errnoName(), e.getMessage());
            assertTrue(e.getMessage().contains(d.name()), "the message names the device: " + e.getMessage());
            open.remove(0).close();
            assertEquals(1, d.availableInstances());
            try (UacceQueue again = t.host().open(d)) {
                assertNotEquals(-1, again.fd());
            }
        } finally {
            for (UacceQueue q : open) {
                q.close();
            }
        }
        assertEquals(n0, d.availableInstances(), "all queues back");
    }

    @Test
    void pollOnAQuietQueueTimesOut(ConformanceTarget t) {
        try (UacceQueue q = t.host().open(t.device())) {
            q.setContext(0);
            q.start();
            assertFalse(q.awaitEvent(30), "poll with nothing submitted reports no event");
        }
    }
}
