package io.uacce.spi;

import java.lang.foreign.MemorySegment;

/**
 * The kernel-ABI boundary of the driver: the five calls a uacce queue needs from the kernel.
 *
 * <p>Everything above this interface (discovery, queue lifecycle, regions, the QM ring, the ZIP
 * codec, the public API) runs unchanged against the real Linux kernel ({@code "linux"}, FFM
 * system calls) and against a device model that implements it (the in-process model of
 * {@code native-stubs}). A device model implements the device side of the spec on its own and
 * must not reuse the driver's SQE, doorbell or ring code.
 *
 * <p>Contract shared by all implementations:
 * <ul>
 *   <li>Failures throw {@link io.uacce.ErrnoException} with the errno the kernel would give
 *       (EBUSY at open when queues run out, EEXIST for a region mapped twice, ENXIO on a dead
 *       queue, EINVAL for a bad request, ...). Nothing else is thrown for a kernel-side error.</li>
 *   <li>Methods are thread-safe; a file descriptor is an opaque int owned by the caller.</li>
 * </ul>
 */
public interface UacceKernel {

    /** Short name for logs and error messages, e.g. {@code "linux"} or {@code "in-process model"}. */
    String name();

    /**
     * True when this target's doorbells are plain memory that a device model reads, so that a
     * doorbell overwritten before the model looked is lost (docs/architecture.md, "Memory-backed
     * doorbells"); the ring then re-kicks and echoes SQ doorbells (see
     * {@code QmOptions.memoryBackedDoorbells}). False for the real kernel: silicon latches every
     * doorbell write.
     */
    default boolean memoryBackedDoorbells() {
        return false;
    }

    /**
     * Called after the ring wrote a doorbell word again because nothing arrived (a re-kick or an
     * SQ echo; only on targets with {@link #memoryBackedDoorbells()}), with the word it wrote. A
     * target whose device model reads the doorbell from memory only when it looks (the CUSE mock:
     * its daemon polls the word) may hand the word to the model through a side channel, so a
     * model that is asleep or was not scheduled takes it at once and cannot miss it. The caller
     * writes no other doorbell of that queue until this returns. The default does nothing (the
     * real kernel: silicon latches every doorbell write). Must not throw for a queue that died
     * meanwhile.
     *
     * @param fd   the queue's file descriptor
     * @param word the 64-bit doorbell word just written
     */
    default void doorbellRewritten(int fd, long word) {
    }

    /** The page size of the (possibly modelled) kernel; region offsets are multiples of it. */
    long pageSize();

    /**
     * {@code open(path, O_RDWR | O_CLOEXEC)}: one open file = one hardware queue pair.
     *
     * @return the file descriptor
     */
    int open(String path);

    /**
     * {@code ioctl(fd, request, arg)}.
     *
     * @param request the request code as the unsigned 32-bit value of the Linux encoding
     *                (e.g. {@code 0xC004480AL}); passed to the kernel as {@code unsigned long}
     * @param arg     the argument buffer, or {@link MemorySegment#NULL} for {@code _IO} requests
     * @return the non-negative result of the call (GET_SS_DMA returns a count)
     */
    long ioctl(int fd, long request, MemorySegment arg);

    /**
     * {@code mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, offset)}.
     *
     * @return a segment at the mapped address, {@code length} bytes long, in the global scope;
     *         the caller bounds it to its own lifetime and passes it back to {@link #munmap}
     */
    MemorySegment mmap(int fd, long length, long offset);

    /** {@code munmap(mapping.address(), mapping.byteSize())} of a segment from {@link #mmap}. */
    void munmap(MemorySegment mapping);

    /**
     * {@code poll} on one descriptor.
     *
     * @param events        the requested events ({@link #POLLIN})
     * @param timeoutMillis the longest wait; 0 returns at once; negative is not allowed
     * @return the returned events, 0 when the timeout expired
     */
    int poll(int fd, int events, int timeoutMillis);

    /** {@code close(fd)}. The queue is released when the last reference (fd or mapping) goes. */
    void close(int fd);

    /** {@code POLLIN} as in {@code <poll.h>}. */
    int POLLIN = 0x1;
    /** {@code POLLRDNORM} (reported together with POLLIN by uacce). */
    int POLLRDNORM = 0x40;
    /** {@code POLLERR} (only the old openEuler 4.19 flavour reports it). */
    int POLLERR = 0x8;
}
