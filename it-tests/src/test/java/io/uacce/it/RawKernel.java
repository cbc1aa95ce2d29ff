package io.uacce.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.uacce.Errno;
import io.uacce.ErrnoException;
import io.uacce.spi.UacceKernel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Raw kernel calls through {@code io.uacce.spi}, for checking the errno the kernel (or device
 * model) itself gives for a misuse the driver would refuse earlier. Request codes from spec §1.3.
 */
final class RawKernel {
    /** {@code _IO('W', 0)}. */
    static final long START_Q = 0x5700L;
    /** {@code _IO('W', 1)}. */
    static final long PUT_Q = 0x5701L;
    /** {@code _IOWR('H', 10, struct hisi_qp_ctx)}. */
    static final long SET_QP_CTX = 0xC004480AL;
    /** {@code _IOWR('H', 11, struct hisi_qp_info)}. */
    static final long SET_QP_INFO = 0xC010480BL;
    /** {@code _IO('W', 0x3F)}: no uacce or hisi_qm command has this number. */
    static final long UNKNOWN = 0x573FL;

    private final UacceKernel kernel;

    RawKernel(UacceKernel kernel) {
        this.kernel = kernel;
    }

    long ioctl(int fd, long request) {
        return kernel.ioctl(fd, request, MemorySegment.NULL);
    }

    /** SET_QP_CTX with {@code qcType}; returns the qn. */
    int setQpCtx(int fd, int qcType) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ctx = a.allocate(4, 4);
            ctx.set(ValueLayout.JAVA_SHORT, 2, (short) qcType);
            kernel.ioctl(fd, SET_QP_CTX, ctx);
            return ctx.get(ValueLayout.JAVA_SHORT, 0) & 0xFFFF;
        }
    }

    long setQpInfo(int fd) {
        try (Arena a = Arena.ofConfined()) {
            return kernel.ioctl(fd, SET_QP_INFO, a.allocate(16, 8));
        }
    }

    /** Runs a call that must fail with {@code errno}; the message names what was expected. */
    static void expectErrno(int errno, String what, Runnable call) {
        try {
            call.run();
        } catch (ErrnoException e) {
            assertEquals(Errno.name(errno), e.errnoName(), what + ": " + e.getMessage());
            return;
        }
        fail(what + ": expected " + Errno.name(errno) + ", but the call succeeded");
    }

    /** The errno a call fails with, or 0 when it succeeds. */
    static int errnoOf(Runnable call) {
        try {
            call.run();
            return 0;
        } catch (ErrnoException e) {
            return e.errno();
        }
    }
}
