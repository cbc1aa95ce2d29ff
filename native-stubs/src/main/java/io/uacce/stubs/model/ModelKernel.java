package io.uacce.stubs.model;

import io.uacce.Errno;
import io.uacce.ErrnoException;
import io.uacce.spi.UacceKernel;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The model's {@link UacceKernel}: fake file descriptors (large numbers, unique per host) onto
 * {@link ModelQueue}s, and the table of live mappings for munmap.
 */
final class ModelKernel implements UacceKernel {
    private static final AtomicInteger HOSTS = new AtomicInteger();

    private record Mapping(ModelQueue queue, int region, long length) {
    }

    private final ModelHost host;
    private final Map<String, ModelDevice> byPath = new ConcurrentHashMap<>();
    private final Map<Integer, ModelQueue> files = new ConcurrentHashMap<>();
    private final Map<Long, Mapping> mappings = new ConcurrentHashMap<>();
    private final AtomicInteger nextFd;

    ModelKernel(ModelHost host) {
        this.host = host;
        this.nextFd = new AtomicInteger(1_000_000 * (1 + HOSTS.getAndIncrement() % 1000));
    }

    void addDevice(ModelDevice d, Path node) {
        byPath.put(key(node.toString()), d);
    }

    private static String key(String path) {
        return Path.of(path).toAbsolutePath().normalize().toString();
    }

    /** The model reads its doorbell word from plain memory: the driver's re-kick and SQ echo are on. */
    @Override
    public boolean memoryBackedDoorbells() {
        return true;
    }

    @Override
    public String name() {
        return "in-process model";
    }

    @Override
    public long pageSize() {
        return host.pageSize();
    }

    @Override
    public int open(String path) {
        ModelDevice d;
        try {
            d = byPath.get(key(path));
        } catch (RuntimeException badPath) {
            d = null;
        }
        if (d == null) {
            throw new ErrnoException("open", Errno.ENOENT, path, "not a device of this model");
        }
        int fd = nextFd.getAndIncrement();
        ModelQueue q = d.openQueue(fd);
        files.put(fd, q);
        return fd;
    }

    private ModelQueue file(int fd, String call) {
        ModelQueue q = files.get(fd);
        if (q == null) {
            throw new ErrnoException(call, Errno.EBADF, "fd " + fd, "not an open model queue");
        }
        return q;
    }

    @Override
    public long ioctl(int fd, long request, MemorySegment arg) {
        ModelQueue q = file(fd, "ioctl");
        long cmd = request & 0xFFFF_FFFFL;
        MemorySegment a = arg == null ? MemorySegment.NULL : arg;
        long slow = q.device.slowStopNanos();
        if (cmd != ModelQueue.PUT_Q || slow == 0) {
            return q.ioctl(cmd, a);
        }
        q.device.stopBegins(); // a slow stop: the hardware drains before PUT_Q returns
        try {
            long until = System.nanoTime() + slow;
            for (long left = slow; left > 0; left = until - System.nanoTime()) {
                java.util.concurrent.locks.LockSupport.parkNanos(left);
            }
            return q.ioctl(cmd, a);
        } finally {
            q.device.stopEnds();
        }
    }

    @Override
    public MemorySegment mmap(int fd, long length, long offset) {
        ModelQueue q = file(fd, "mmap");
        MemorySegment m = q.mmap(length, offset);
        mappings.put(m.address(), new Mapping(q, q.regionAt(m.address()), length));
        return m;
    }

    @Override
    public void munmap(MemorySegment mapping) {
        Mapping m = mapping == null ? null : mappings.get(mapping.address());
        if (m == null || m.length() != mapping.byteSize()) {
            throw new ErrnoException("munmap", Errno.EINVAL,
                    mapping == null ? "null" : "0x" + Long.toHexString(mapping.address()) + "+" + mapping.byteSize(),
                    "not a mapping handed out by this model (address and length must match)");
        }
        if (mappings.remove(mapping.address(), m)) {
            m.queue().unmapped(m.region());
        }
    }

    @Override
    public int poll(int fd, int events, int timeoutMillis) {
        if (timeoutMillis < 0) {
            throw new ErrnoException("poll", Errno.EINVAL, "fd " + fd, "the model needs a timeout >= 0");
        }
        return file(fd, "poll").poll(events, timeoutMillis);
    }

    @Override
    public void close(int fd) {
        ModelQueue q = files.remove(fd);
        if (q == null) {
            throw new ErrnoException("close", Errno.EBADF, "fd " + fd, "not an open model queue");
        }
        q.fdClosed();
    }

    /** Host shutdown: every queue stops; memory still mapped is freed when the driver unmaps it. */
    void shutdown() {
        for (ModelQueue q : files.values()) {
            q.shutdown();
        }
        for (Mapping m : mappings.values()) {
            m.queue().shutdown();
        }
        files.clear();
    }
}
