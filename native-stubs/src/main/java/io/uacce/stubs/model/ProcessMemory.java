package io.uacce.stubs.model;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * SVA-mode buffer access: the device reads and writes this process's memory with
 * {@code process_vm_readv} / {@code process_vm_writev} on its own pid. The kernel checks every
 * address and answers EFAULT (or a short count) for memory that is not mapped, so a bad address in
 * an SQE becomes an {@link AddressFault} instead of a SIGSEGV. One instance per device thread: it
 * owns its iovec and errno buffers.
 */
final class ProcessMemory implements ModelDeviceMemory, AutoCloseable {

    /** The downcalls, looked up once; a missing symbol leaves {@link #FAILURE} set. */
    private static final class Calls {
        static final MethodHandle READV;
        static final MethodHandle WRITEV;
        static final int PID;
        static final String FAILURE;
        static final StructLayout STATE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

        static {
            MethodHandle r = null;
            MethodHandle w = null;
            int pid = -1;
            String failure = null;
            try {
                Linker linker = Linker.nativeLinker();
                var libc = linker.defaultLookup();
                FunctionDescriptor fd = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                        ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_LONG);
                Linker.Option errno = Linker.Option.captureCallState("errno");
                r = linker.downcallHandle(libc.find("process_vm_readv").orElseThrow(), fd, errno);
                w = linker.downcallHandle(libc.find("process_vm_writev").orElseThrow(), fd, errno);
                MethodHandle getpid = linker.downcallHandle(libc.find("getpid").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT));
                pid = (int) getpid.invokeExact();
            } catch (Throwable t) {
                failure = t.toString();
            }
            READV = r;
            WRITEV = w;
            PID = pid;
            FAILURE = failure;
        }
    }

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment local = arena.allocate(16, 8);
    private final MemorySegment remote = arena.allocate(16, 8);
    private final MemorySegment state = arena.allocate(Calls.STATE);

    /** Null when process_vm_readv/writev can be used here, else why not. */
    static String unavailableReason() {
        return Calls.FAILURE;
    }

    @Override
    public void read(long address, MemorySegment dst, long length) throws AddressFault {
        transfer(true, address, dst, length);
    }

    @Override
    public void write(long address, MemorySegment src, long length) throws AddressFault {
        transfer(false, address, src, length);
    }

    private void transfer(boolean read, long address, MemorySegment buffer, long length) throws AddressFault {
        if (length == 0) {
            return;
        }
        if (Calls.FAILURE != null) {
            throw new AddressFault("SVA access unavailable: " + Calls.FAILURE);
        }
        long done = 0;
        while (done < length) {
            local.set(ValueLayout.JAVA_LONG, 0, buffer.address() + done);
            local.set(ValueLayout.JAVA_LONG, 8, length - done);
            remote.set(ValueLayout.JAVA_LONG, 0, address + done);
            remote.set(ValueLayout.JAVA_LONG, 8, length - done);
            long n;
            try {
                n = read
                        ? (long) Calls.READV.invokeExact(state, Calls.PID, local, 1L, remote, 1L, 0L)
                        : (long) Calls.WRITEV.invokeExact(state, Calls.PID, local, 1L, remote, 1L, 0L);
            } catch (Throwable t) {
                throw new IllegalStateException("process_vm call failed", t);
            }
            if (n <= 0) {
                int errno = n < 0 ? (int) Calls.ERRNO.get(state, 0L) : 0;
                throw new AddressFault(String.format("%s of %d bytes at 0x%x failed at +%d (errno %d)",
                        read ? "read" : "write", length, address, done, errno));
            }
            done += n;
        }
    }

    @Override
    public void close() {
        arena.close();
    }
}
