package io.uacce;

import io.uacce.internal.sys.Libc;
import io.uacce.internal.sys.NativeUnavailableException;
import io.uacce.internal.sys.SyscallException;
import io.uacce.spi.UacceKernel;
import java.lang.foreign.MemorySegment;

/**
 * The real Linux kernel behind {@link UacceKernel}: each method is one system call through
 * {@link Libc}. Regions are mapped {@code MAP_SHARED} with {@code PROT_READ | PROT_WRITE}.
 * This is where the syscall layer's errors become the public ones (rule 9 of issue 8: the
 * syscall layer imports nothing above it): a {@link SyscallException} becomes the
 * {@link ErrnoException} the SPI promises, a function that cannot be called here a
 * {@link UacceException}. Reached from outside this package through {@link Uacce#linuxKernel()}.
 */
final class LinuxKernel implements UacceKernel {

    private static final LinuxKernel INSTANCE = new LinuxKernel();

    private volatile long pageSize;

    private LinuxKernel() {
    }

    /** The one instance (the kernel has no state on this side). */
    static LinuxKernel get() {
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
            try {
                p = Libc.pageSize();
            } catch (NativeUnavailableException e) {
                throw unavailable(e);
            }
            pageSize = p;
        }
        return p;
    }

    /** The public error for a failed system call: the errno with its name and text. */
    static ErrnoException mapped(SyscallException e) {
        ErrnoException x = new ErrnoException(e.call(), e.errno(), e.subject());
        x.initCause(e);
        return x;
    }

    static UacceException unavailable(NativeUnavailableException e) {
        return new UacceException(e.getMessage(), e);
    }

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /**
     * Rule 7 (issue 8): the raw calls are reachable through the public SPI ({@code Uacce.kernel()}),
     * so a module without native access could map memory, unmap it and read it (a JVM crash)
     * through this module's grant. Calls from outside this module therefore need the caller's own
     * native access. Control path only (queue set-up and teardown): one stack walk per call.
     */
    private static void checkCaller(String call) {
        Class<?> caller = WALKER.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                .filter(c -> c != LinuxKernel.class).findFirst().orElse(LinuxKernel.class));
        Module m = caller.getModule();
        if (m != LinuxKernel.class.getModule() && !m.isNativeAccessEnabled()) {
            throw new IllegalCallerException(call + " through the uacce SPI needs native access for the calling "
                    + (m.isNamed() ? "module " + m.getName() : "unnamed module") + " (--enable-native-access="
                    + (m.isNamed() ? m.getName() : "ALL-UNNAMED") + "): the raw kernel calls can crash the JVM");
        }
    }

    @Override
    public int open(String path) {
        checkCaller("open");
        try {
            return Libc.open(path, Libc.O_RDWR | Libc.O_CLOEXEC, 0);
        } catch (SyscallException e) {
            throw mapped(e);
        } catch (NativeUnavailableException e) {
            throw unavailable(e);
        }
    }

    @Override
    public long ioctl(int fd, long request, MemorySegment arg) {
        checkCaller("ioctl");
        try {
            return Libc.ioctl(fd, request, arg == null ? MemorySegment.NULL : arg);
        } catch (SyscallException e) {
            throw mapped(e);
        } catch (NativeUnavailableException e) {
            throw unavailable(e);
        }
    }

    @Override
    public MemorySegment mmap(int fd, long length, long offset) {
        checkCaller("mmap");
        try {
            return Libc.mmap(length, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, fd, offset);
        } catch (SyscallException e) {
            throw mapped(e);
        } catch (NativeUnavailableException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void munmap(MemorySegment mapping) {
        checkCaller("munmap");
        try {
            Libc.munmap(mapping.address(), mapping.byteSize());
        } catch (SyscallException e) {
            throw mapped(e);
        } catch (NativeUnavailableException e) {
            throw unavailable(e);
        }
    }

    @Override
    public int poll(int fd, int events, int timeoutMillis) {
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("poll timeout must be >= 0 ms, got " + timeoutMillis);
        }
        try {
            return Libc.poll(fd, events, timeoutMillis);
        } catch (SyscallException e) {
            throw mapped(e);
        } catch (NativeUnavailableException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void close(int fd) {
        try {
            Libc.close(fd);
        } catch (SyscallException e) {
            throw mapped(e);
        } catch (NativeUnavailableException e) {
            throw unavailable(e);
        }
    }

    @Override
    public String toString() {
        return "linux";
    }
}
