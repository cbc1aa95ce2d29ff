package io.uacce.stubs.model;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * No-SVA buffer access: the DMA address space of one device, made of the SS slices of its queues.
 * Addresses are invented by the model (64 KiB aligned, ascending, with a gap between slices so a
 * buffer that crosses slices faults, as it could on real hardware).
 */
final class DmaSpace implements ModelDeviceMemory {
    /** One DMA-contiguous piece of an SS region. */
    record Slice(long dma, long size, MemorySegment memory) {
    }

    private static final long BASE = 0x40_0000_0000L;
    private static final long ALIGN = 0x10000;

    private final ConcurrentSkipListMap<Long, Slice> slices = new ConcurrentSkipListMap<>();
    private long next = BASE;

    /** Splits an SS mapping into slices of at most {@code maxSlice} bytes and gives each a DMA address. */
    synchronized List<Slice> add(MemorySegment region, long maxSlice) {
        List<Slice> out = new ArrayList<>();
        for (long off = 0; off < region.byteSize(); off += maxSlice) {
            long size = Math.min(maxSlice, region.byteSize() - off);
            Slice s = new Slice(next, size, region.asSlice(off, size));
            slices.put(s.dma(), s);
            out.add(s);
            next += (size + ALIGN - 1) / ALIGN * ALIGN + ALIGN;
        }
        return out;
    }

    /** Forgets slices (their memory is about to be freed). */
    void remove(List<Slice> gone) {
        for (Slice s : gone) {
            slices.remove(s.dma(), s);
        }
    }

    private MemorySegment resolve(long address, long length) throws AddressFault {
        Map.Entry<Long, Slice> e = slices.floorEntry(address);
        if (e == null || length < 0 || address - e.getKey() + length > e.getValue().size()) {
            throw new AddressFault(String.format("DMA range 0x%x+%d is not inside one SS slice", address, length));
        }
        return e.getValue().memory().asSlice(address - e.getKey(), length);
    }

    @Override
    public void read(long address, MemorySegment dst, long length) throws AddressFault {
        copy(resolve(address, length), dst, length);
    }

    @Override
    public void write(long address, MemorySegment src, long length) throws AddressFault {
        copy(src, resolve(address, length), length);
    }

    private static void copy(MemorySegment from, MemorySegment to, long length) throws AddressFault {
        try {
            MemorySegment.copy(from, 0, to, 0, length);
        } catch (IllegalStateException freed) {
            throw new AddressFault("SS slice was unmapped while in use");
        }
    }
}
