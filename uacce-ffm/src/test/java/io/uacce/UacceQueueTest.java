package io.uacce;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.spi.UacceKernel;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Queue lifecycle, state machine and every error path, against a scripted kernel. */
class UacceQueueTest {

    private static final String START = ScriptedKernel.ioctlKey(UacceIoctl.START_Q);
    private static final String PUT = ScriptedKernel.ioctlKey(UacceIoctl.PUT_Q);
    private static final String CTX = ScriptedKernel.ioctlKey(UacceIoctl.QM_SET_QP_CTX);
    private static final String INFO = ScriptedKernel.ioctlKey(UacceIoctl.QM_SET_QP_INFO);
    private static final String SS_DMA = ScriptedKernel.ioctlKey(UacceIoctl.GET_SS_DMA);

    @TempDir
    Path tmp;

    private SysfsFixture fx;
    private ScriptedKernel kernel;
    private Uacce host;
    private DeviceInfo dev;

    @BeforeEach
    void setUp() {
        fx = new SysfsFixture(tmp);
        fx.device("hisi_zip-0", 0, 0);
        kernel = new ScriptedKernel();
        host = fx.host(kernel, 0);
        dev = host.devices().get(0);
    }

    private int callCount() {
        return kernel.calls.size();
    }

    @Test
    void uadkOrderSetUpAndTeardown() {
        AtomicInteger seenType = new AtomicInteger(-1);
        kernel.onIoctl(UacceIoctl.QM_SET_QP_CTX, arg -> {
            seenType.set(arg.get(JAVA_SHORT, 2));
            arg.set(JAVA_SHORT, 0, (short) 0x8123);
            return 0;
        });
        kernel.onIoctl(UacceIoctl.QM_SET_QP_INFO, arg -> {
            arg.set(JAVA_INT, 0, 128);
            arg.set(JAVA_SHORT, 4, (short) 1024);
            arg.set(JAVA_SHORT, 6, (short) 512);
            return 0;
        });
        UacceQueue q = host.open(dev);
        assertSame(dev, q.device());
        assertEquals(QueueState.INIT, q.state());
        MemorySegment dus = q.map(Region.DUS);
        MemorySegment mmio = q.map(Region.MMIO);
        assertEquals(151552, dus.byteSize());
        assertEquals(8192, mmio.byteSize());
        assertSame(dus, q.mapped(Region.DUS));
        assertEquals(0x8123, q.setContext(1), "qn is an unsigned 16-bit value");
        assertEquals(1, seenType.get());
        assertEquals(0x8123, q.queueNumber());
        assertEquals(new QueueInfo(128, 1024, 512, true), q.queryInfo());
        q.start();
        assertEquals(QueueState.STARTED, q.state());
        kernel.pollAnswer = UacceKernel.POLLIN | UacceKernel.POLLRDNORM;
        assertTrue(q.awaitEvent(5));
        kernel.pollAnswer = 0;
        assertFalse(q.awaitEvent(0));
        int fd = q.fd();
        q.close();
        assertEquals(QueueState.CLOSED, q.state());
        assertEquals(List.of("open " + fx.dev.resolve("hisi_zip-0"), "mmap:1 151552", "mmap:0 8192", CTX, INFO,
                START, "poll 5", "poll 0", PUT, "munmap 8192", "munmap 151552", "close " + fd), kernel.calls);
        assertTrue(kernel.openFds.isEmpty());
        assertTrue(kernel.liveMappings.isEmpty());
        q.close();
        assertEquals(12, callCount(), "close is idempotent");
    }

    @Test
    void closeWithoutStartSkipsPutQ() {
        UacceQueue q = host.open(dev);
        q.map(Region.MMIO);
        q.close();
        assertFalse(kernel.calls.contains(PUT));
        assertTrue(kernel.liveMappings.isEmpty());
    }

    @Test
    void wrongStateCallsAreRefusedBeforeTheKernel() {
        UacceQueue q = host.open(dev);
        q.start();
        int n = callCount();
        QueueStateException e = assertThrows(QueueStateException.class, q::start);
        assertTrue(e.getMessage().contains("start (START_Q)") && e.getMessage().contains("STARTED"), e.getMessage());
        e = assertThrows(QueueStateException.class, () -> q.setContext(0));
        assertTrue(e.getMessage().contains("before start()"), e.getMessage());
        assertEquals(n, callCount(), "refused calls do not reach the kernel");
        q.put();
        assertEquals(QueueState.RELEASED, q.state());
        n = callCount();
        for (Runnable r : List.<Runnable>of(q::start, q::put, () -> q.setContext(0), q::queryInfo,
                () -> q.map(Region.DUS), () -> q.awaitEvent(1), q::ssSlices)) {
            e = assertThrows(QueueStateException.class, r::run);
            assertTrue(e.getMessage().contains("RELEASED") && e.getMessage().contains("open a new queue"),
                    e.getMessage());
        }
        assertEquals(n, callCount());
        q.close();
        e = assertThrows(QueueStateException.class, q::start);
        assertTrue(e.getMessage().contains("CLOSED"), e.getMessage());
        assertThrows(QueueStateException.class, () -> q.unmap(Region.DUS));
        assertThrows(QueueStateException.class, () -> q.awaitEvent(0));
        assertEquals(-1, q.fd());
    }

    @Test
    void argumentErrorsAreRefusedBeforeTheKernel() {
        UacceQueue q = host.open(dev);
        int n = callCount();
        assertThrows(IllegalArgumentException.class, () -> q.setContext(2));
        assertThrows(IllegalArgumentException.class, () -> q.map(Region.DUS, 4096));
        assertThrows(IllegalArgumentException.class, () -> q.map(Region.MMIO, 8193));
        assertThrows(IllegalArgumentException.class, () -> q.map(Region.SS));
        assertThrows(IllegalArgumentException.class, () -> q.map(Region.SS, 0));
        assertThrows(IllegalArgumentException.class, () -> q.awaitEvent(-1));
        assertEquals(n, callCount());
        q.map(Region.MMIO, 4096);
        assertEquals("mmap:0 4096", kernel.calls.get(n), "a shorter MMIO mapping is allowed");
        q.close();
    }

    @Test
    void missingRegionSizeIsExplained() {
        SysfsFixture.delete(fx.sysfs.resolve("hisi_zip-0"), "region_dus_size");
        DeviceInfo d = host.devices().get(0);
        try (UacceQueue q = host.open(d)) {
            UacceException e = assertThrows(UacceException.class, () -> q.map(Region.DUS));
            assertTrue(e.getMessage().contains("region_dus_size"), e.getMessage());
        }
    }

    @Test
    void ebusyAtOpenSaysAllQueuesAreInUse() {
        kernel.failNext("open", Errno.EBUSY);
        ErrnoException e = assertThrows(ErrnoException.class, () -> host.open(dev));
        assertEquals(Errno.EBUSY, e.errno());
        assertTrue(e.getMessage().contains("all queues of hisi_zip-0 are in use (available_instances=0)"),
                e.getMessage());
        assertInstanceOf(ErrnoException.class, e.getCause());
        kernel.failNext("open", Errno.ENOENT);
        assertTrue(assertThrows(ErrnoException.class, () -> host.open(dev)).getMessage().contains("uacce.dev.root"));
        kernel.failNext("open", Errno.EACCES);
        assertTrue(assertThrows(ErrnoException.class, () -> host.open(dev)).getMessage().contains("permission"));
    }

    @Test
    void legacyLayoutDevicesAreRefusedAtOpen() {
        java.nio.file.Path d = fx.sysfs.resolve("hisi_zip-9");
        SysfsFixture.write(d, "attrs/api", "hisi_qm_v1\n");
        SysfsFixture.write(d, "attrs/flags", "0\n");
        SysfsFixture.write(d, "attrs/algorithms", "zlib\n");
        DeviceInfo legacy = DeviceInfo.read(d, fx.dev);
        int n = callCount();
        UacceException e = assertThrows(UacceException.class, () -> host.open(legacy));
        assertTrue(e.getMessage().contains("openEuler 4.19"), e.getMessage());
        assertEquals(n, callCount());
    }

    @Test
    void eexistFromTheKernelAndDoubleMap() {
        try (UacceQueue q = host.open(dev)) {
            q.map(Region.DUS);
            int n = callCount();
            QueueStateException twice = assertThrows(QueueStateException.class, () -> q.map(Region.DUS));
            assertTrue(twice.getMessage().contains("already mapped"), twice.getMessage());
            assertEquals(n, callCount());
            q.unmap(Region.DUS);
            kernel.failNext("mmap:1", Errno.EEXIST);
            ErrnoException e = assertThrows(ErrnoException.class, () -> q.map(Region.DUS));
            assertEquals(Errno.EEXIST, e.errno());
            assertTrue(e.getMessage().contains("still counts region DUS as mapped"), e.getMessage());
            assertEquals("mmap(DUS)", e.call());
            MemorySegment again = q.map(Region.DUS);
            assertEquals(151552, again.byteSize(), "re-map after munmap works on kernels with the 2023 fix");
        }
    }

    @Test
    void enxioMeansZombieForEveryCall() {
        for (String key : List.of(START, CTX, INFO, "mmap:1")) {
            UacceQueue q = host.open(dev);
            kernel.failNext(key, Errno.ENXIO);
            Runnable call = switch (key.substring(key.length() - 1)) {
                case "0" -> q::start;
                case "a" -> () -> q.setContext(0);
                case "b" -> q::queryInfo;
                default -> () -> q.map(Region.DUS);
            };
            QueueStateException e = assertThrows(QueueStateException.class, call::run, key);
            assertTrue(e.getMessage().contains("queue is a zombie: the device was removed or the queue was put;"
                    + " open a new queue"), e.getMessage());
            assertEquals(Errno.ENXIO, ((ErrnoException) e.getCause()).errno());
            assertEquals(QueueState.RELEASED, q.state(), key);
            q.close();
        }
    }

    @Test
    void einvalOnStartMeansAlreadyStarted() {
        try (UacceQueue q = host.open(dev)) {
            kernel.failNext(START, Errno.EINVAL);
            QueueStateException e = assertThrows(QueueStateException.class, q::start);
            assertTrue(e.getMessage().contains("already started"), e.getMessage());
            assertEquals(QueueState.INIT, q.state());
        }
    }

    @Test
    void otherKernelErrorsCarryHints() {
        try (UacceQueue q = host.open(dev)) {
            kernel.failNext(START, Errno.EPERM);
            ErrnoException e = assertThrows(ErrnoException.class, q::start);
            assertEquals("ioctl(START_Q)", e.call());
            assertTrue(e.getMessage().contains("0x5700") && e.getMessage().contains("not running"), e.getMessage());
            kernel.failNext(CTX, Errno.ENOTTY);
            e = assertThrows(ErrnoException.class, () -> q.setContext(0));
            assertTrue(e.getMessage().contains("0xC004480A") && e.getMessage().contains("not a uacce"),
                    e.getMessage());
            kernel.failNext("mmap:0", Errno.ENODEV);
            e = assertThrows(ErrnoException.class, () -> q.map(Region.MMIO));
            assertTrue(e.getMessage().contains("no mmap"), e.getMessage());
            assertEquals(QueueState.INIT, q.state());
        }
    }

    @Test
    void setQpInfoEinvalGivesTheUadkDefaults() {
        try (UacceQueue q = host.open(dev)) {
            kernel.failNext(INFO, Errno.EINVAL);
            assertEquals(QueueInfo.DEFAULT, q.queryInfo());
            assertFalse(QueueInfo.DEFAULT.reportedByKernel());
            kernel.onIoctl(UacceIoctl.QM_SET_QP_INFO, arg -> 0);
            UacceException e = assertThrows(UacceException.class, q::queryInfo);
            assertTrue(e.getMessage().contains("unusable geometry"), e.getMessage());
        }
    }

    /** How a kernel generation answers PUT_Q and what follows it (spec §1.4). */
    enum PutQEra {
        /** Before mid-2022: PUT_Q always 0, START afterwards EINVAL. */
        A,
        /** Mid-2022 to 2025, OLK, KAE: ZOMBIE, every later call ENXIO. */
        B,
        /** From late 2025: PUT_Q only stops; START afterwards succeeds. */
        C
    }

    @ParameterizedTest
    @EnumSource(PutQEra.class)
    void putQBehavesTheSameOnEveryEra(PutQEra era) {
        AtomicInteger puts = new AtomicInteger();
        kernel.onIoctl(UacceIoctl.PUT_Q, arg -> {
            if (era == PutQEra.B && puts.get() > 0) {
                throw new ErrnoException("ioctl", Errno.ENXIO, "");
            }
            puts.incrementAndGet();
            return 0;
        });
        kernel.onIoctl(UacceIoctl.START_Q, arg -> {
            if (puts.get() > 0 && era != PutQEra.C) {
                throw new ErrnoException("ioctl", era == PutQEra.A ? Errno.EINVAL : Errno.ENXIO, "");
            }
            return 0;
        });
        UacceQueue q = host.open(dev);
        q.map(Region.DUS);
        q.setContext(0);
        q.start();
        q.put();
        assertEquals(QueueState.RELEASED, q.state());
        int n = callCount();
        QueueStateException e = assertThrows(QueueStateException.class, q::start);
        assertTrue(e.getMessage().contains("was put (PUT_Q)"), e.getMessage());
        assertThrows(QueueStateException.class, q::put);
        assertEquals(n, callCount(), "nothing after PUT_Q reaches the kernel");
        q.unmap(Region.DUS);
        q.close();
        assertEquals(1, kernel.calls.stream().filter(PUT::equals).count(), "one PUT_Q in all");
        assertEquals(1, puts.get());
        assertTrue(kernel.openFds.isEmpty());
    }

    @Test
    void segmentsDieWithUnmapAndClose() {
        UacceQueue q = host.open(dev);
        MemorySegment dus = q.map(Region.DUS);
        MemorySegment mmio = q.map(Region.MMIO);
        dus.set(JAVA_LONG, dus.byteSize() - 8, 7L);
        assertEquals(7L, dus.get(JAVA_LONG, dus.byteSize() - 8));
        assertThrows(IndexOutOfBoundsException.class, () -> dus.get(JAVA_LONG, dus.byteSize()),
                "bounded to the region");
        q.unmap(Region.MMIO);
        assertNull(q.mapped(Region.MMIO));
        assertThrows(IllegalStateException.class, () -> mmio.get(JAVA_INT, 0));
        QueueStateException e = assertThrows(QueueStateException.class, () -> q.unmap(Region.MMIO));
        assertTrue(e.getMessage().contains("not mapped"), e.getMessage());
        q.close();
        assertThrows(IllegalStateException.class, () -> dus.get(JAVA_LONG, 0));
        assertTrue(kernel.liveMappings.isEmpty());
    }

    @Test
    void ssSlicesLoopUntilTheKernelSaysNoneLeft() {
        long[] encoded = {0x1_0000_0000L | 0x40, 0x2_0040_0000L | 0x40, 0x3_0000_0000L | 0x10};
        kernel.onIoctl(UacceIoctl.GET_SS_DMA, arg -> {
            int i = (int) arg.get(JAVA_LONG, 0);
            arg.set(JAVA_LONG, 0, encoded[i]);
            return encoded.length - 1 - i;
        });
        try (UacceQueue q = host.open(dev)) {
            QueueStateException e = assertThrows(QueueStateException.class, q::ssSlices);
            assertTrue(e.getMessage().contains("map(Region.SS"), e.getMessage());
            q.map(Region.SS, 9 << 20);
            assertEquals(List.of(new SsSlice(0x1_0000_0000L, 4 << 20), new SsSlice(0x2_0040_0000L, 4 << 20),
                    new SsSlice(0x3_0000_0000L, 1 << 20)), q.ssSlices());
            assertEquals(3, kernel.calls.stream().filter(SS_DMA::equals).count());
            q.start();
            assertThrows(QueueStateException.class, () -> q.unmap(Region.SS));
        }
    }

    @Test
    void ssSlicesRejectInconsistentCounts() {
        kernel.onIoctl(UacceIoctl.GET_SS_DMA, arg -> 5);
        try (UacceQueue q = host.open(dev)) {
            q.map(Region.SS, 1 << 16);
            UacceException e = assertThrows(UacceException.class, q::ssSlices);
            assertTrue(e.getMessage().contains("expected 4"), e.getMessage());
            kernel.failNext(SS_DMA, Errno.EINVAL);
            ErrnoException x = assertThrows(ErrnoException.class, q::ssSlices);
            assertTrue(x.getMessage().contains("openEuler"), x.getMessage());
        }
    }

    @Test
    void pollErrorsAreTyped() {
        try (UacceQueue q = host.open(dev)) {
            kernel.pollAnswer = QueueErrors.POLLNVAL;
            assertTrue(assertThrows(QueueStateException.class, () -> q.awaitEvent(1)).getMessage().contains("POLLNVAL"));
            kernel.pollAnswer = UacceKernel.POLLERR;
            assertTrue(assertThrows(QueueStateException.class, () -> q.awaitEvent(1)).getMessage().contains("zombie"));
            assertEquals(QueueState.RELEASED, q.state());
        }
    }

    @Test
    void closeRunsEveryStepAndThrowsTheFirstFailure() {
        UacceQueue q = host.open(dev);
        q.map(Region.DUS);
        q.map(Region.MMIO);
        q.start();
        kernel.failNext(PUT, Errno.EIO);
        kernel.failNext("munmap", Errno.EINVAL);
        ErrnoException e = assertThrows(ErrnoException.class, q::close);
        assertEquals("ioctl(PUT_Q)", e.call());
        assertEquals(1, e.getSuppressed().length);
        assertTrue(kernel.openFds.isEmpty(), "the fd is closed anyway");
        assertEquals(QueueState.CLOSED, q.state());
        q.close();
    }

    @Test
    void enxioFromPutQAtCloseIsNotAFailure() {
        UacceQueue q = host.open(dev);
        q.start();
        kernel.failNext(PUT, Errno.ENXIO);
        q.close();
        assertTrue(kernel.openFds.isEmpty());
    }

    @Test
    void decodeSlice() {
        assertEquals(new SsSlice(0xABCD_E000L, 0x0FFFL << 16), UacceQueue.decodeSlice(0xABCD_EFFFL));
        assertEquals(new SsSlice(0, 0), UacceQueue.decodeSlice(0));
    }

    @Test
    void aForgottenQueueIsReleasedAndTheLeakIsLogged() throws Exception {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            openStartAndForget();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!kernel.openFds.isEmpty() && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(20);
            }
        } finally {
            System.setErr(err);
        }
        assertTrue(kernel.openFds.isEmpty(), "the cleaner closed the fd");
        assertTrue(kernel.liveMappings.isEmpty(), "the cleaner unmapped the regions");
        int put = kernel.calls.indexOf(PUT);
        assertTrue(put > 0 && put < kernel.calls.indexOf("munmap 151552"), kernel.calls.toString());
        String text = log.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("WARN") && text.contains("was never closed"), text);
        assertTrue(text.contains("openStartAndForget"), "the log shows where the queue was opened: " + text);
    }

    private void openStartAndForget() {
        UacceQueue q = host.open(dev);
        q.map(Region.DUS);
        q.start();
    }
}
