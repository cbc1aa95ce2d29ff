package io.uacce.it;

import io.uacce.DeviceInfo;
import io.uacce.spi.UacceKernel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Raw region mapping on the CUSE mock (native-stubs/cuse, docs/cuse.md "The side channel"): a
 * CUSE node has no mmap (ENODEV), so {@code mmap(fd, length, qfrt × page)} is the mock-only ioctl
 * {@code HZC_MOCK_MMAP} (the daemon applies the kernel's checks and errnos, and names the queue's
 * region directory) followed by a shared mapping of the region file; {@code munmap} is the
 * reverse plus {@code HZC_MOCK_MUNMAP}. The suite's own reading of that ABI, independent of the
 * driver's {@code MockRegionFiles}: the errno tests compare the two.
 */
final class CuseRegions implements RawRegions {
    /** {@code _IOWR('W', 0x60, struct hzc_mock_region)}: u32 qfrt, u32 0, u64 length in; u64 token out. */
    static final long MOCK_MMAP = 0xC0185760L;
    /** {@code _IOW('W', 0x61, struct hzc_mock_region)}. */
    static final long MOCK_MUNMAP = 0x40185761L;
    private static final String[] FILES = {"mmio", "dus", "ss"};

    private final UacceKernel kernel;

    CuseRegions(UacceKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public MemorySegment map(DeviceInfo device, int fd, long length, long offset) {
        long page = kernel.pageSize();
        int qfrt = (int) (offset / page); // an unknown type is the daemon's EINVAL
        // the kernel's mmap handler sees whole pages; so does the daemon
        long token = regionIoctl(fd, MOCK_MMAP, qfrt, (length + page - 1) / page * page);
        Path file = regionDir(device).resolve("q" + Long.toUnsignedString(token)).resolve(FILES[qfrt]);
        int rfd = kernel.open(file.toString());
        try {
            return kernel.mmap(rfd, length, 0);
        } finally {
            kernel.close(rfd);
        }
    }

    @Override
    public void unmap(DeviceInfo device, int fd, MemorySegment mapping, long offset) {
        kernel.munmap(mapping);
        regionIoctl(fd, MOCK_MUNMAP, (int) (offset / kernel.pageSize()), 0);
    }

    private static Path regionDir(DeviceInfo device) {
        try {
            String rel = Files.readString(device.sysfsDir().resolve("cuse_mock_regions")).strip();
            return device.sysfsDir().resolve(rel).normalize();
        } catch (java.io.IOException e) {
            throw new AssertionError(device.name() + " has no readable cuse_mock_regions attribute: not the CUSE mock?", e);
        }
    }

    private long regionIoctl(int fd, long request, int qfrt, long length) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment arg = a.allocate(24, 8);
            arg.set(ValueLayout.JAVA_INT, 0, qfrt);
            arg.set(ValueLayout.JAVA_LONG, 8, length);
            kernel.ioctl(fd, request, arg);
            return arg.get(ValueLayout.JAVA_LONG, 16);
        }
    }
}
