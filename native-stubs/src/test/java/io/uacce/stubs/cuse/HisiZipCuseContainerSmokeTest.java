package io.uacce.stubs.cuse;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.DeviceInfo;
import io.uacce.Uacce;
import io.uacce.qm.QmOptions;
import io.uacce.qm.QmQueue;
import io.uacce.qm.QmRing;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The CUSE mock in a container, driven by the driver: discovery from the container's sysfs
 * tree, a queue through the mock's region files, one zlib compression through the QM ring (SVA:
 * the daemon reads and writes this JVM's memory), release, and clean stop. Runs where
 * {@code native-stubs/vm/with-docker-cuse.sh} sets HZC_CONTAINER_TESTS=1 (inside the VM with
 * dockerd and the imported image); a base for the conformance suite's CUSE target.
 */
@EnabledIfEnvironmentVariable(named = "HZC_CONTAINER_TESTS", matches = "1")
class HisiZipCuseContainerSmokeTest {

    /** A type-0 ZIP SQE for one stateless zlib block (written here, not taken from the codec). */
    private static void zlibSqe(MemorySegment sqe, MemorySegment src, int len, MemorySegment dst, int cap) {
        sqe.fill((byte) 0);
        sqe.set(JAVA_INT, 4 * 4, len);
        sqe.set(JAVA_INT, 7 * 4, (1 << 27) | (1 << 25));  // new stream, flush finish
        sqe.set(JAVA_INT, 9 * 4, 2);                        // zlib
        sqe.set(JAVA_INT, 13 * 4, 0x7E57);
        sqe.set(JAVA_INT, 14 * 4, cap);
        sqe.set(JAVA_INT, 18 * 4, (int) src.address());
        sqe.set(JAVA_INT, 19 * 4, (int) (src.address() >>> 32));
        sqe.set(JAVA_INT, 20 * 4, (int) dst.address());
        sqe.set(JAVA_INT, 21 * 4, (int) (dst.address() >>> 32));
    }

    @Test
    void driverCompressesThroughTheContainerizedDaemon() throws Exception {
        Path node0;
        Path sysfs;
        try (HisiZipCuseContainer mock = new HisiZipCuseContainer().withDevices(2).withDaemonOptions("--queues", "4")) {
            mock.start();
            node0 = mock.devicePath();
            sysfs = mock.sysfsRoot();
            assertTrue(Files.exists(node0));
            Uacce host = mock.uacce();
            List<DeviceInfo> devs = host.devices("zlib");
            assertEquals(List.of("hisi_zip-0", "hisi_zip-1"), devs.stream().map(DeviceInfo::name).toList());
            DeviceInfo dev = devs.get(0);
            assertTrue(dev.sva());
            assertEquals(4, dev.availableInstances());

            byte[] input = new byte[100_000];
            for (int i = 0; i < input.length; i++) {
                input[i] = (byte) ("uacce over CUSE in a container ".charAt(i % 31) + i / 5000);
            }
            for (QmOptions.WaitMode mode : QmOptions.WaitMode.values()) {
                QmOptions opts = QmOptions.builder().qcType(0).waitMode(mode).timeout(Duration.ofSeconds(20)).build();
                try (QmQueue q = QmQueue.open(host, dev, opts); Arena arena = Arena.ofConfined()) {
                    assertEquals(3, dev.availableInstances(), "open takes a queue");
                    MemorySegment src = arena.allocate(input.length, 4096);
                    MemorySegment.copy(input, 0, src, ValueLayout.JAVA_BYTE, 0, input.length);
                    MemorySegment dst = arena.allocate(input.length + 4096, 4096);
                    QmRing ring = q.ring();
                    int slot = ring.tryReserve();
                    zlibSqe(ring.sqe(slot), src, input.length, dst, (int) dst.byteSize());
                    ring.publish();
                    int done = ring.awaitCompletion(20, TimeUnit.SECONDS);
                    assertEquals(slot, done);
                    MemorySegment r = ring.sqe(done);
                    assertEquals(0, r.get(JAVA_INT, 3 * 4) & 0xFF, "status (" + mode + ")");
                    assertEquals(0x7E57, r.get(JAVA_INT, 13 * 4), "tag kept");
                    assertEquals(input.length, r.get(JAVA_INT, 0), "consumed");
                    int produced = r.get(JAVA_INT, 4);
                    ring.release(done);
                    Inflater inf = new Inflater(true);   // the device writes no zlib header
                    inf.setInput(dst.asSlice(0, produced).toArray(ValueLayout.JAVA_BYTE));
                    byte[] back = new byte[input.length + 1];
                    assertEquals(input.length, inf.inflate(back), "inflated length (" + mode + ")");
                    inf.end();
                    assertEquals(java.nio.ByteBuffer.wrap(input), java.nio.ByteBuffer.wrap(back, 0, input.length));
                }
                assertEquals(4, dev.availableInstances(), "close releases the queue");
            }
        }
        assertFalse(Files.exists(node0), "node removed on stop");
        assertFalse(Files.exists(sysfs.resolve("hisi_zip-0")), "sysfs tree removed on stop");
    }
}
