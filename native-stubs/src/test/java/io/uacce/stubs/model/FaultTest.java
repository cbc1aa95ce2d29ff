package io.uacce.stubs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Errno;
import io.uacce.spi.UacceKernel;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fault injection (spec §3.7, §5). */
class FaultTest {
    private ModelHost host;

    @AfterEach
    void tearDown() {
        if (host != null) {
            host.close();
        }
    }

    private ModelDevice build() {
        host = ModelHost.builder().device(d -> d.engine(EngineKind.NULL).depth(16).queues(4)).build();
        return host.devices().get(0);
    }

    private String node() {
        return host.devRoot().resolve("hisi_zip-0").toString();
    }

    @Test
    void resetStopsQueuesUntilReopened() {
        ModelDevice d = build();
        try (RawQueue q = RawQueue.open(host, 0)) {
            q.next();
            q.submit(1);
            q.reap(true);
            assertEquals(UacceKernel.POLLIN, q.kernel.poll(q.fd, UacceKernel.POLLIN, 10_000), "consume the event");
            d.reset();
            assertEquals(1, q.txStop());
            assertEquals(1, q.rxStop());
            q.next();
            q.submit(1);
            assertEquals(0, q.kernel.poll(q.fd, UacceKernel.POLLIN, 100));
            assertEquals(-1, q.peek(), "a reset queue never completes");
        }
        try (RawQueue fresh = RawQueue.open(host, 0)) {
            assertEquals(0, fresh.txStop(), "a new queue starts with clear stop words");
            fresh.next();
            fresh.submit(1);
            assertEquals(0, fresh.reap(true));
        }
    }

    @Test
    void isolateWritesTheAttribute() throws Exception {
        ModelDevice d = build();
        d.isolate(true);
        assertEquals("1\n", Files.readString(host.sysfsRoot().resolve("hisi_zip-0/isolate")));
        assertTrue(d.isolated());
        d.isolate(false);
        assertEquals("0\n", Files.readString(host.sysfsRoot().resolve("hisi_zip-0/isolate")));
    }

    @Test
    void exhaustedQueuesGiveEbusy() throws Exception {
        ModelDevice d = build();
        int fd = host.kernel().open(node());
        d.exhaustQueues();
        assertEquals("0\n", Files.readString(host.sysfsRoot().resolve("hisi_zip-0/available_instances")));
        assertEquals(Errno.EBUSY, KernelStateTest.errno(() -> host.kernel().open(node())));
        d.restoreQueues();
        assertEquals(3, d.availableInstances());
        host.kernel().close(host.kernel().open(node()));
        host.kernel().close(fd);
    }

    @Test
    void slowCompletionsStillComplete() {
        ModelDevice d = build();
        // Far longer than any scheduling hiccup, so "not yet" cannot be a race; released below.
        d.slowCompletions(Duration.ofMinutes(10));
        try (RawQueue q = RawQueue.open(host, 0)) {
            q.next();
            q.submit(1);
            q.awaitTaken();
            assertEquals(-1, q.peek(), "held back by the delay");
            d.slowCompletions(Duration.ofMillis(1));
            assertEquals(0, q.reap(true), "the held completion follows the shortened delay");
            d.slowCompletions(Duration.ZERO);
            q.next();
            q.submit(1);
            assertEquals(1, q.reap(true));
        }
    }

    @Test
    void outOfOrderCompletionsReverseABatch() {
        ModelDevice d = build();
        d.outOfOrderCompletions(true);
        try (RawQueue q = RawQueue.open(host, 0)) {
            for (int i = 0; i < 4; i++) {
                q.sqe(i).fill((byte) 0);
            }
            q.submit(4);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                order.add(q.reap(true));
            }
            assertFalse(order.equals(List.of(0, 1, 2, 3)), "completed out of order: " + order);
            assertEquals(List.of(0, 1, 2, 3), order.stream().sorted().toList(), "each slot once");
            // a lone SQE is still completed (after the hold-back)
            q.next();
            q.submit(1);
            assertEquals(4, q.reap(true));
        }
    }

    @Test
    void removalTurnsQueuesIntoZombies() throws Exception {
        ModelDevice d = build();
        RawQueue q = RawQueue.open(host, 0);
        d.remove();
        assertTrue(d.removed());
        assertEquals(Errno.ENXIO, KernelStateTest.errno(() -> q.kernel.ioctl(q.fd, ModelQueue.START_Q, MemorySegment.NULL)));
        assertEquals(Errno.ENXIO, KernelStateTest.errno(() -> q.kernel.mmap(q.fd, 4096, 0)));
        assertEquals(0, q.kernel.poll(q.fd, UacceKernel.POLLIN, 20));
        assertEquals(1, q.rxStop());
        assertFalse(Files.exists(host.sysfsRoot().resolve("hisi_zip-0")));
        assertFalse(Files.exists(host.devRoot().resolve("hisi_zip-0")));
        assertEquals(Errno.ENODEV, KernelStateTest.errno(() -> host.kernel().open(node())));
        q.close();
        assertEquals(0, d.openQueues());
    }
}
