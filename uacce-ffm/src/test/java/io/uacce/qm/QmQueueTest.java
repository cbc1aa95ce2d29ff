package io.uacce.qm;

import io.uacce.DeviceInfo;
import io.uacce.ErrnoException;
import io.uacce.Errno;
import io.uacce.QueueState;
import io.uacce.Uacce;
import io.uacce.spi.UacceKernel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * QmQueue set-up and teardown order against a recording fake kernel (memory-backed regions; the
 * test plays the device for one request).
 */
class QmQueueTest {
    private static final long PAGE = 4096;
    private static final int DEPTH = 16;

    @TempDir
    Path tmp;

    private final Arena arena = Arena.ofShared();
    private final List<String> calls = new ArrayList<>();
    private RecordingKernel kernel;
    private Uacce host;

    @BeforeEach
    void setUp() throws IOException {
        kernel = new RecordingKernel();
        host = Uacce.builder().kernel(kernel).sysfsRoot(tmp.resolve("sys")).devRoot(tmp.resolve("dev")).build();
    }

    @AfterEach
    void tearDown() {
        arena.close();
    }

    private DeviceInfo device(String api) throws IOException {
        Path d = Files.createDirectories(tmp.resolve("sys").resolve("hisi_zip-0"));
        Files.createDirectories(tmp.resolve("dev"));
        Files.writeString(d.resolve("api"), api + "\n");
        Files.writeString(d.resolve("flags"), "1\n");
        Files.writeString(d.resolve("algorithms"), "zlib\ngzip\n");
        Files.writeString(d.resolve("region_mmio_size"), "8192\n");
        Files.writeString(d.resolve("region_dus_size"), "8192\n");
        Files.writeString(d.resolve("available_instances"), "4\n");
        return host.devices().getFirst();
    }

    @Test
    void opensInUadkOrderAndClosesInReverse() throws IOException {
        QmQueue q = QmQueue.open(host, device("hisi_qm_v2"), QmOptions.builder().qcType(1).build());
        assertEquals(List.of("open", "mmap DUS", "mmap MMIO", "SET_QP_CTX qc_type 1", "SET_QP_INFO", "START_Q"), calls);
        assertEquals(7, q.qn());
        assertEquals(QmVersion.V2, q.version());
        assertEquals(DEPTH, q.ring().depth());
        assertEquals(QueueState.STARTED, q.queue().state());
        calls.clear();
        q.close();
        assertEquals(List.of("PUT_Q", "munmap DUS", "munmap MMIO", "close"), calls);
        q.close();
        assertEquals(4, calls.size(), "close is idempotent");
        assertThrows(IllegalStateException.class, () -> q.ring().pollCompletion(), "segments die with the queue");
    }

    @Test
    void oneRequestThroughTheQueue() throws IOException {
        try (QmQueue q = QmQueue.open(host, device("hisi_qm_v3"), QmOptions.defaults())) {
            QmRing ring = q.ring();
            int slot = ring.tryReserve();
            ring.publish();
            long word = kernel.mmio.get(ValueLayout.JAVA_LONG, 0x1000);
            assertEquals(0x0000_0001_0000_0007L, word, "SQ doorbell, tail 1, qn 7");
            // play the device: CQE 0 names the slot, phase 1
            long cq = 128L * DEPTH;
            kernel.dus.set(ValueLayout.JAVA_SHORT, cq + 8, (short) slot);
            kernel.dus.set(ValueLayout.JAVA_SHORT, cq + 14, (short) 1);
            assertEquals(slot, ring.awaitCompletion(5, TimeUnit.SECONDS));
            ring.release(slot);
        }
    }

    @Test
    void badGeometryIsRefusedBeforeStartAndTheQueueIsClosed() throws IOException {
        kernel.sqDepth = 1024; // 128 KiB of SQEs do not fit an 8 KiB DUS
        DeviceInfo dev = device("hisi_qm_v2");
        assertThrows(IllegalArgumentException.class, () -> QmQueue.open(host, dev, QmOptions.defaults()));
        assertTrue(!calls.contains("START_Q"), calls.toString());
        assertEquals("close", calls.getLast());
    }

    @Test
    void kernelErrorClosesTheHalfBuiltQueue() throws IOException {
        kernel.failCtx = true;
        DeviceInfo dev = device("hisi_qm_v2");
        assertThrows(ErrnoException.class, () -> QmQueue.open(host, dev, QmOptions.defaults()));
        assertEquals("close", calls.getLast());
    }

    @Test
    void nonQmDeviceIsRefusedBeforeOpening() throws IOException {
        DeviceInfo dev = device("sec_v2");
        assertThrows(IllegalArgumentException.class, () -> QmQueue.open(host, dev, QmOptions.defaults()));
        assertTrue(calls.isEmpty(), calls.toString());
    }

    /** Memory-backed kernel that records the calls QmQueue makes. */
    private final class RecordingKernel implements UacceKernel {
        MemorySegment mmio;
        MemorySegment dus;
        int sqDepth = DEPTH;
        boolean failCtx;

        @Override
        public String name() {
            return "recording test kernel";
        }

        @Override
        public long pageSize() {
            return PAGE;
        }

        @Override
        public int open(String path) {
            calls.add("open");
            return 42;
        }

        @Override
        public long ioctl(int fd, long request, MemorySegment arg) {
            if (request == 0xC004480AL) {
                if (failCtx) {
                    throw new ErrnoException("ioctl(SET_QP_CTX)", Errno.EINVAL, "fake");
                }
                MemorySegment a = arg.reinterpret(4);
                calls.add("SET_QP_CTX qc_type " + a.get(ValueLayout.JAVA_SHORT, 2));
                a.set(ValueLayout.JAVA_SHORT, 0, (short) 7);
            } else if (request == 0xC010480BL) {
                calls.add("SET_QP_INFO");
                MemorySegment a = arg.reinterpret(16);
                a.set(ValueLayout.JAVA_INT, 0, 128);
                a.set(ValueLayout.JAVA_SHORT, 4, (short) sqDepth);
                a.set(ValueLayout.JAVA_SHORT, 6, (short) DEPTH);
            } else if (request == 0x5700L) {
                calls.add("START_Q");
            } else if (request == 0x5701L) {
                calls.add("PUT_Q");
            } else {
                throw new ErrnoException("ioctl", Errno.EINVAL, "0x" + Long.toHexString(request));
            }
            return 0;
        }

        @Override
        public MemorySegment mmap(int fd, long length, long offset) {
            MemorySegment m = arena.allocate(length, PAGE);
            if (offset == 0) {
                calls.add("mmap MMIO");
                mmio = m;
            } else {
                calls.add("mmap DUS");
                dus = m;
            }
            return MemorySegment.ofAddress(m.address()).reinterpret(length);
        }

        @Override
        public void munmap(MemorySegment mapping) {
            calls.add(mapping.address() == mmio.address() ? "munmap MMIO" : "munmap DUS");
        }

        @Override
        public int poll(int fd, int events, int timeoutMillis) {
            return 0;
        }

        @Override
        public void close(int fd) {
            calls.add("close");
        }
    }
}
