package io.uacce.internal.barrier;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * A few machine-code bytes made callable from Java without a shipped native library: written into
 * a memfd through a read+write mapping, that mapping removed, then the memfd mapped read+execute
 * and the start of that mapping bound as a {@code void f(void)} downcall. No page of the process is
 * ever writable and executable at the same time (W^X holds also across the two views: the
 * writable one is gone before the executable one exists). The code page lives until the JVM exits.
 *
 * <p>Instruction-cache coherence on aarch64: the code is written before the executable mapping
 * exists; when that mapping first faults the page in, the kernel synchronises the I-cache for a
 * user executable page ({@code __sync_icache_dcache} in {@code set_pte_at}), so no user-space cache
 * maintenance is needed.
 *
 * <p>Refusals are reported as {@link ExecRefusedException} naming the step and errno: the memfd
 * itself (no {@code memfd_create}), {@code vm.memfd_noexec=2}, SELinux {@code execmem}/{@code
 * execmod}, a seccomp filter or a hardened kernel refusing {@code PROT_EXEC} of a shared mapping.
 * The downcalls here are this class's own (the syscall layer {@code io.uacce.internal.sys} is not
 * needed for five calls made once).
 */
public final class ExecStub {
    private static final int PROT_READ = 1;
    private static final int PROT_WRITE = 2;
    private static final int PROT_EXEC = 4;
    private static final int MAP_SHARED = 1;
    private static final int MFD_CLOEXEC = 1;
    /** Linux 6.3+: an executable memfd where {@code vm.memfd_noexec=1} makes noexec the default. */
    private static final int MFD_EXEC = 0x10;
    private static final int EINVAL = 22;

    private final MemorySegment code;
    private final MethodHandle call;

    private ExecStub(MemorySegment code, MethodHandle call) {
        this.code = code;
        this.call = call;
    }

    /** The executable (read-only) view of the code, for reading it back. */
    public MemorySegment code() {
        return code;
    }

    /**
     * The downcall {@code ()void}; critical (no thread-state transition), as the code neither
     * blocks nor calls back into the JVM.
     */
    public MethodHandle handle() {
        return call;
    }

    /** Calls the code once. */
    public void call() {
        try {
            call.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("executable stub call failed", t);
        }
    }

    /**
     * Maps {@code code} (whole instructions, ending in a return) read+execute and binds it.
     *
     * @throws ExecRefusedException where this process may not create executable memory
     */
    public static ExecStub create(String name, byte[] code) throws ExecRefusedException {
        if (code.length == 0 || code.length > 4096) {
            throw new IllegalArgumentException("stub of " + code.length + " bytes");
        }
        try (Arena call = Arena.ofConfined()) {
            Sys sys = Sys.get();
            long page = sys.pageSize();
            MemorySegment errno = call.allocate(Linker.Option.captureStateLayout());
            MemorySegment cname = call.allocateFrom(name);
            int fd = (int) sys.memfdCreate.invokeExact(errno, cname, MFD_CLOEXEC | MFD_EXEC);
            if (fd < 0 && sys.errno(errno) == EINVAL) { // kernel before 6.3: no MFD_EXEC flag
                fd = (int) sys.memfdCreate.invokeExact(errno, cname, MFD_CLOEXEC);
            }
            if (fd < 0) {
                throw new ExecRefusedException("memfd_create", sys.errno(errno));
            }
            try {
                if ((int) sys.ftruncate.invokeExact(errno, fd, page) != 0) {
                    throw new ExecRefusedException("ftruncate", sys.errno(errno));
                }
                MemorySegment w = sys.map(errno, page, PROT_READ | PROT_WRITE, fd, "mmap(PROT_WRITE)");
                MemorySegment.copy(MemorySegment.ofArray(code), 0, w, 0, code.length);
                if ((int) sys.munmap.invokeExact(errno, w, page) != 0) {
                    throw new ExecRefusedException("munmap", sys.errno(errno));
                }
                MemorySegment x = sys.map(errno, page, PROT_READ | PROT_EXEC, fd, "mmap(PROT_EXEC)");
                MethodHandle h = Linker.nativeLinker().downcallHandle(x, FunctionDescriptor.ofVoid(),
                        Linker.Option.critical(false));
                return new ExecStub(x.asSlice(0, code.length).asReadOnly(), h);
            } finally {
                int unused = (int) sys.close.invokeExact(errno, fd);
            }
        } catch (ExecRefusedException | IllegalArgumentException e) {
            throw e;
        } catch (Throwable t) {
            // IllegalCallerException: native access not enabled for this module; others: platform
            throw new ExecRefusedException(t);
        }
    }

    /** The five libc calls, bound on first use (never from a static initialiser of a caller). */
    private static final class Sys {
        private static Sys instance;

        final MethodHandle memfdCreate;
        final MethodHandle ftruncate;
        final MethodHandle mmap;
        final MethodHandle munmap;
        final MethodHandle close;
        final MethodHandle sysconf;
        private final long errnoOffset;

        private Sys() {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            Linker.Option errno = Linker.Option.captureCallState("errno");
            errnoOffset = Linker.Option.captureStateLayout()
                    .byteOffset(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
            memfdCreate = bind(linker, libc, "memfd_create", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), errno);
            ftruncate = bind(linker, libc, "ftruncate", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG), errno);
            mmap = bind(linker, libc, "mmap", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT,
                    JAVA_INT, JAVA_INT, JAVA_LONG), errno);
            munmap = bind(linker, libc, "munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG), errno);
            close = bind(linker, libc, "close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), errno);
            sysconf = bind(linker, libc, "sysconf", FunctionDescriptor.of(JAVA_LONG, JAVA_INT));
        }

        static synchronized Sys get() {
            if (instance == null) {
                instance = new Sys();
            }
            return instance;
        }

        private static MethodHandle bind(Linker linker, SymbolLookup libc, String name, FunctionDescriptor fd,
                Linker.Option... options) {
            MemorySegment sym = libc.find(name).orElseThrow(
                    () -> new UnsupportedOperationException(name + "() not in the C library"));
            return linker.downcallHandle(sym, fd, options);
        }

        int errno(MemorySegment state) {
            return state.get(JAVA_INT, errnoOffset);
        }

        long pageSize() throws Throwable {
            long p = (long) sysconf.invokeExact(30); // _SC_PAGESIZE (Linux)
            return p > 0 ? p : 4096;
        }

        MemorySegment map(MemorySegment errno, long len, int prot, int fd, String what) throws Throwable {
            MemorySegment m = (MemorySegment) mmap.invokeExact(errno, MemorySegment.NULL, len, prot, MAP_SHARED,
                    fd, 0L);
            if (m.address() == -1L) {
                throw new ExecRefusedException(what, errno(errno));
            }
            return m.reinterpret(len);
        }
    }
}
