package io.uacce.stubs.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.uacce.Errno;
import io.uacce.spi.UacceKernel;
import java.io.ByteArrayInputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;

/** openEuler no-SVA mode: SS region, GET_SS_DMA, DMA addresses in SQEs (spec §1.4, §1.6). */
class NoSvaTest {
    static final long GET_SS_DMA = 0x80085703L;

    @Test
    void ssSlicesAndZipThroughDmaAddresses() throws Exception {
        try (ModelHost host = ModelHost.builder()
                .device(d -> d.addressMode(AddressMode.NO_SVA_NOIOMMU).depth(16)).build();
                RawQueue q = RawQueue.open(host, 0);
                Arena a = Arena.ofConfined()) {
            UacceKernel k = q.kernel;
            MemorySegment arg = a.allocate(8);
            assertEquals(Errno.EINVAL, KernelStateTest.errno(() -> k.ioctl(q.fd, GET_SS_DMA, arg)), "no SS yet");
            long len = 9L << 20;
            MemorySegment ss = k.mmap(q.fd, len, 2 * k.pageSize());
            List<Long> dma = new ArrayList<>();
            long left;
            int i = 0;
            do {
                arg.set(ValueLayout.JAVA_LONG, 0, i++);
                left = k.ioctl(q.fd, GET_SS_DMA, arg);
                dma.add(arg.get(ValueLayout.JAVA_LONG, 0));
            } while (left > 0);
            assertEquals(3, dma.size(), "4 MiB slices in noiommu mode");
            assertEquals(64, dma.get(0) & 0xFFF, "size in 64 KiB units");
            assertEquals(16, dma.get(2) & 0xFFF);
            arg.set(ValueLayout.JAVA_LONG, 0, 3);
            assertEquals(Errno.EINVAL, KernelStateTest.errno(() -> k.ioctl(q.fd, GET_SS_DMA, arg)));

            byte[] in = ModelZipEngineTest.sample(100_000);
            MemorySegment.copy(in, 0, ss, ValueLayout.JAVA_BYTE, 0, in.length);
            long src = dma.get(0) & ~0xFFFL;
            long dst = dma.get(1) & ~0xFFFL; // second slice = ss + 4 MiB
            MemorySegment s = q.next();
            s.set(RawQueue.DW, 16, in.length);
            s.set(RawQueue.DW, 28, 1 << 27 | 1 << 25); // new stream, finish, stateless, type 0
            s.set(RawQueue.DW, 36, 2);
            s.set(RawQueue.DW, 56, 1 << 20);
            s.set(RawQueue.QW, 72, src);
            s.set(RawQueue.QW, 80, dst);
            q.submit(1);
            q.reap(true);
            assertEquals(0, s.get(RawQueue.DW, 12));
            int produced = s.get(RawQueue.DW, 4);
            byte[] z = ss.asSlice(4L << 20, produced).toArray(ValueLayout.JAVA_BYTE);
            byte[] back = new InflaterInputStream(new ByteArrayInputStream(
                    ModelZipEngineTest.concat(ModelZipEngineTest.ZLIB_HEADER, z))).readAllBytes();
            assertArrayEquals(in, back);

            // a process virtual address means nothing to a no-SVA device
            s = q.next();
            s.set(RawQueue.DW, 16, 100);
            s.set(RawQueue.DW, 28, 1 << 27 | 1 << 25);
            s.set(RawQueue.DW, 36, 2);
            s.set(RawQueue.DW, 56, 4096);
            s.set(RawQueue.QW, 72, ss.address());
            s.set(RawQueue.QW, 80, dst);
            q.submit(1);
            q.reap(true);
            assertEquals(ModelStatus.ADDRESS_FAULT, s.get(RawQueue.DW, 12));
            k.munmap(ss);
        }
    }

    @Test
    void iommuModeHasOneSlice() {
        try (ModelHost host = ModelHost.builder().device(d -> d.addressMode(AddressMode.NO_SVA_IOMMU)).build();
                Arena a = Arena.ofConfined()) {
            UacceKernel k = host.kernel();
            int fd = k.open(host.devRoot().resolve("hisi_zip-0").toString());
            MemorySegment ss = k.mmap(fd, 9L << 20, 2 * k.pageSize());
            MemorySegment arg = a.allocate(8);
            assertEquals(0, k.ioctl(fd, GET_SS_DMA, arg));
            assertEquals(144, arg.get(ValueLayout.JAVA_LONG, 0) & 0xFFF);
            assertEquals(Errno.EEXIST, KernelStateTest.errno(() -> k.mmap(fd, 4096, 2 * k.pageSize())));
            k.munmap(ss);
            k.close(fd);
        }
    }
}
