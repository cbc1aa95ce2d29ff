package io.uacce.internal.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * FFM downcalls to the C library, one static final handle per function.
 *
 * <p>Every wrapper captures {@code errno} with {@code Linker.Option.captureCallState("errno")}
 * into a per-thread buffer ({@link Scratch}) and turns a failure into a {@link SyscallException}
 * naming the call, the errno and the subject (this layer's own type: it imports nothing above
 * it; {@code io.uacce.LinuxKernel} maps it to {@code io.uacce.ErrnoException}). Handles are looked up without throwing: a symbol
 * missing from this C library leaves its handle {@code null}, and the wrapper fails when called,
 * naming the function. Constants are the Linux values (identical on x86-64 and arm64).
 */
public final class Libc {

    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CLOEXEC = 0x80000;
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int MAP_SHARED = 1;
    public static final int MFD_CLOEXEC = 1;
    public static final int EFD_CLOEXEC = 0x80000;
    public static final int EFD_NONBLOCK = 0x800;
    public static final short POLLIN = 0x1;
    public static final short POLLERR = 0x8;
    public static final short POLLHUP = 0x10;
    public static final short POLLNVAL = 0x20;
    /** {@code EINTR} (asm-generic), the one errno this layer acts on itself. */
    static final int EINTR = 4;
    private static final int SC_PAGESIZE = 30;
    private static final long MAP_FAILED = -1L;

    private static final Linker LINKER = nativeLinker();
    private static final SymbolLookup LIBC = LINKER == null ? null : LINKER.defaultLookup();
    private static final Linker.Option ERRNO = errnoOption();

    private static final MethodHandle OPEN = bind("open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), ERRNO,
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = bind("close",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT), ERRNO);
    private static final MethodHandle IOCTL = bind("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), ERRNO,
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle MMAP = bind("mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG),
            ERRNO);
    private static final MethodHandle MUNMAP = bind("munmap",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG), ERRNO);
    private static final MethodHandle POLL = bind("poll",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), ERRNO);
    private static final MethodHandle GETPAGESIZE = bind("getpagesize",
            FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle SYSCONF = bind("sysconf",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT), ERRNO);
    private static final MethodHandle GETCPU = bind("getcpu",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), ERRNO);
    private static final MethodHandle SCHED_GETCPU = bind("sched_getcpu",
            FunctionDescriptor.of(JAVA_INT), ERRNO);
    private static final MethodHandle MEMFD_CREATE = bind("memfd_create",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), ERRNO);
    private static final MethodHandle FTRUNCATE = bind("ftruncate",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG), ERRNO);
    private static final MethodHandle PIPE2 = bind("pipe2",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), ERRNO);
    private static final MethodHandle EVENTFD = bind("eventfd",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), ERRNO);
    private static final MethodHandle WRITE = bind("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), ERRNO);
    private static final MethodHandle READ = bind("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), ERRNO);

    private Libc() {
    }

    private static Linker nativeLinker() {
        try {
            return Linker.nativeLinker();
        } catch (RuntimeException e) {
            return null; // unsupported platform: every wrapper then fails at call time
        }
    }

    private static Linker.Option errnoOption() {
        try {
            return Linker.Option.captureCallState("errno");
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static MethodHandle bind(String name, FunctionDescriptor fd, Linker.Option... options) {
        if (LIBC == null || ERRNO == null) {
            return null;
        }
        try {
            Optional<MemorySegment> sym = LIBC.find(name);
            return sym.map(s -> LINKER.downcallHandle(s, fd, options)).orElse(null);
        } catch (RuntimeException e) {
            // e.g. native access refused or an unsupported platform: fail at call time instead.
            return null;
        }
    }

    static MethodHandle need(MethodHandle h, String name) {
        if (h == null) {
            throw new NativeUnavailableException("the C library function " + name + "() is not available here ("
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                    + "); the native uacce path needs Linux with glibc or musl and"
                    + " --enable-native-access for module io.uacce.ffm");
        }
        return h;
    }

    /** Whether a libc function could be bound (symbol present, native access allowed). */
    public static boolean has(String function) {
        return switch (function) {
            case "open" -> OPEN != null;
            case "close" -> CLOSE != null;
            case "ioctl" -> IOCTL != null;
            case "mmap" -> MMAP != null;
            case "munmap" -> MUNMAP != null;
            case "poll" -> POLL != null;
            case "getcpu" -> GETCPU != null;
            case "sched_getcpu" -> SCHED_GETCPU != null;
            case "memfd_create" -> MEMFD_CREATE != null;
            case "eventfd" -> EVENTFD != null;
            case "pipe2" -> PIPE2 != null;
            default -> false;
        };
    }

    private static RuntimeException unexpected(String call, Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new NativeUnavailableException("unexpected failure in downcall " + call, t);
    }

    /** {@code open(path, flags, mode)}; retried on EINTR. */
    public static int open(String path, int flags, int mode) {
        MethodHandle h = need(OPEN, "open");
        Scratch s = Scratch.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cpath = arena.allocateFrom(path);
            while (true) {
                int fd;
                try {
                    fd = (int) h.invokeExact(s.callState, cpath, flags, mode);
                } catch (Throwable t) {
                    throw unexpected("open", t);
                }
                if (fd >= 0) {
                    return fd;
                }
                int err = s.errno();
                if (err != EINTR) {
                    throw new SyscallException("open", err, path);
                }
            }
        }
    }

    /** {@code close(fd)}; not retried on EINTR (Linux has released the descriptor then). */
    public static void close(int fd) {
        MethodHandle h = need(CLOSE, "close");
        Scratch s = Scratch.get();
        int r;
        try {
            r = (int) h.invokeExact(s.callState, fd);
        } catch (Throwable t) {
            throw unexpected("close", t);
        }
        if (r < 0 && s.errno() != EINTR) {
            throw new SyscallException("close", s.errno(), "fd " + fd);
        }
    }

    /**
     * {@code ioctl(fd, request, arg)}; {@code request} is the unsigned 32-bit code, passed as
     * {@code unsigned long}.
     *
     * @return the non-negative result
     */
    public static int ioctl(int fd, long request, MemorySegment arg) {
        MethodHandle h = need(IOCTL, "ioctl");
        Scratch s = Scratch.get();
        int r;
        try {
            r = (int) h.invokeExact(s.callState, fd, request, arg);
        } catch (Throwable t) {
            throw unexpected("ioctl", t);
        }
        if (r < 0) {
            throw new SyscallException("ioctl", s.errno(), requestSubject(fd, request));
        }
        return r;
    }

    /** {@code "fd 5, request 0xC004480A"}. */
    public static String requestSubject(int fd, long request) {
        return "fd " + fd + ", request 0x" + Long.toHexString(request).toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * {@code mmap(NULL, length, prot, flags, fd, offset)}.
     *
     * @return a global-scope segment of {@code length} bytes at the mapping
     */
    public static MemorySegment mmap(long length, int prot, int flags, int fd, long offset) {
        MethodHandle h = need(MMAP, "mmap");
        Scratch s = Scratch.get();
        MemorySegment addr;
        try {
            addr = (MemorySegment) h.invokeExact(s.callState, MemorySegment.NULL, length, prot, flags, fd,
                    offset);
        } catch (Throwable t) {
            throw unexpected("mmap", t);
        }
        if (addr.address() == MAP_FAILED) {
            throw new SyscallException("mmap", s.errno(),
                    "fd " + fd + ", length " + length + ", offset 0x" + Long.toHexString(offset));
        }
        return addr.reinterpret(length);
    }

    /** {@code munmap(address, length)}. */
    public static void munmap(long address, long length) {
        MethodHandle h = need(MUNMAP, "munmap");
        Scratch s = Scratch.get();
        int r;
        try {
            r = (int) h.invokeExact(s.callState, MemorySegment.ofAddress(address), length);
        } catch (Throwable t) {
            throw unexpected("munmap", t);
        }
        if (r < 0) {
            throw new SyscallException("munmap", s.errno(),
                    "address 0x" + Long.toHexString(address) + ", length " + length);
        }
    }

    /**
     * {@code poll} on one descriptor, using the thread's scratch {@code pollfd} (no allocation).
     * EINTR restarts the wait with the time that is left.
     *
     * @return the returned events ({@code revents}), 0 on timeout
     */
    public static int poll(int fd, int events, int timeoutMillis) {
        MethodHandle h = need(POLL, "poll");
        Scratch s = Scratch.get();
        MemorySegment p = s.pollfd;
        long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
        int timeout = timeoutMillis;
        while (true) {
            p.set(JAVA_INT, 0, fd);
            p.set(JAVA_SHORT, 4, (short) events);
            p.set(JAVA_SHORT, 6, (short) 0);
            int r;
            try {
                r = (int) h.invokeExact(s.callState, p, 1L, timeout);
            } catch (Throwable t) {
                throw unexpected("poll", t);
            }
            if (r > 0) {
                return p.get(JAVA_SHORT, 6) & 0xFFFF;
            }
            if (r == 0) {
                return 0;
            }
            int err = s.errno();
            if (err != EINTR) {
                throw new SyscallException("poll", err, "fd " + fd);
            }
            if (timeoutMillis > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return 0;
                }
                timeout = (int) Math.max(1, left / 1_000_000L);
            }
        }
    }

    /** The kernel page size: {@code getpagesize()}, else {@code sysconf(_SC_PAGESIZE)}. */
    public static long pageSize() {
        try {
            if (GETPAGESIZE != null) {
                int p = (int) GETPAGESIZE.invokeExact();
                if (p > 0) {
                    return p;
                }
            }
            MethodHandle h = need(SYSCONF, "sysconf");
            long p = (long) h.invokeExact(Scratch.get().callState, SC_PAGESIZE);
            if (p > 0) {
                return p;
            }
        } catch (Throwable t) {
            throw unexpected("getpagesize", t);
        }
        throw new NativeUnavailableException("getpagesize() and sysconf(_SC_PAGESIZE) gave no page size");
    }

    /**
     * The NUMA node of the CPU the calling thread runs on, from {@code getcpu()} (glibc 2.29+);
     * -1 when the C library lacks it or the call fails.
     */
    public static int currentNode() {
        if (GETCPU == null) {
            return -1;
        }
        Scratch s = Scratch.get();
        MemorySegment ints = s.twoInts;
        ints.set(JAVA_INT, 4, -1);
        int r;
        try {
            r = (int) GETCPU.invokeExact(s.callState, ints, ints.asSlice(4));
        } catch (Throwable t) {
            throw unexpected("getcpu", t);
        }
        return r == 0 ? ints.get(JAVA_INT, 4) : -1;
    }

    /** The CPU the calling thread runs on ({@code sched_getcpu()}), or -1. */
    public static int currentCpu() {
        if (SCHED_GETCPU == null) {
            return -1;
        }
        try {
            return (int) SCHED_GETCPU.invokeExact(Scratch.get().callState);
        } catch (Throwable t) {
            throw unexpected("sched_getcpu", t);
        }
    }

    /** {@code memfd_create(name, flags)}. */
    public static int memfdCreate(String name, int flags) {
        MethodHandle h = need(MEMFD_CREATE, "memfd_create");
        Scratch s = Scratch.get();
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) h.invokeExact(s.callState, arena.allocateFrom(name), flags);
            if (fd < 0) {
                throw new SyscallException("memfd_create", s.errno(), name);
            }
            return fd;
        } catch (Throwable t) {
            throw unexpected("memfd_create", t);
        }
    }

    /** {@code ftruncate(fd, length)}. */
    public static void ftruncate(int fd, long length) {
        MethodHandle h = need(FTRUNCATE, "ftruncate");
        Scratch s = Scratch.get();
        int r;
        try {
            r = (int) h.invokeExact(s.callState, fd, length);
        } catch (Throwable t) {
            throw unexpected("ftruncate", t);
        }
        if (r < 0) {
            throw new SyscallException("ftruncate", s.errno(), "fd " + fd + ", length " + length);
        }
    }

    /** {@code pipe2(fds, flags)}: returns {read end, write end}. */
    public static int[] pipe(int flags) {
        MethodHandle h = need(PIPE2, "pipe2");
        Scratch s = Scratch.get();
        int r;
        try {
            r = (int) h.invokeExact(s.callState, s.twoInts, flags);
        } catch (Throwable t) {
            throw unexpected("pipe2", t);
        }
        if (r < 0) {
            throw new SyscallException("pipe2", s.errno(), "");
        }
        return new int[] {s.twoInts.get(JAVA_INT, 0), s.twoInts.get(JAVA_INT, 4)};
    }

    /** {@code eventfd(initval, flags)}. */
    public static int eventfd(int initval, int flags) {
        MethodHandle h = need(EVENTFD, "eventfd");
        Scratch s = Scratch.get();
        int r;
        try {
            r = (int) h.invokeExact(s.callState, initval, flags);
        } catch (Throwable t) {
            throw unexpected("eventfd", t);
        }
        if (r < 0) {
            throw new SyscallException("eventfd", s.errno(), "");
        }
        return r;
    }

    /** {@code write(fd, buf, buf.byteSize())}: the number of bytes written. */
    public static long write(int fd, MemorySegment buf) {
        return transfer(WRITE, "write", fd, buf);
    }

    /** {@code read(fd, buf, buf.byteSize())}: the number of bytes read. */
    public static long read(int fd, MemorySegment buf) {
        return transfer(READ, "read", fd, buf);
    }

    private static long transfer(MethodHandle handle, String name, int fd, MemorySegment buf) {
        MethodHandle h = need(handle, name);
        Scratch s = Scratch.get();
        long r;
        try {
            r = (long) h.invokeExact(s.callState, fd, buf, buf.byteSize());
        } catch (Throwable t) {
            throw unexpected(name, t);
        }
        if (r < 0) {
            throw new SyscallException(name, s.errno(), "fd " + fd);
        }
        return r;
    }
}
