package io.uacce;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.uacce.spi.UacceKernel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Region mapping for the CUSE mock device of {@code native-stubs/cuse} ONLY, never for a real one.
 *
 * <p>A CUSE character device cannot be mmap'ed (the kernel answers ENODEV), so the mock daemon
 * backs each queue's MMIO, DUS and SS regions with shared files and declares itself through a
 * sysfs attribute that no kernel writes, {@value #ATTRIBUTE}: a path, relative to the device's
 * sysfs directory, of its region directory. For such a device, and only then, a region is
 * mapped in two steps instead of {@code mmap(fd, length, qfrt × page)}:
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
 * ({@code _IOW('W', 0x61, 24 bytes)}). Everything goes through the same {@link UacceKernel}.
 */
final class MockRegionFiles {

    /** The sysfs attribute only the CUSE mock writes. */
    static final String ATTRIBUTE = "cuse_mock_regions";
    static final long MOCK_MMAP = 0xC0185760L;
    static final long MOCK_MUNMAP = 0x40185761L;
    private static final String[] FILES = {"mmio", "dus", "ss"};

    private final UacceKernel kernel;
    private final Path regionDir;

    private MockRegionFiles(UacceKernel kernel, Path regionDir) {
        this.kernel = kernel;
        this.regionDir = regionDir;
    }

    /** The mock's region files when {@code device} declares itself the CUSE mock, else {@code null}. */
    static MockRegionFiles forDevice(UacceKernel kernel, DeviceInfo device) {
        String rel = SysfsAttribute.read(device.sysfsDir().resolve(ATTRIBUTE));
        if (rel == null || rel.isBlank()) {
            return null;
        }
        return new MockRegionFiles(kernel, device.sysfsDir().resolve(rel.strip()).normalize());
    }

    Path regionDir() {
        return regionDir;
    }

    /**
     * The stand-in for {@code mmap(fd, length, qfrt × page)}: throws the {@link ErrnoException} that
     * mmap would; a region file that cannot be mapped is a {@link UacceException} naming the file.
     */
    MemorySegment mmap(int fd, Region region, long length) {
        // The kernel's mmap handler sees the length rounded up to whole pages; so does the daemon.
        long page = kernel.pageSize();
        long pages = length > Long.MAX_VALUE - page ? length : (length + page - 1) / page * page;
        long token = request(fd, MOCK_MMAP, region, pages);
        Path file = regionDir.resolve("q" + Long.toUnsignedString(token)).resolve(FILES[region.qfrt()]);
        long fileSize = fileSize(file); // -1: absent or unreadable, reported by open below
        if (fileSize >= 0 && fileSize < length) {
            // Mapping past the end of a file would raise SIGBUS on access: refuse instead.
            undo(fd, region);
            throw new UacceException("the " + region + " region file " + file + " of the CUSE mock is "
                    + fileSize + " bytes long, shorter than the " + length + " bytes to map; the daemon"
                    + " that serves the device must size it to the mapping (sysfs attribute " + ATTRIBUTE + ")");
        }
        try {
            int rfd = kernel.open(file.toString());
            try {
                return kernel.mmap(rfd, length, 0);
            } finally {
                kernel.close(rfd);
            }
        } catch (ErrnoException e) {
            undo(fd, region);
            throw new UacceException("cannot map the " + region + " region file " + file + " of the CUSE mock: "
                    + Errno.name(e.errno()) + "; the daemon that serves the device must share its region"
                    + " directory with this process (sysfs attribute " + ATTRIBUTE + ")", e);
        }
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }

    /** The stand-in for {@code munmap}: unmaps the file, then tells the daemon. */
    void munmap(int fd, Region region, MemorySegment raw) {
        kernel.munmap(raw);
        undo(fd, region);
    }

    private void undo(int fd, Region region) {
        try {
            request(fd, MOCK_MUNMAP, region, 0);
        } catch (ErrnoException e) {
            // the daemon accepts this in every state; a closed or dead queue needs no bookkeeping
        }
    }

    private long request(int fd, long cmd, Region region, long length) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment arg = arena.allocate(24, 8);
            arg.set(JAVA_INT, 0, region.qfrt());
            arg.set(JAVA_LONG, 8, length);
            kernel.ioctl(fd, cmd, arg);
            return arg.get(JAVA_LONG, 16);
        }
    }
}
