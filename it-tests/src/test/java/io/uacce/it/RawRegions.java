package io.uacce.it;

import io.uacce.DeviceInfo;
import io.uacce.spi.UacceKernel;
import java.lang.foreign.MemorySegment;

/**
 * Raw {@code mmap(fd, length, offset)} / {@code munmap} of a queue's regions, answered by the
 * target's kernel (or device model) itself, for the errno tests the driver would refuse earlier.
 * On kernel targets and the model it is the system call; on CUSE, whose nodes have no mmap, the
 * daemon's side channel ({@link CuseRegions}) applies the same rules and errnos.
 */
interface RawRegions {

    /** {@code mmap(NULL, length, RW, MAP_SHARED, fd, offset)} on a queue of {@code device}. */
    MemorySegment map(DeviceInfo device, int fd, long length, long offset);

    /** {@code munmap} of a mapping {@link #map} gave for {@code offset}. */
    void unmap(DeviceInfo device, int fd, MemorySegment mapping, long offset);

    /** The plain system calls of {@code kernel}. */
    static RawRegions of(UacceKernel kernel) {
        return new RawRegions() {
            @Override
            public MemorySegment map(DeviceInfo device, int fd, long length, long offset) {
                return kernel.mmap(fd, length, offset);
            }

            @Override
            public void unmap(DeviceInfo device, int fd, MemorySegment mapping, long offset) {
                kernel.munmap(mapping);
            }
        };
    }
}
