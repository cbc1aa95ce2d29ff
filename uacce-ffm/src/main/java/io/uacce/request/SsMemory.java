package io.uacce.request;

import io.uacce.SsSlice;
import io.uacce.UacceException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * No-SVA (openEuler/KAE): the device reaches only the SS region; SQEs carry the DMA addresses
 * GET_SS_DMA reports. The slices lie back to back in the mapping; a buffer never straddles two
 * slices (each slice is DMA-contiguous, the whole region need not be). First-fit allocator.
 */
final class SsMemory implements OwnedMemory {
    private final MemorySegment region;
    private final List<SsSlice> slices;
    private final long[] sliceStart;
    /** Free ranges as [start, end) offsets into the region, sorted. */
    private final List<long[]> free = new ArrayList<>();
    private final String property;
    private long allocated;

    SsMemory(MemorySegment region, List<SsSlice> slices, String property) {
        this.region = region;
        this.property = property;
        this.slices = List.copyOf(slices);
        this.sliceStart = new long[slices.size() + 1];
        long off = 0;
        for (int i = 0; i < slices.size(); i++) {
            sliceStart[i] = off;
            free.add(new long[] {off, Math.min(off + slices.get(i).size(), region.byteSize())});
            off += slices.get(i).size();
        }
        sliceStart[slices.size()] = off;
    }

    @Override
    public synchronized MemorySegment allocate(long size) {
        long need = (size + 63) & ~63L;
        for (int i = 0; i < free.size(); i++) {
            long[] r = free.get(i);
            long start = (r[0] + 63) & ~63L;
            if (r[1] - start >= need) {
                if (start > r[0]) {
                    free.add(i, new long[] {r[0], start});
                    i++;
                }
                r[0] = start + need;
                if (r[0] == r[1]) {
                    free.remove(i);
                }
                MemorySegment s = region.asSlice(start, size);
                s.fill((byte) 0);
                allocated += need;
                return s;
            }
        }
        throw new UacceException("the SS region (" + region.byteSize() + " bytes in " + slices.size()
                + " DMA slices) has no room for " + size + " more bytes: raise " + property
                + " or use fewer concurrent sessions");
    }

    @Override
    public synchronized void free(MemorySegment segment) {
        long start = segment.address() - region.address();
        long end = (start + segment.byteSize() + 63) & ~63L;
        allocated -= end - start;
        free.add(new long[] {start, Math.min(end, region.byteSize())});
        free.sort((a, b) -> Long.compare(a[0], b[0]));
        for (int i = free.size() - 1; i > 0; i--) { // merge neighbours within one slice
            long[] a = free.get(i - 1);
            long[] b = free.get(i);
            if (a[1] == b[0] && sliceOf(a[0]) == sliceOf(b[0])) {
                a[1] = b[1];
                free.remove(i);
            }
        }
    }

    @Override
    public long deviceAddress(MemorySegment segment) {
        if (!segment.isNative()) {
            return -1;
        }
        long off = segment.address() - region.address();
        if (off < 0 || off + segment.byteSize() > region.byteSize()) {
            return -1;
        }
        int i = sliceOf(off);
        if (i < 0 || off + segment.byteSize() > sliceStart[i + 1]) {
            return -1; // straddles two slices: not DMA-contiguous
        }
        return slices.get(i).dmaAddress() + (off - sliceStart[i]);
    }

    @Override
    public boolean owns(MemorySegment segment) {
        long off = segment.address() - region.address();
        return segment.isNative() && off >= 0 && off + segment.byteSize() <= region.byteSize();
    }

    private int sliceOf(long off) {
        for (int i = 0; i < slices.size(); i++) {
            if (off >= sliceStart[i] && off < sliceStart[i + 1]) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public synchronized long allocatedBytes() {
        return allocated;
    }

    @Override
    public boolean limited() {
        return true;
    }

    @Override
    public void close() {
        // the mapping dies with its queue
    }
}
