package io.uacce.internal.sys;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Errno;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import jnr.constants.platform.Fcntl;
import jnr.constants.platform.Sysconf;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FFM syscall layer against real kernel objects of this machine (files, memfd, /dev/null,
 * pipes, eventfd), cross-checked with JNR-POSIX as an independent view of the same descriptors.
 */
class LibcTest {

    private static final POSIX JNR = POSIXFactory.getNativePOSIX();

    private static boolean isOpen(int fd) {
        return JNR.fcntl(fd, Fcntl.F_GETFD) != -1;
    }

    @Test
    void openMissingFileIsEnoentNamingThePath(@TempDir Path dir) {
        String path = dir.resolve("missing").toString();
        SyscallException e = assertThrows(SyscallException.class, () -> Libc.open(path, Libc.O_RDONLY, 0));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("open", e.call());
        assertTrue(e.getMessage().contains(path), e.getMessage());
    }

    @Test
    void openAndCloseARealFileSeenByJnr(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("data");
        Files.write(f, new byte[12345]);
        int fd = Libc.open(f.toString(), Libc.O_RDWR | Libc.O_CLOEXEC, 0);
        try {
            assertTrue(isOpen(fd));
            assertEquals(12345, JNR.fstat(fd).st_size());
            assertEquals(Files.getAttribute(f, "unix:ino"), JNR.fstat(fd).ino());
            assertTrue((JNR.fcntl(fd, Fcntl.F_GETFD) & 1) != 0, "O_CLOEXEC sets FD_CLOEXEC");
        } finally {
            Libc.close(fd);
        }
        assertTrue(!isOpen(fd), "fd " + fd + " must be closed");
        SyscallException e = assertThrows(SyscallException.class, () -> Libc.close(fd));
        assertEquals(Errno.EBADF, e.errno());
    }

    @Test
    void ioctlOnARegularFileIsEnotty(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("plain");
        Files.write(f, new byte[16]);
        int fd = Libc.open(f.toString(), Libc.O_RDWR, 0);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment arg = arena.allocate(4);
            SyscallException e = assertThrows(SyscallException.class, () -> Libc.ioctl(fd, 0xC004480AL, arg));
            assertEquals(Errno.ENOTTY, e.errno());
            assertTrue(e.getMessage().contains("0xC004480A"), e.getMessage());
            SyscallException e2 = assertThrows(SyscallException.class,
                    () -> Libc.ioctl(fd, 0x5700L, MemorySegment.NULL));
            assertEquals(Errno.ENOTTY, e2.errno());
        } finally {
            Libc.close(fd);
        }
    }

    @Test
    void ioctlOnAClosedFdIsEbadf() {
        int fd = Libc.eventfd(0, Libc.EFD_CLOEXEC);
        Libc.close(fd);
        SyscallException e = assertThrows(SyscallException.class, () -> Libc.ioctl(fd, 0x5701L, MemorySegment.NULL));
        assertEquals(Errno.EBADF, e.errno());
    }

    @Test
    void memfdSharedMappingWithOffsetWritesThrough() throws Exception {
        long page = Libc.pageSize();
        int fd = Libc.memfdCreate("uacce-test", Libc.MFD_CLOEXEC);
        try {
            Libc.ftruncate(fd, 3 * page);
            assertEquals(3 * page, JNR.fstat(fd).st_size());
            MemorySegment second = Libc.mmap(page, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, fd, page);
            MemorySegment whole = Libc.mmap(3 * page, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, fd, 0);
            try {
                assertEquals(page, second.byteSize());
                assertEquals(0, second.address() % page);
                second.set(JAVA_LONG, 8, 0x1122334455667788L);
                // the same file page seen through the other mapping
                assertEquals(0x1122334455667788L, whole.get(JAVA_LONG, page + 8));
                assertEquals(0L, whole.get(JAVA_LONG, 8));
                // and through the file itself, read by JNR with pread
                byte[] buf = new byte[8];
                assertEquals(8, JNR.pread(fd, buf, 8L, page + 8L));
                assertArrayEquals(MemorySegment.ofArray(new long[] {0x1122334455667788L})
                        .toArray(JAVA_BYTE), buf);
            } finally {
                Libc.munmap(second.address(), second.byteSize());
                Libc.munmap(whole.address(), whole.byteSize());
            }
        } finally {
            Libc.close(fd);
        }
    }

    @Test
    void mmapFailuresBecomeErrno() throws Exception {
        long page = Libc.pageSize();
        int nul = Libc.open("/dev/null", Libc.O_RDWR | Libc.O_CLOEXEC, 0);
        try {
            SyscallException e = assertThrows(SyscallException.class,
                    () -> Libc.mmap(page, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, nul, 0));
            assertEquals(Errno.ENODEV, e.errno());
            assertEquals("mmap", e.call());
        } finally {
            Libc.close(nul);
        }
        int fd = Libc.memfdCreate("uacce-test", Libc.MFD_CLOEXEC);
        try {
            Libc.ftruncate(fd, page);
            SyscallException e = assertThrows(SyscallException.class,
                    () -> Libc.mmap(page, Libc.PROT_READ, Libc.MAP_SHARED, fd, 100));
            assertEquals(Errno.EINVAL, e.errno(), "unaligned offset");
        } finally {
            Libc.close(fd);
        }
        SyscallException e = assertThrows(SyscallException.class,
                () -> Libc.mmap(page, Libc.PROT_READ, Libc.MAP_SHARED, fd, 0));
        assertEquals(Errno.EBADF, e.errno(), "closed fd");
    }

    @Test
    void pollOnAPipe() {
        int[] p = Libc.pipe(Libc.O_CLOEXEC);
        try {
            assertEquals(0, Libc.poll(p[0], Libc.POLLIN, 0), "empty pipe");
            assertEquals(0, Libc.poll(p[0], Libc.POLLIN, 20), "empty pipe after a wait");
            try (Arena arena = Arena.ofConfined()) {
                assertEquals(1, Libc.write(p[1], arena.allocate(1)));
            }
            assertEquals(Libc.POLLIN, Libc.poll(p[0], Libc.POLLIN, 1000) & Libc.POLLIN);
            Libc.close(p[1]);
            p[1] = -1;
            try (Arena arena = Arena.ofConfined()) {
                assertEquals(1, Libc.read(p[0], arena.allocate(1)));
            }
            assertEquals(Libc.POLLHUP, Libc.poll(p[0], Libc.POLLIN, 1000) & Libc.POLLHUP, "writer gone");
        } finally {
            Libc.close(p[0]);
            if (p[1] >= 0) {
                Libc.close(p[1]);
            }
        }
        assertEquals(Libc.POLLNVAL, Libc.poll(p[0], Libc.POLLIN, 0), "closed fd is POLLNVAL, not an error");
    }

    @Test
    void pollOnAnEventfdFromAnotherThread() throws Exception {
        int fd = Libc.eventfd(0, Libc.EFD_CLOEXEC);
        try {
            Thread writer = Thread.ofPlatform().start(() -> {
                try (Arena arena = Arena.ofConfined()) {
                    Thread.sleep(50);
                    MemorySegment one = arena.allocate(JAVA_LONG);
                    one.set(JAVA_LONG, 0, 1L);
                    Libc.write(fd, one);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertEquals(Libc.POLLIN, Libc.poll(fd, Libc.POLLIN, 5000));
            writer.join();
        } finally {
            Libc.close(fd);
        }
    }

    @Test
    void pageSizeAgreesWithJnrSysconf() {
        assertEquals(JNR.sysconf(Sysconf._SC_PAGESIZE), Libc.pageSize());
    }

    @Test
    void currentNodeIsAnExistingNodeOrUnknown() {
        int node = Libc.currentNode();
        if (Libc.has("getcpu")) {
            assertTrue(node >= 0, "getcpu is bound, so the node must be known");
            if (Files.isDirectory(Path.of("/sys/devices/system/node"))) {
                assertTrue(Files.isDirectory(Path.of("/sys/devices/system/node/node" + node)));
            }
        } else {
            assertEquals(-1, node);
        }
        assertNotEquals(-1, Libc.currentCpu());
    }

    @Test
    void aMissingFunctionFailsAtCallTimeNamingIt() {
        NativeUnavailableException e = assertThrows(NativeUnavailableException.class, () -> Libc.need(null, "frobnicate"));
        assertTrue(e.getMessage().contains("frobnicate()") && e.getMessage().contains("--enable-native-access"),
                e.getMessage());
        assertTrue(Libc.has("open") && Libc.has("ioctl") && Libc.has("mmap") && Libc.has("poll"));
        assertTrue(!Libc.has("frobnicate"));
    }
}
