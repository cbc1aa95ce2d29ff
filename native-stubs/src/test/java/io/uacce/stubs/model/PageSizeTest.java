package io.uacce.stubs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Errno;
import io.uacce.spi.UacceKernel;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing in the model assumes 4 KiB pages (§2.2): region offsets are multiples of the page,
 * region sizes follow it, mappings are page-aligned, and a queue runs end to end at 4, 16 and
 * 64 KiB on any host page size.
 */
class PageSizeTest {

    @ParameterizedTest
    @ValueSource(longs = {4096, 16384, 65536})
    void regionRulesArePageRelative(long page) {
        try (ModelHost host = ModelHost.builder().pageSize(page).build()) {
            UacceKernel k = host.kernel();
            ModelDevice d = host.devices().get(0);
            assertEquals(page, k.pageSize());
            assertEquals(0, d.dusSize() % page, "DUS size in whole pages");
            assertEquals(Math.max(2 * 4096, page), d.mmioSize(), "V2 MMIO: the doorbell page at 0x1000, rounded to pages");
            int fd = k.open(host.devRoot().resolve(d.name()).toString());
            assertEquals(Errno.EINVAL, KernelStateTest.errno(() -> k.mmap(fd, page, 2 * page)), "no SS region upstream");
            assertEquals(Errno.EINVAL, KernelStateTest.errno(() -> k.mmap(fd, d.dusSize(), 4096 * 3)), "offset not a page multiple");
            assertEquals(Errno.EINVAL, KernelStateTest.errno(() -> k.mmap(fd, d.dusSize() - page, page)), "DUS length exact");
            MemorySegment dus = k.mmap(fd, d.dusSize(), page);
            MemorySegment mmio = k.mmap(fd, d.mmioSize(), 0);
            assertEquals(0, dus.address() % page, "DUS page-aligned");
            assertEquals(0, mmio.address() % page, "MMIO page-aligned");
            assertEquals(d.dusSize(), dus.byteSize());
            k.munmap(dus);
            k.munmap(mmio);
            k.close(fd);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {4096, 16384, 65536})
    void queueRunsEndToEnd(long page) {
        try (ModelHost host = ModelHost.builder().pageSize(page)
                .device(dev -> dev.engine(EngineKind.NULL).depth(16)).build();
             RawQueue q = RawQueue.open(host, 0)) {
            for (int i = 0; i < 40; i++) { // wraps the 16-entry ring twice: phase flips
                int slot = q.tail;
                MemorySegment s = q.next();
                s.set(RawQueue.DW, 16, 100 + i);
                s.set(RawQueue.DW, 13 * 4, 0x5000 + i);
                q.submit(1);
                assertEquals(slot, q.reap(true));
                assertEquals(100 + i, s.get(RawQueue.DW, 0), "consumed");
                assertEquals(0x5000 + i, s.get(RawQueue.DW, 13 * 4), "tag");
            }
            assertEquals(0, q.txStop());
            assertTrue(host.devices().get(0).completions() >= 40);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {16384, 65536})
    void dusHoldsTheRingAndTheStopWordsAtItsEnd(long page) {
        try (ModelHost host = ModelHost.builder().pageSize(page).build()) {
            ModelDevice d = host.devices().get(0);
            long ring = 128L * 1024 + 16L * 1024;
            // §2.2: ceil(ring / page) + 1 pages; the stop words live in the last page
            assertEquals(((ring + page - 1) / page + 1) * page, d.dusSize());
        }
    }

    @org.junit.jupiter.api.Test
    void defaultIsThisSystemsPageSize() {
        try (ModelHost host = ModelHost.builder().build()) {
            assertEquals(SystemPage.system(), host.pageSize());
        }
        assertTrue(Long.bitCount(SystemPage.system()) == 1 && SystemPage.system() >= 4096);
    }
}
