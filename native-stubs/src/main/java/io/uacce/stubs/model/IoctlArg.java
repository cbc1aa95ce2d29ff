package io.uacce.stubs.model;

import io.uacce.Errno;
import io.uacce.ErrnoException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * copy_from_user / copy_to_user for ioctl arguments: a native argument is copied through
 * {@link ProcessMemory}, so a bad pointer gives EFAULT as in the kernel, never a crash.
 */
final class IoctlArg {
    private IoctlArg() {
    }

    static MemorySegment in(MemorySegment arg, int size, String call) {
        check(arg, size, call);
        MemorySegment copy = MemorySegment.ofArray(new byte[size]);
        if (!arg.isNative()) {
            MemorySegment.copy(arg, 0, copy, 0, size);
            return copy;
        }
        try (Arena a = Arena.ofConfined(); ProcessMemory pm = new ProcessMemory()) {
            MemorySegment buf = a.allocate(size);
            pm.read(arg.address(), buf, size);
            MemorySegment.copy(buf, 0, copy, 0, size);
            return copy;
        } catch (AddressFault f) {
            throw new ErrnoException(call, Errno.EFAULT, "argument at 0x" + Long.toHexString(arg.address()));
        }
    }

    static void out(MemorySegment arg, MemorySegment data, String call) {
        long size = data.byteSize();
        if (!arg.isNative()) {
            MemorySegment.copy(data, 0, arg, 0, size);
            return;
        }
        try (Arena a = Arena.ofConfined(); ProcessMemory pm = new ProcessMemory()) {
            MemorySegment buf = a.allocate(size);
            MemorySegment.copy(data, 0, buf, 0, size);
            pm.write(arg.address(), buf, size);
        } catch (AddressFault f) {
            throw new ErrnoException(call, Errno.EFAULT, "argument at 0x" + Long.toHexString(arg.address()));
        }
    }

    private static void check(MemorySegment arg, int size, String call) {
        if (arg == null || arg.equals(MemorySegment.NULL) || (arg.isNative() && arg.address() == 0)
                || arg.byteSize() < size) {
            throw new ErrnoException(call, Errno.EFAULT, "argument (needs " + size + " bytes)");
        }
    }

    /** A u16 field in native order (ioctl structs live in CPU memory). */
    static short u16(MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_SHORT_UNALIGNED, offset);
    }

    static void u16(MemorySegment s, long offset, int value) {
        s.set(ValueLayout.JAVA_SHORT_UNALIGNED, offset, (short) value);
    }
}
