package io.uacce;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jnr.constants.platform.Fcntl;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue layer on the real kernel of this machine, with a regular file standing in for the
 * device node: open, MAP_SHARED regions at qfrt × page size, ioctl errors, poll and teardown are
 * real system calls, checked from outside through /proc/self and JNR-POSIX.
 */
class LinuxQueueTest {

    private static final POSIX JNR = POSIXFactory.getNativePOSIX();

    @TempDir
    Path tmp;

    private SysfsFixture fx;
    private Uacce host;
    private long page;
    private Path node;

    @BeforeEach
    void setUp() throws IOException {
        page = LinuxKernel.get().pageSize();
        fx = new SysfsFixture(tmp);
        Path d = fx.device("hisi_zip-0", 0, 1);
        SysfsFixture.write(d, "region_mmio_size", page + "\n");
        SysfsFixture.write(d, "region_dus_size", 2 * page + "\n");
        node = fx.dev.resolve("hisi_zip-0");
        Files.write(node, new byte[(int) (3 * page)]);
        host = Uacce.builder().sysfsRoot(fx.sysfs).devRoot(fx.dev).build();
        assertEquals("linux", host.kernel().name());
    }

    private static List<String> mapsOf(Path file) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(l -> l.endsWith(file.toAbsolutePath().toString())).toList();
    }

    private static boolean fdRefersTo(int fd, Path file) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).equals(file.toAbsolutePath());
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void regionsAreSharedMappingsAtQfrtTimesPageSize() throws IOException {
        UacceQueue q = host.open(host.selectOrThrow("zlib"));
        int fd = q.fd();
        assertTrue(fdRefersTo(fd, node));
        assertTrue((JNR.fcntl(fd, Fcntl.F_GETFD) & 1) != 0, "opened with O_CLOEXEC");
        MemorySegment mmio = q.map(Region.MMIO);
        MemorySegment dus = q.map(Region.DUS);
        assertEquals(page, mmio.byteSize());
        assertEquals(2 * page, dus.byteSize());
        List<String> maps = mapsOf(node);
        assertEquals(2, maps.size(), maps.toString());
        assertTrue(maps.stream().allMatch(l -> l.split("\\s+")[1].startsWith("rw-s")), "MAP_SHARED rw: " + maps);
        assertTrue(maps.stream().anyMatch(l -> Long.parseLong(l.split("\\s+")[2], 16) == page), "DUS at 1 page");
        dus.set(JAVA_LONG, 8, 0x0102030405060708L);
        mmio.set(JAVA_LONG, 0, -2L);
        q.close();
        assertTrue(mapsOf(node).isEmpty(), "unmapped");
        assertFalse(fdRefersTo(fd, node), "closed");
        assertThrows(IllegalStateException.class, () -> dus.get(JAVA_LONG, 8));
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(node)).order(ByteOrder.nativeOrder());
        assertEquals(0x0102030405060708L, file.getLong((int) page + 8), "write-through to file offset page+8");
        assertEquals(-2L, file.getLong(0));
    }

    @Test
    void ioctlsOnANonDeviceAreEnottyWithAHint() {
        try (UacceQueue q = host.open(host.devices().get(0))) {
            ErrnoException e = assertThrows(ErrnoException.class, () -> q.setContext(0));
            assertEquals(Errno.ENOTTY, e.errno());
            assertTrue(e.getMessage().contains("not a uacce/hisi_qm device"), e.getMessage());
            assertEquals(Errno.ENOTTY, assertThrows(ErrnoException.class, q::start).errno());
            assertEquals(QueueState.INIT, q.state());
            assertTrue(q.awaitEvent(10), "a regular file is always readable");
        }
    }

    @Test
    void deviceWithoutMmapIsEnodev() throws IOException {
        Files.delete(node);
        Files.createSymbolicLink(node, Path.of("/dev/null"));
        try (UacceQueue q = host.open(host.devices().get(0))) {
            ErrnoException e = assertThrows(ErrnoException.class, () -> q.map(Region.MMIO));
            assertEquals(Errno.ENODEV, e.errno());
            assertTrue(e.getMessage().contains("no mmap"), e.getMessage());
        } finally {
            Files.delete(node);
        }
    }

    @Test
    void missingNodeIsEnoentWithAHint() throws IOException {
        Files.delete(node);
        ErrnoException e = assertThrows(ErrnoException.class, () -> host.open(host.devices().get(0)));
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.getMessage().contains(node.toString()) && e.getMessage().contains("uacce.dev.root"),
                e.getMessage());
    }

    @Test
    void aForgottenQueueIsReleasedByTheCleaner() throws Exception {
        int fd = openAndForget();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while ((fdRefersTo(fd, node) || !mapsOf(node).isEmpty()) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(mapsOf(node).isEmpty(), "the cleaner unmapped the regions");
        assertFalse(fdRefersTo(fd, node), "the cleaner closed fd " + fd);
    }

    private int openAndForget() throws IOException {
        UacceQueue q = host.open(host.devices().get(0));
        q.map(Region.DUS).set(JAVA_LONG, 0, 1L);
        assertEquals(1, mapsOf(node).size());
        return q.fd();
    }
}
