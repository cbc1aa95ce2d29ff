package io.uacce.stubs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Errno;
import io.uacce.ErrnoException;
import io.uacce.spi.UacceKernel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The per-fd state machine and every errno of misuse (spec §1.2–§1.5, §3.8), at 4 KiB pages (PageSizeTest: 4, 16, 64 KiB). */
class KernelStateTest {
    private ModelHost host;

    @AfterEach
    void tearDown() {
        if (host != null) {
            host.close();
        }
    }

    static int errno(Executable call) {
        return assertThrows(ErrnoException.class, call).errno();
    }

    private String node() {
        return host.devRoot().resolve(host.devices().get(0).name()).toString();
    }

    private int available() throws Exception {
        return Integer.parseInt(Files.readString(host.sysfsRoot().resolve("hisi_zip-0/available_instances")).strip());
    }

    @Test
    void openTakesAnInstanceLiveAndRunsOutWithEbusy() throws Exception {
        host = ModelHost.builder().pageSize(4096).device(d -> d.queues(2)).build();
        UacceKernel k = host.kernel();
        assertEquals(2, available());
        int a = k.open(node());
        assertEquals(1, available());
        int b = k.open(node());
        assertEquals(0, available());
        assertEquals(Errno.EBUSY, errno(() -> k.open(node())));
        k.close(a);
        assertEquals(1, available());
        k.close(b);
        assertEquals(2, available());
        assertTrue(a >= 1_000_000 && b != a, "fake fds are large and distinct");
    }

    @Test
    void badDescriptorsAndPaths() {
        host = ModelHost.builder().pageSize(4096).build();
        UacceKernel k = host.kernel();
        assertEquals(Errno.EBADF, errno(() -> k.ioctl(3, ModelQueue.START_Q, MemorySegment.NULL)));
        assertEquals(Errno.EBADF, errno(() -> k.mmap(-1, 4096, 0)));
        assertEquals(Errno.EBADF, errno(() -> k.poll(12345678, UacceKernel.POLLIN, 0)));
        assertEquals(Errno.EBADF, errno(() -> k.close(0)));
        assertEquals(Errno.ENOENT, errno(() -> k.open(host.devRoot().resolve("hisi_zip-9").toString())));
        int fd = k.open(node());
        k.close(fd);
        assertEquals(Errno.EBADF, errno(() -> k.close(fd)));
    }

    @Test
    void ioctlRules() {
        host = ModelHost.builder().pageSize(4096).build();
        UacceKernel k = host.kernel();
        int fd = k.open(node());
        int fd2 = k.open(node());
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ctx = a.allocate(4);
            ctx.set(ValueLayout.JAVA_SHORT, 2, (short) 2);
            assertEquals(Errno.EINVAL, errno(() -> k.ioctl(fd, ModelQueue.SET_QP_CTX, ctx)));
            ctx.set(ValueLayout.JAVA_SHORT, 2, (short) 1);
            assertEquals(0, k.ioctl(fd2, ModelQueue.SET_QP_CTX, ctx));
            assertEquals(1, ctx.get(ValueLayout.JAVA_SHORT, 0), "second queue gets qn 1");
            MemorySegment info = a.allocate(16);
            info.set(ValueLayout.JAVA_LONG, 8, 0x1122334455667788L);
            assertEquals(0, k.ioctl(fd, ModelQueue.SET_QP_INFO, info));
            assertEquals(128, info.get(ValueLayout.JAVA_INT, 0));
            assertEquals(1024, info.get(ValueLayout.JAVA_SHORT, 4));
            assertEquals(1024, info.get(ValueLayout.JAVA_SHORT, 6));
            assertEquals(0x1122334455667788L, info.get(ValueLayout.JAVA_LONG, 8), "reserved echoed");
            assertEquals(Errno.EINVAL, errno(() -> k.ioctl(fd, 0x5777L, MemorySegment.NULL)));
            assertEquals(Errno.EINVAL, errno(() -> k.ioctl(fd, 0x80085703L, info)), "GET_SS_DMA needs no-SVA");
            MemorySegment bad = MemorySegment.ofAddress(16).reinterpret(4);
            assertEquals(Errno.EFAULT, errno(() -> k.ioctl(fd, ModelQueue.SET_QP_CTX, bad)));
            assertEquals(Errno.EFAULT, errno(() -> k.ioctl(fd, ModelQueue.SET_QP_CTX, MemorySegment.NULL)));
            assertEquals(0, k.ioctl(fd, ModelQueue.START_Q, MemorySegment.NULL));
            assertEquals(Errno.EINVAL, errno(() -> k.ioctl(fd, ModelQueue.START_Q, MemorySegment.NULL)));
        }
        k.close(fd);
        k.close(fd2);
    }

    @Test
    void oldKernelWithoutQpInfo() {
        host = ModelHost.builder().pageSize(4096).qpInfoSupported(false).build();
        int fd = host.kernel().open(node());
        try (Arena a = Arena.ofConfined()) {
            assertEquals(Errno.EINVAL, errno(() -> host.kernel().ioctl(fd, ModelQueue.SET_QP_INFO, a.allocate(16))));
        }
        host.kernel().close(fd);
    }

    @Test
    void mmapRules() {
        host = ModelHost.builder().pageSize(4096).build();
        UacceKernel k = host.kernel();
        ModelDevice d = host.devices().get(0);
        int fd = k.open(node());
        assertEquals(Errno.EINVAL, errno(() -> k.mmap(fd, d.dusSize() - 4096, 4096)), "DUS length exact");
        assertEquals(Errno.EINVAL, errno(() -> k.mmap(fd, d.mmioSize() + 4096, 0)), "MMIO too long");
        assertEquals(Errno.EINVAL, errno(() -> k.mmap(fd, 4096, 2 * 4096)), "no SS region upstream");
        assertEquals(Errno.EINVAL, errno(() -> k.mmap(fd, 4096, 100)), "unaligned offset");
        MemorySegment dus = k.mmap(fd, d.dusSize(), 4096);
        MemorySegment mmio = k.mmap(fd, 4096, 0); // shorter MMIO is allowed
        assertEquals(Errno.EEXIST, errno(() -> k.mmap(fd, d.dusSize(), 4096)));
        assertEquals(Errno.EEXIST, errno(() -> k.mmap(fd, 4096, 0)));
        // CQ and stop words are zero at open
        for (long off = 128L * 1024; off < dus.byteSize(); off += 8) {
            assertEquals(0L, dus.get(ValueLayout.JAVA_LONG, off), "offset " + off);
        }
        assertEquals(Errno.EINVAL, errno(() -> k.munmap(MemorySegment.ofAddress(dus.address()).reinterpret(8))));
        k.munmap(dus);
        MemorySegment again = k.mmap(fd, d.dusSize(), 4096); // allowed since the 2023 fix
        k.munmap(again);
        k.munmap(mmio);
        k.close(fd);
    }

    @Test
    void remapRefusedOnOldKernels() {
        host = ModelHost.builder().pageSize(4096).remapAfterMunmap(false).build();
        UacceKernel k = host.kernel();
        int fd = k.open(node());
        MemorySegment m = k.mmap(fd, 4096, 0);
        k.munmap(m);
        assertEquals(Errno.EEXIST, errno(() -> k.mmap(fd, 4096, 0)));
        k.close(fd);
    }

    @Test
    void closeWithMappingsDefersRelease() throws Exception {
        host = ModelHost.builder().pageSize(4096).device(d -> d.queues(4)).build();
        UacceKernel k = host.kernel();
        int fd = k.open(node());
        MemorySegment m = k.mmap(fd, 4096, 0);
        k.close(fd);
        assertEquals(3, available(), "a live mapping keeps the queue");
        assertEquals(1, host.devices().get(0).openQueues());
        k.munmap(m);
        assertEquals(4, available());
        assertEquals(0, host.devices().get(0).openQueues());
    }

    @Test
    void eraBPutQueueMakesAZombie() throws Exception {
        host = ModelHost.builder().pageSize(4096).device(d -> d.queues(4)).build();
        UacceKernel k = host.kernel();
        int fd = k.open(node());
        k.ioctl(fd, ModelQueue.START_Q, MemorySegment.NULL);
        assertEquals(0, k.ioctl(fd, ModelQueue.PUT_Q, MemorySegment.NULL));
        assertEquals(4, available(), "PUT_Q gives the hardware queue back");
        assertEquals(Errno.ENXIO, errno(() -> k.ioctl(fd, ModelQueue.PUT_Q, MemorySegment.NULL)));
        assertEquals(Errno.ENXIO, errno(() -> k.ioctl(fd, ModelQueue.START_Q, MemorySegment.NULL)));
        assertEquals(Errno.ENXIO, errno(() -> k.ioctl(fd, 0x5777L, MemorySegment.NULL)));
        assertEquals(Errno.ENXIO, errno(() -> k.mmap(fd, 4096, 0)));
        assertEquals(0, k.poll(fd, UacceKernel.POLLIN, 20));
        k.close(fd);
    }

    @Test
    void eraAPutQueueIsIdempotent() {
        host = ModelHost.builder().pageSize(4096).putQueueEra(PutQueueEra.A).build();
        UacceKernel k = host.kernel();
        int fd = k.open(node());
        k.ioctl(fd, ModelQueue.START_Q, MemorySegment.NULL);
        assertEquals(0, k.ioctl(fd, ModelQueue.PUT_Q, MemorySegment.NULL));
        assertEquals(0, k.ioctl(fd, ModelQueue.PUT_Q, MemorySegment.NULL));
        assertEquals(Errno.EINVAL, errno(() -> k.ioctl(fd, ModelQueue.START_Q, MemorySegment.NULL)));
        assertEquals(Errno.EINVAL, errno(() -> k.mmap(fd, 4096, 0)));
        try (Arena a = Arena.ofConfined()) {
            assertEquals(0, k.ioctl(fd, ModelQueue.SET_QP_CTX, a.allocate(4)), "still executed in era A");
        }
        k.close(fd);
    }

    @Test
    void eraCPutQueueOnlyStops() throws Exception {
        host = ModelHost.builder().pageSize(4096).putQueueEra(PutQueueEra.C).device(d -> d.queues(4)).build();
        UacceKernel k = host.kernel();
        int fd = k.open(node());
        assertEquals(0, k.ioctl(fd, ModelQueue.PUT_Q, MemorySegment.NULL), "INIT: no-op");
        k.ioctl(fd, ModelQueue.START_Q, MemorySegment.NULL);
        assertEquals(0, k.ioctl(fd, ModelQueue.PUT_Q, MemorySegment.NULL));
        assertEquals(3, available(), "the hardware queue is kept until release");
        assertEquals(0, k.ioctl(fd, ModelQueue.START_Q, MemorySegment.NULL), "restart allowed");
        k.close(fd);
        assertEquals(4, available());
    }

    @Test
    void pollNeedsATimeout() {
        host = ModelHost.builder().pageSize(4096).build();
        int fd = host.kernel().open(node());
        assertEquals(Errno.EINVAL, errno(() -> host.kernel().poll(fd, UacceKernel.POLLIN, -1)));
        assertEquals(0, host.kernel().poll(fd, UacceKernel.POLLIN, 0));
        host.kernel().close(fd);
        assertTrue(Files.exists(Path.of(node())));
    }
}
