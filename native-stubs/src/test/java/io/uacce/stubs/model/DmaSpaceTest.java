package io.uacce.stubs.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The no-SVA DMA window: only ranges inside one SS slice resolve; everything else is an AddressFault. */
class DmaSpaceTest {

    @Test
    void onlyRangesInsideOneSliceResolve() throws Exception {
        DmaSpace dma = new DmaSpace();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ss = arena.allocate(0x20000, 4096);
            List<DmaSpace.Slice> slices = dma.add(ss, 0x10000);
            DmaSpace.Slice last = slices.get(1);
            MemorySegment buf = arena.allocate(256);

            byte[] data = {1, 2, 3, 4};
            dma.write(last.dma() + 8, MemorySegment.ofArray(data), 4);
            dma.read(last.dma() + 8, buf, 4);
            assertArrayEquals(data, buf.asSlice(0, 4).toArray(ValueLayout.JAVA_BYTE));

            assertThrows(AddressFault.class, () -> dma.read(last.dma() + last.size() - 2, buf, 4), "crosses the end");
            assertThrows(AddressFault.class, () -> dma.read(slices.get(0).dma() + 0xFFFE, buf, 4), "crosses slices");
            assertThrows(AddressFault.class, () -> dma.read(last.dma() - 1, buf, 1), "in the gap");
            assertThrows(AddressFault.class, () -> dma.read(Long.MAX_VALUE - 10, buf, 100), "far beyond every slice");
            assertThrows(AddressFault.class, () -> dma.read(-16, buf, 4), "above 2^63");
            assertThrows(AddressFault.class, () -> dma.read(last.dma(), buf, -1), "negative length");
        }
    }
}
