package io.uacce.stubs.cuse;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.DeviceInfo;
import io.uacce.Errno;
import io.uacce.ErrnoException;
import io.uacce.Region;
import io.uacce.Uacce;
import io.uacce.UacceException;
import io.uacce.UacceQueue;
import io.uacce.spi.UacceKernel;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CUSE mock's kernel target without CUSE: the device node is a scripted stand-in for the
 * daemon (it answers the mock ioctls), the region files are real files mapped with the real
 * kernel of this machine; the driver's queue code above the SPI is unchanged.
 */
class CuseKernelTest {

    @TempDir
    Path tmp;

    private Path sysfs;
    private Path dev;
    private Path regions;
    private Path devDir;
    private DaemonStandIn daemon;
    private CuseKernel kernel;
    private long page;

    /** Answers the mock ioctls on the node's fd like the daemon; every other call is the real kernel. */
    static final class DaemonStandIn implements UacceKernel {
        static final int NODE_FD = 1_000_000;
        final UacceKernel linux = Uacce.linuxKernel();
        final String node;
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile long token = 7;
        volatile int failErrno;
        volatile int kickErrno;

        DaemonStandIn(String node) {
            this.node = node;
        }

        @Override
        public String name() {
            return "daemon stand-in";
        }

        @Override
        public long pageSize() {
            return linux.pageSize();
        }

        @Override
        public int open(String path) {
            if (path.equals(node)) {
                calls.add("open node");
                return NODE_FD;
            }
            calls.add("open " + Path.of(path).getFileName());
            return linux.open(path);
        }

        @Override
        public long ioctl(int fd, long request, MemorySegment arg) {
            if (fd != NODE_FD) {
                return linux.ioctl(fd, request, arg);
            }
            if (request == CuseKernel.MOCK_KICK) {
                calls.add(String.format("kick %x", arg.get(JAVA_LONG, 0)));
                if (kickErrno != 0) {
                    throw new ErrnoException("ioctl", kickErrno, "daemon");
                }
                return 0;
            }
            int qfrt = arg.byteSize() >= 24 ? arg.get(JAVA_INT, 0) : -1;
            long len = arg.byteSize() >= 24 ? arg.get(JAVA_LONG, 8) : -1;
            calls.add(String.format("ioctl %x qfrt %d len %d", request, qfrt, len));
            if (request == CuseKernel.MOCK_MMAP) {
                if (failErrno != 0) {
                    throw new ErrnoException("ioctl", failErrno, "daemon");
                }
                arg.set(JAVA_LONG, 16, token);
            }
            return 0;
        }

        @Override
        public MemorySegment mmap(int fd, long length, long offset) {
            if (fd == NODE_FD) {
                throw new ErrnoException("mmap", Errno.ENODEV, "a CUSE node has no mmap");
            }
            calls.add("mmap " + length + " @" + offset);
            return linux.mmap(fd, length, offset);
        }

        @Override
        public void munmap(MemorySegment mapping) {
            calls.add("munmap " + mapping.byteSize());
            linux.munmap(mapping);
        }

        @Override
        public int poll(int fd, int events, int timeoutMillis) {
            return 0;
        }

        @Override
        public void close(int fd) {
            if (fd == NODE_FD) {
                calls.add("close node");
                return;
            }
            calls.add("close file");
            linux.close(fd);
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        page = Uacce.linuxKernel().pageSize();
        sysfs = tmp.resolve("class-uacce");
        dev = tmp.resolve("dev");
        devDir = sysfs.resolve("hisi_zip-0");
        write(devDir, "api", "hisi_qm_v2\n");
        write(devDir, "flags", "1\n");
        write(devDir, "algorithms", "zlib\ngzip\n");
        write(devDir, "available_instances", "4\n");
        write(devDir, "device/numa_node", "0\n");
        write(devDir, "region_mmio_size", 2 * page + "\n");
        write(devDir, "region_dus_size", 3 * page + "\n");
        write(dev, "hisi_zip-0", "");
        regions = tmp.resolve("regions/hisi_zip-0");
        Files.createDirectories(regions.resolve("q7"));
        Files.write(regions.resolve("q7/mmio"), new byte[(int) (2 * page)]);
        byte[] dus = new byte[(int) (3 * page)];
        dus[100] = 42;
        Files.write(regions.resolve("q7/dus"), dus);
        daemon = new DaemonStandIn(dev.resolve("hisi_zip-0").toString());
        kernel = new CuseKernel(daemon, sysfs);
    }

    private static void write(Path dir, String file, String content) throws IOException {
        Path p = dir.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private void declareMock() throws IOException {
        // the daemon writes a path relative to the device's sysfs directory
        write(devDir, CuseKernel.ATTRIBUTE, devDir.relativize(regions) + "\n");
    }

    private Uacce host() {
        return Uacce.builder().kernel(kernel).sysfsRoot(sysfs).devRoot(dev).build();
    }

    private static List<String> mapsOf(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.filter(l -> l.endsWith(file.toAbsolutePath().toString())).toList();
        }
    }

    @Test
    void aDeviceWithoutTheAttributeIsMappedThroughTheNode() {
        Uacce h = host();
        DeviceInfo d = h.devices().get(0);
        assertNull(kernel.regionDir(d.devicePath().toString()));
        try (UacceQueue q = h.open(d)) {
            ErrnoException e = assertThrows(ErrnoException.class, () -> q.map(Region.DUS));
            assertEquals(Errno.ENODEV, e.errno(), "mmap on the node itself, as on a real kernel");
        }
        assertTrue(daemon.calls.stream().noneMatch(c -> c.startsWith("ioctl c0185760")), daemon.calls.toString());
    }

    @Test
    void regionDirectoryIsResolvedFromTheDeviceDirectory() throws IOException {
        declareMock();
        assertEquals(regions.normalize(), kernel.regionDir(host().devices().get(0).devicePath().toString()));
        assertTrue(kernel.memoryBackedDoorbells(), "the daemon reads the doorbell word from memory");
        try (UacceQueue q = host().open(host().devices().get(0))) {
            assertTrue(q.memoryBackedDoorbells());
        }
    }

    @Test
    void mapsTheFilesTheDaemonNamesAndWritesThrough() throws IOException {
        declareMock();
        Uacce h = host();
        UacceQueue q = h.open(h.devices().get(0));
        MemorySegment dus = q.map(Region.DUS);
        MemorySegment mmio = q.map(Region.MMIO, page);
        assertEquals(3 * page, dus.byteSize());
        assertEquals(page, mmio.byteSize());
        assertEquals(42, dus.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 100), "the daemon's file content");
        dus.set(JAVA_LONG, 3 * page - 8, 0x1122334455667788L);
        mmio.set(JAVA_LONG, 0x1000 % page, 0x0000_0003_0000_0005L);
        assertEquals(List.of("open node",
                String.format("ioctl %x qfrt 1 len %d", CuseKernel.MOCK_MMAP, 3 * page),
                "open dus", "mmap " + 3 * page + " @0", "close file",
                String.format("ioctl %x qfrt 0 len %d", CuseKernel.MOCK_MMAP, page),
                "open mmio", "mmap " + page + " @0", "close file"), daemon.calls);
        assertEquals(1, mapsOf(regions.resolve("q7/dus")).size());
        q.unmap(Region.MMIO);
        assertTrue(mapsOf(regions.resolve("q7/mmio")).isEmpty(), "unmapped");
        assertEquals(String.format("ioctl %x qfrt 0 len 0", CuseKernel.MOCK_MUNMAP),
                daemon.calls.get(daemon.calls.size() - 1), "the daemon is told");
        q.close();
        assertTrue(mapsOf(regions.resolve("q7/dus")).isEmpty());
        assertTrue(daemon.calls.contains(String.format("ioctl %x qfrt 1 len 0", CuseKernel.MOCK_MUNMAP)));
        assertEquals("close node", daemon.calls.get(daemon.calls.size() - 1));
        assertThrows(IllegalStateException.class, () -> dus.get(JAVA_LONG, 0));
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(regions.resolve("q7/dus"))).order(ByteOrder.nativeOrder());
        assertEquals(0x1122334455667788L, file.getLong((int) (3 * page - 8)), "shared mapping wrote the file");
        byte[] m = Files.readAllBytes(regions.resolve("q7/mmio"));
        assertEquals(5, m[(int) (0x1000 % page)]);
    }

    @Test
    void aRewrittenDoorbellIsSentToTheDaemonAsAKick() throws IOException {
        String node = dev.resolve("hisi_zip-0").toString();
        int plain = kernel.open(node);
        kernel.doorbellRewritten(plain, 0x1234L);
        assertTrue(daemon.calls.stream().noneMatch(c -> c.startsWith("kick")), "no region files, no kick: " + daemon.calls);
        declareMock();
        int fd = kernel.open(node);
        kernel.doorbellRewritten(fd, 0x0001_0002_0000_1005L);
        assertEquals("kick 1000200001005", daemon.calls.get(daemon.calls.size() - 1), "the word, as ioctl 0x40085764");
        daemon.kickErrno = Errno.ENXIO;
        kernel.doorbellRewritten(fd, 7);
        assertEquals("kick 7", daemon.calls.get(daemon.calls.size() - 1), "a dead queue's errno is ignored");
        daemon.kickErrno = Errno.EINVAL;
        kernel.doorbellRewritten(fd, 8);
        kernel.doorbellRewritten(fd, 9);
        assertEquals("kick 8", daemon.calls.get(daemon.calls.size() - 1), "a daemon without the ioctl: no more kicks");
    }

    @Test
    void theDaemonsErrnoIsTheMmapErrno() throws IOException {
        declareMock();
        daemon.failErrno = Errno.EEXIST;
        Uacce h = host();
        try (UacceQueue q = h.open(h.devices().get(0))) {
            ErrnoException e = assertThrows(ErrnoException.class, () -> q.map(Region.DUS));
            assertEquals(Errno.EEXIST, e.errno());
            assertNull(q.mapped(Region.DUS));
        }
        assertTrue(daemon.calls.stream().noneMatch(c -> c.startsWith("open dus")));
    }

    @Test
    void aMissingRegionFileIsAClearErrorAndIsUndone() throws IOException {
        declareMock();
        daemon.token = 8;
        Uacce h = host();
        try (UacceQueue q = h.open(h.devices().get(0))) {
            UacceException e = assertThrows(UacceException.class, () -> q.map(Region.DUS));
            assertEquals(Errno.ENOENT, ((ErrnoException) e.getCause()).errno());
            assertTrue(e.getMessage().contains("ENOENT"), e.getMessage());
            assertTrue(e.getMessage().contains(regions.resolve("q8/dus").toString()), e.getMessage());
            assertTrue(e.getMessage().contains(CuseKernel.ATTRIBUTE), e.getMessage());
            assertEquals(String.format("ioctl %x qfrt 1 len 0", CuseKernel.MOCK_MUNMAP),
                    daemon.calls.get(daemon.calls.size() - 1), "the daemon's bookkeeping is undone");
        }
        assertFalse(Files.exists(regions.resolve("q8")));
    }

    @Test
    void aRegionFileShorterThanTheMappingIsRefusedInsteadOfRaisingSigbusLater() throws IOException {
        declareMock();
        Files.write(regions.resolve("q7/dus"), new byte[(int) page]); // the daemon sized it wrongly
        Uacce h = host();
        try (UacceQueue q = h.open(h.devices().get(0))) {
            UacceException e = assertThrows(UacceException.class, () -> q.map(Region.DUS));
            assertTrue(e.getMessage().contains(page + " bytes long, shorter than the " + 3 * page), e.getMessage());
            assertNull(q.mapped(Region.DUS));
            assertEquals(String.format("ioctl %x qfrt 1 len 0", CuseKernel.MOCK_MUNMAP),
                    daemon.calls.get(daemon.calls.size() - 1), "the daemon's bookkeeping is undone");
        }
        assertTrue(daemon.calls.stream().noneMatch(c -> c.startsWith("mmap")), daemon.calls.toString());
    }

    @Test
    void theDaemonSeesTheLengthRoundedUpToPagesAsTheKernelWould() throws IOException {
        declareMock();
        Files.write(regions.resolve("q7/mmio"), new byte[(int) (2 * page)]);
        Uacce h = host();
        try (UacceQueue q = h.open(h.devices().get(0))) {
            MemorySegment mmio = q.map(Region.MMIO, page + 8);
            assertEquals(page + 8, mmio.byteSize(), "the segment keeps the length asked for");
        }
        assertTrue(daemon.calls.contains(String.format("ioctl %x qfrt 0 len %d", CuseKernel.MOCK_MMAP, 2 * page)),
                daemon.calls.toString());
    }
}
