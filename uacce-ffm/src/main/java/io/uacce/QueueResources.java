package io.uacce;

import io.uacce.spi.UacceKernel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link UacceQueue} owns in the kernel (file descriptor, mappings) and its state. Kept
 * apart from the queue object so a {@link java.lang.ref.Cleaner} can release a queue the program
 * forgot to close: {@link #run} is the teardown for both paths.
 */
final class QueueResources implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(UacceQueue.class);

    /** A mapped region: the kernel's global segment (for munmap) and the bounded view handed out. */
    record Mapping(Region region, MemorySegment raw, Arena arena, MemorySegment view) {
        static Mapping of(Region region, MemorySegment raw, long length) {
            Arena arena = Arena.ofShared();
            return new Mapping(region, raw, arena, raw.reinterpret(length, arena, null));
        }
    }

    final UacceKernel kernel;
    final String deviceName;
    final int fd;
    final long pageSize;
    private final Throwable openedAt;
    final EnumMap<Region, Mapping> mappings = new EnumMap<>(Region.class);
    volatile QueueState state = QueueState.INIT;
    volatile boolean explicitClose;
    private RuntimeException closeFailure;

    QueueResources(UacceKernel kernel, String deviceName, int fd, long pageSize, Throwable openedAt) {
        this.kernel = kernel;
        this.deviceName = deviceName;
        this.fd = fd;
        this.pageSize = pageSize;
        this.openedAt = openedAt;
    }

    String subject() {
        return deviceName + " queue (fd " + fd + ", " + kernel.name() + ")";
    }

    /** Refuses {@code call} unless the state is one of {@code allowed}. */
    void require(String call, String hint, QueueState... allowed) {
        QueueState s = state;
        for (QueueState a : allowed) {
            if (a == s) {
                return;
            }
        }
        throw wrongState(call, hint, s);
    }

    QueueStateException wrongState(String call, String hint, QueueState s) {
        String why = switch (s) {
            case INIT -> "the queue is not started yet; call start() first";
            case STARTED -> "the queue is already started";
            case RELEASED -> "the queue was put (PUT_Q) or its device went away; open a new queue";
            case CLOSED -> "the queue is closed; open a new queue";
        };
        return new QueueStateException(call + " refused on " + subject() + " in state " + s + ": "
                + (hint != null && s != QueueState.RELEASED && s != QueueState.CLOSED ? hint : why));
    }

    /** Invalidates the segment of a region (its arena), then munmaps it. */
    void unmap(Region region) {
        Mapping m = mappings.get(region);
        m.arena().close();
        mappings.remove(region);
        try {
            kernel.munmap(m.raw());
        } catch (ErrnoException e) {
            ErrnoException x = new ErrnoException("munmap(" + region + ")", e.errno(), subject(), null);
            x.initCause(e);
            throw x;
        }
    }

    /** Teardown: PUT_Q if started, unmap every region, close the descriptor. Runs once. */
    @Override
    public synchronized void run() {
        if (state == QueueState.CLOSED) {
            return;
        }
        if (!explicitClose) {
            LOG.warn("uacce queue {} was never closed; the cleaner releases it now. Close queues with"
                    + " try-with-resources. Where it was opened:", subject(), openedAt);
        }
        List<RuntimeException> failures = new ArrayList<>();
        if (state == QueueState.STARTED) {
            try {
                kernel.ioctl(fd, UacceIoctl.PUT_Q, MemorySegment.NULL);
            } catch (ErrnoException e) {
                if (e.errno() != Errno.ENXIO) {
                    failures.add(QueueErrors.ioctlFailed(this, "PUT_Q", UacceIoctl.PUT_Q, e));
                }
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        for (Region r : Arrays.asList(Region.values())) {
            if (mappings.containsKey(r)) {
                try {
                    unmap(r);
                } catch (RuntimeException e) {
                    mappings.remove(r);
                    failures.add(e);
                }
            }
        }
        try {
            kernel.close(fd);
        } catch (RuntimeException e) {
            failures.add(e);
        }
        state = QueueState.CLOSED;
        if (failures.isEmpty()) {
            return;
        }
        if (explicitClose) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            closeFailure = first;
        } else {
            failures.forEach(f -> LOG.warn("releasing leaked uacce queue {}: {}", subject(), f.toString()));
        }
    }

    synchronized RuntimeException takeCloseFailure() {
        RuntimeException f = closeFailure;
        closeFailure = null;
        return f;
    }
}
