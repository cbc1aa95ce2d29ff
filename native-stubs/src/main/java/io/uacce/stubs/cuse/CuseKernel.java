package io.uacce.stubs.cuse;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.uacce.Errno;
import io.uacce.ErrnoException;
import io.uacce.Uacce;
import io.uacce.UacceException;
import io.uacce.spi.UacceKernel;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kernel ABI of the CUSE mock daemon (native-stubs/cuse): the real Linux kernel, except for
 * mmap. A CUSE character device cannot be mapped (the kernel answers ENODEV, docs/abi.md §6), so
 * the daemon backs each queue's MMIO, DUS and SS regions with shared files and names their
 * directory in a sysfs attribute no kernel writes, {@value #ATTRIBUTE} (a path relative to the
 * device's sysfs directory). For a device node opened through this kernel whose device declares
 * it, a region is mapped in two steps instead of {@code mmap(fd, length, qfrt × page)}:
 * <ol>
 *   <li>the mock-only ioctl {@code HZC_MOCK_MMAP} ({@code _IOWR('W', 0x60, 24 bytes)}: u32 qfrt,
 *       u32 0, u64 length in, rounded up to whole pages as the kernel's mmap handler sees it;
 *       u64 token out) lets the daemon apply the kernel's mmap checks and fail with the same
 *       errno (EEXIST, EINVAL, ENXIO);</li>
 *   <li>the file {@code <region dir>/q<token>/{mmio,dus,ss}} is mapped shared, length bytes at
 *       offset 0, after checking that the file is at least that long (a mapping past the end of
 *       a file raises SIGBUS on access).</li>
 * </ol>
 * Unmapping unmaps the file and tells the daemon with {@code HZC_MOCK_MUNMAP}
 * ({@code _IOW('W', 0x61, 24 bytes)}). Everything else is the real kernel. The doorbell word is
 * plain memory the daemon reads: {@link #memoryBackedDoorbells()} is true, and a doorbell the ring
 * writes again is also sent as {@code HZC_MOCK_KICK} ({@link #doorbellRewritten}).
 *
 * <p>This is target scaffolding behind the driver's SPI seam: the driver core knows nothing of
 * CUSE (issue 8, §3). Use it as {@code Uacce.builder().kernel(new CuseKernel(sysfsRoot))}, or as
 * {@code -Duacce.target=cuse -Duacce.sysfs.root=<the daemon's tree>} ({@link CuseKernelProvider}).
 */
public final class CuseKernel implements UacceKernel {

    /** The sysfs attribute only the CUSE mock writes. */
    public static final String ATTRIBUTE = "cuse_mock_regions";
    static final long MOCK_MMAP = 0xC0185760L;
    static final long MOCK_MUNMAP = 0x40185761L;
    static final long MOCK_KICK = 0x40085764L;
    private static final String[] FILES = {"mmio", "dus", "ss"};

    private record Mapped(int fd, int qfrt) {
    }

    private final UacceKernel linux;
    private final Path sysfsRoot;
    /** Open device nodes whose device serves region files: fd → region directory. */
    private final Map<Integer, Path> regionDirs = new ConcurrentHashMap<>();
    /** Live region-file mappings: address → (node fd, region). */
    private final Map<Long, Mapped> mapped = new ConcurrentHashMap<>();
    /** Set when a daemon answered HZC_MOCK_KICK with EINVAL (a daemon from before it): no more kicks. */
    private volatile boolean kickUnknown;

    /** The CUSE mock whose sysfs tree is {@code sysfsRoot}, on the real kernel. */
    public CuseKernel(Path sysfsRoot) {
        this(Uacce.linuxKernel(), sysfsRoot);
    }

    /** As {@link #CuseKernel(Path)} on another kernel (tests give a stand-in for the daemon). */
    public CuseKernel(UacceKernel linux, Path sysfsRoot) {
        this.linux = Objects.requireNonNull(linux, "linux");
        this.sysfsRoot = Objects.requireNonNull(sysfsRoot, "sysfsRoot");
    }

    @Override
    public String name() {
        return "cuse mock (" + linux.name() + " + region files)";
    }

    @Override
    public boolean memoryBackedDoorbells() {
        return true;
    }

    @Override
    public long pageSize() {
        return linux.pageSize();
    }

    /** The region directory the device named by the node's file name declares, or null. */
    Path regionDir(String nodePath) {
        Path name = Path.of(nodePath).getFileName();
        if (name == null) {
            return null;
        }
        Path deviceDir = sysfsRoot.resolve(name.toString());
        String rel;
        try {
            rel = Files.readString(deviceDir.resolve(ATTRIBUTE), StandardCharsets.US_ASCII).strip();
        } catch (IOException | SecurityException e) {
            return null; // not a region-file device (a regular file, or another device)
        }
        return rel.isEmpty() ? null : deviceDir.resolve(rel).normalize();
    }

    @Override
    public int open(String path) {
        Path dir = regionDir(path);
        int fd = linux.open(path);
        if (dir != null) {
            regionDirs.put(fd, dir);
        }
        return fd;
    }

    @Override
    public long ioctl(int fd, long request, MemorySegment arg) {
        return linux.ioctl(fd, request, arg);
    }

    /**
     * The daemon polls the doorbell word in its mapping of the region file and cannot latch the
     * driver's stores; a rewritten doorbell (re-kick, SQ echo) also goes through the mock-only
     * ioctl {@code HZC_MOCK_KICK} ({@code _IOW('W', 0x64, u64)}): the daemon takes the word as a
     * latched doorbell and wakes the queue's engine thread (docs/cuse.md, "Engine"). Errors are
     * ignored (a queue that died meanwhile; a daemon without the ioctl: EINVAL, then no more kicks).
     */
    @Override
    public void doorbellRewritten(int fd, long word) {
        if (kickUnknown || !regionDirs.containsKey(fd)) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment arg = arena.allocate(8, 8);
            arg.set(JAVA_LONG, 0, word);
            linux.ioctl(fd, MOCK_KICK, arg);
        } catch (ErrnoException e) {
            if (e.errno() == Errno.EINVAL) {
                kickUnknown = true;
            }
        }
    }

    /**
     * The stand-in for {@code mmap(fd, length, qfrt × page)} on a region-file device: throws the
     * {@link ErrnoException} that mmap would; a region file that cannot be mapped is a
     * {@link UacceException} naming the file.
     */
    @Override
    public MemorySegment mmap(int fd, long length, long offset) {
        Path dir = regionDirs.get(fd);
        if (dir == null) {
            return linux.mmap(fd, length, offset);
        }
        long page = linux.pageSize();
        int qfrt = offset % page == 0 && offset / page < FILES.length ? (int) (offset / page) : -1;
        if (qfrt < 0) {
            throw new ErrnoException("mmap", Errno.EINVAL, "offset 0x" + Long.toHexString(offset) + " of fd " + fd);
        }
        // The kernel's mmap handler sees the length rounded up to whole pages; so does the daemon.
        long pages = length > Long.MAX_VALUE - page ? length : (length + page - 1) / page * page;
        long token = request(fd, MOCK_MMAP, qfrt, pages);
        Path file = dir.resolve("q" + Long.toUnsignedString(token)).resolve(FILES[qfrt]);
        long fileSize = fileSize(file); // -1: absent or unreadable, reported by open below
        if (fileSize >= 0 && fileSize < length) {
            // Mapping past the end of a file would raise SIGBUS on access: refuse instead.
            undo(fd, qfrt);
            throw new UacceException("the " + FILES[qfrt] + " region file " + file + " of the CUSE mock is "
                    + fileSize + " bytes long, shorter than the " + length + " bytes to map; the daemon"
                    + " that serves the device must size it to the mapping (sysfs attribute " + ATTRIBUTE + ")");
        }
        MemorySegment m;
        try {
            int rfd = linux.open(file.toString());
            try {
                m = linux.mmap(rfd, length, 0);
            } finally {
                linux.close(rfd);
            }
        } catch (ErrnoException e) {
            undo(fd, qfrt);
            throw new UacceException("cannot map the " + FILES[qfrt] + " region file " + file + " of the CUSE mock: "
                    + Errno.name(e.errno()) + "; the daemon that serves the device must share its region"
                    + " directory with this process (sysfs attribute " + ATTRIBUTE + ")", e);
        }
        mapped.put(m.address(), new Mapped(fd, qfrt));
        return m;
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }

    /** Unmaps; for a region file, then tells the daemon. */
    @Override
    public void munmap(MemorySegment mapping) {
        Mapped m = mapped.remove(mapping.address());
        linux.munmap(mapping);
        if (m != null) {
            undo(m.fd(), m.qfrt());
        }
    }

    private void undo(int fd, int qfrt) {
        try {
            request(fd, MOCK_MUNMAP, qfrt, 0);
        } catch (ErrnoException e) {
            // the daemon accepts this in every state; a closed or dead queue needs no bookkeeping
        }
    }

    private long request(int fd, long cmd, int qfrt, long length) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment arg = arena.allocate(24, 8);
            arg.set(JAVA_INT, 0, qfrt);
            arg.set(JAVA_LONG, 8, length);
            linux.ioctl(fd, cmd, arg);
            return arg.get(JAVA_LONG, 16);
        }
    }

    @Override
    public int poll(int fd, int events, int timeoutMillis) {
        return linux.poll(fd, events, timeoutMillis);
    }

    @Override
    public void close(int fd) {
        regionDirs.remove(fd);
        linux.close(fd);
    }

    @Override
    public String toString() {
        return name();
    }
}
