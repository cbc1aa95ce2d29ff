package io.uacce.internal.sys;

import io.uacce.spi.UacceKernel;
import java.lang.foreign.MemorySegment;

/**
 * The real Linux kernel behind {@link UacceKernel}: each method is one system call through
 * {@link Libc}. Regions are mapped {@code MAP_SHARED} with {@code PROT_READ | PROT_WRITE};
 * {@code MAP_FAILED} becomes an {@link io.uacce.ErrnoException}.
 */
public final class LinuxKernel implements UacceKernel {

    private static final LinuxKernel INSTANCE = new LinuxKernel();

    private volatile long pageSize;

    private LinuxKernel() {
    }

    /** The one instance (the kernel has no state on this side). */
    public static LinuxKernel get() {
        return INSTANCE;
    }

    @Override
    public String name() {
        return "linux";
    }

    @Override
    public long pageSize() {
        long p = pageSize;
        if (p == 0) {
            p = Libc.pageSize();
            pageSize = p;
        }
        return p;
    }

    @Override
    public int open(String path) {
        return Libc.open(path, Libc.O_RDWR | Libc.O_CLOEXEC, 0);
    }

    @Override
    public long ioctl(int fd, long request, MemorySegment arg) {
        return Libc.ioctl(fd, request, arg == null ? MemorySegment.NULL : arg);
    }

    @Override
    public MemorySegment mmap(int fd, long length, long offset) {
        return Libc.mmap(length, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, fd, offset);
    }

    @Override
    public void munmap(MemorySegment mapping) {
        Libc.munmap(mapping.address(), mapping.byteSize());
    }

    @Override
    public int poll(int fd, int events, int timeoutMillis) {
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("poll timeout must be >= 0 ms, got " + timeoutMillis);
        }
        return Libc.poll(fd, events, timeoutMillis);
    }

    @Override
    public void close(int fd) {
        Libc.close(fd);
    }

    @Override
    public String toString() {
        return "linux";
    }
}
