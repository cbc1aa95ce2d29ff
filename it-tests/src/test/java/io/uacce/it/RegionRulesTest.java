package io.uacce.it;

import static io.uacce.it.RawKernel.expectErrno;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.uacce.DeviceInfo;
import io.uacce.Errno;
import io.uacce.QueueInfo;
import io.uacce.QueueStateException;
import io.uacce.Region;
import io.uacce.UacceQueue;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Spec §1.2, §3.1: region selection by offset, size rules, EEXIST, zombie queues, lifetime. */
@ExtendWith(TargetExtension.class)
class RegionRulesTest {

    /** Raw mappings of one queue made by a test (through the target), unmapped at the end whatever happened. */
    private static final class RawMaps implements AutoCloseable {
        final RawRegions regions;
        final DeviceInfo device;
        final int fd;
        final Map<MemorySegment, Long> live = new LinkedHashMap<>();

        RawMaps(ConformanceTarget t, UacceQueue q) {
            this.regions = t.rawRegions();
            this.device = q.device();
            this.fd = q.fd();
        }

        MemorySegment map(long length, long offset) {
            MemorySegment m = regions.map(device, fd, length, offset);
            live.put(m, offset);
            return m;
        }

        void unmap(MemorySegment m) {
            regions.unmap(device, fd, m, live.remove(m));
        }

        @Override
        public void close() {
            for (MemorySegment m : List.copyOf(live.keySet())) {
                unmap(m);
            }
        }
    }

    @Test
    void regionsHaveTheSysfsSizesAndStartClean(ConformanceTarget t) {
        DeviceInfo d = t.device();
        try (UacceQueue q = t.host().open(d)) {
            MemorySegment dus = q.map(Region.DUS);
            MemorySegment mmio = q.map(Region.MMIO);
            assertEquals(d.regionSize(Region.DUS), dus.byteSize());
            assertEquals(d.regionSize(Region.MMIO), mmio.byteSize());
            QueueInfo info = q.queryInfo();
            long cqBase = (long) info.sqeSize() * info.sqDepth();
            for (long off = cqBase; off < cqBase + 16L * info.cqDepth(); off += 8) {
                assertEquals(0L, dus.get(ValueLayout.JAVA_LONG_UNALIGNED, off), "CQ is zeroed at open (§3.1), offset " + off);
            }
            assertEquals(0L, dus.get(ValueLayout.JAVA_LONG_UNALIGNED, dus.byteSize() - 8), "stop words clear at open");
        }
    }

    @Test
    void secondMapOfARegionIsEexist(ConformanceTarget t) {
        DeviceInfo d = t.device();
        long page = t.host().pageSize();
        try (UacceQueue q = t.host().open(d); RawMaps maps = new RawMaps(t, q)) {
            maps.map(d.regionSize(Region.MMIO), 0);
            expectErrno(Errno.EEXIST, "second mmap of MMIO", () -> maps.map(d.regionSize(Region.MMIO), 0));
            maps.map(d.regionSize(Region.DUS), page);
            expectErrno(Errno.EEXIST, "second mmap of DUS", () -> maps.map(d.regionSize(Region.DUS), page));
        }
        try (UacceQueue q = t.host().open(d)) {
            q.map(Region.MMIO);
            assertThrows(QueueStateException.class, () -> q.map(Region.MMIO), "the driver refuses it first");
        }
    }

    @Test
    void dusNeedsItsExactLength(ConformanceTarget t) {
        DeviceInfo d = t.device();
        long page = t.host().pageSize();
        long dus = d.regionSize(Region.DUS);
        try (UacceQueue q = t.host().open(d); RawMaps maps = new RawMaps(t, q)) {
            expectErrno(Errno.EINVAL, "DUS one page short", () -> maps.map(dus - page, page));
            expectErrno(Errno.EINVAL, "DUS one page long", () -> maps.map(dus + page, page));
            assertEquals(dus, maps.map(dus, page).byteSize());
        }
        try (UacceQueue q = t.host().open(d)) {
            assertThrows(IllegalArgumentException.class, () -> q.map(Region.DUS, dus - page), "the driver refuses it first");
        }
    }

    @Test
    void mmioMayBeShorterNotLonger(ConformanceTarget t) {
        DeviceInfo d = t.device();
        long page = t.host().pageSize();
        long mmio = d.regionSize(Region.MMIO);
        try (UacceQueue q = t.host().open(d); RawMaps maps = new RawMaps(t, q)) {
            expectErrno(Errno.EINVAL, "MMIO one page longer than region_mmio_size", () -> maps.map(mmio + page, 0));
            assertEquals(page, maps.map(page, 0).byteSize(), "MMIO of one page (shorter is accepted)");
        }
    }

    @Test
    void offsetBeyondTheRegionsIsEinval(ConformanceTarget t) {
        long page = t.host().pageSize();
        try (UacceQueue q = t.host().open(t.device()); RawMaps maps = new RawMaps(t, q)) {
            expectErrno(Errno.EINVAL, "mmap at 3 pages (no qfrt 3 anywhere)", () -> maps.map(page, 3 * page));
            expectErrno(Errno.EINVAL, "mmap at 64 pages", () -> maps.map(page, 64 * page));
        }
    }

    @Test
    void remapAfterMunmapFollowsTheKernel(ConformanceTarget t) {
        DeviceInfo d = t.device();
        try (UacceQueue q = t.host().open(d); RawMaps maps = new RawMaps(t, q)) {
            maps.unmap(maps.map(d.regionSize(Region.MMIO), 0));
            if (t.remapAfterMunmap()) {
                maps.map(d.regionSize(Region.MMIO), 0);
            } else {
                expectErrno(Errno.EEXIST, "re-map after munmap on kernels before the 2023 fix",
                        () -> maps.map(d.regionSize(Region.MMIO), 0));
            }
        }
    }

    @Test
    void mmapAfterPutFollowsTheEra(ConformanceTarget t) {
        DeviceInfo d = t.device();
        RawKernel raw = new RawKernel(t.host().kernel());
        try (UacceQueue q = t.host().open(d); RawMaps maps = new RawMaps(t, q)) {
            raw.ioctl(q.fd(), RawKernel.START_Q);
            raw.ioctl(q.fd(), RawKernel.PUT_Q);
            long mmio = d.regionSize(Region.MMIO);
            switch (t.era()) {
                case A -> expectErrno(Errno.EINVAL, "era A: mmap of a zombie", () -> maps.map(mmio, 0));
                case B -> expectErrno(Errno.ENXIO, "era B: mmap of a zombie", () -> maps.map(mmio, 0));
                case C -> assertEquals(mmio, maps.map(mmio, 0).byteSize(), "era C: a put queue is only stopped");
            }
        }
    }

    @Test
    void segmentsDieWithTheQueue(ConformanceTarget t) {
        UacceQueue q = t.host().open(t.device());
        MemorySegment dus = q.map(Region.DUS);
        MemorySegment mmio = q.map(Region.MMIO);
        dus.get(ValueLayout.JAVA_INT, 0);
        q.unmap(Region.MMIO);
        assertThrows(IllegalStateException.class, () -> mmio.get(ValueLayout.JAVA_INT, 0), "after unmap");
        dus.get(ValueLayout.JAVA_INT, 0);
        q.close();
        assertThrows(IllegalStateException.class, () -> dus.get(ValueLayout.JAVA_INT, 0), "after close");
    }
}
