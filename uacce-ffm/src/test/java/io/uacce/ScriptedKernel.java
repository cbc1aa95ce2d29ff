package io.uacce;

import io.uacce.spi.UacceKernel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToLongFunction;

/**
 * A test-only {@link UacceKernel} that answers each call with what the test configured and logs
 * every call. Not a device model: it knows no device behaviour, only scripted answers.
 *
 * <p>Keys for scripted failures: {@code "open"}, {@code "close"}, {@code "poll"},
 * {@code "munmap"}, {@code "mmap:<qfrt>"}, {@code "ioctl:<hex request>"}.
 */
final class ScriptedKernel implements UacceKernel {

    final List<String> calls = new CopyOnWriteArrayList<>();
    final Set<Integer> openFds = ConcurrentHashMap.newKeySet();
    final Map<Long, Arena> liveMappings = new ConcurrentHashMap<>();
    private final Map<String, Deque<Integer>> failures = new HashMap<>();
    private final Map<Long, ToLongFunction<MemorySegment>> ioctls = new HashMap<>();
    volatile int pollAnswer;
    long pageSize = 4096;
    private int nextFd = 100;

    /** The next call with this key fails with {@code errno} (queued per key). */
    synchronized ScriptedKernel failNext(String key, int errno) {
        failures.computeIfAbsent(key, k -> new ArrayDeque<>()).add(errno);
        return this;
    }

    /** Answer this ioctl with a function of its argument (the function may write into it). */
    synchronized ScriptedKernel onIoctl(long request, ToLongFunction<MemorySegment> answer) {
        ioctls.put(request, answer);
        return this;
    }

    static String ioctlKey(long request) {
        return "ioctl:" + Long.toHexString(request);
    }

    private synchronized void maybeFail(String key, String call, String subject) {
        Deque<Integer> q = failures.get(key);
        if (q != null && !q.isEmpty()) {
            int errno = q.poll();
            calls.add(key + " -> " + Errno.name(errno));
            throw new ErrnoException(call, errno, subject);
        }
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public long pageSize() {
        return pageSize;
    }

    @Override
    public synchronized int open(String path) {
        maybeFail("open", "open", path);
        int fd = nextFd++;
        openFds.add(fd);
        calls.add("open " + path);
        return fd;
    }

    @Override
    public long ioctl(int fd, long request, MemorySegment arg) {
        String key = ioctlKey(request);
        maybeFail(key, "ioctl", key);
        calls.add(key);
        ToLongFunction<MemorySegment> f;
        synchronized (this) {
            f = ioctls.get(request);
        }
        return f == null ? 0 : f.applyAsLong(arg);
    }

    @Override
    public MemorySegment mmap(int fd, long length, long offset) {
        long qfrt = offset / pageSize;
        maybeFail("mmap:" + qfrt, "mmap", "qfrt " + qfrt);
        calls.add("mmap:" + qfrt + " " + length);
        Arena arena = Arena.ofShared();
        MemorySegment m = arena.allocate(length, pageSize);
        liveMappings.put(m.address(), arena);
        return MemorySegment.ofAddress(m.address()).reinterpret(length);
    }

    @Override
    public void munmap(MemorySegment mapping) {
        maybeFail("munmap", "munmap", "");
        calls.add("munmap " + mapping.byteSize());
        Arena a = liveMappings.remove(mapping.address());
        if (a == null) {
            throw new AssertionError("munmap of an address that is not mapped: " + mapping);
        }
        a.close();
    }

    @Override
    public int poll(int fd, int events, int timeoutMillis) {
        maybeFail("poll", "poll", "");
        calls.add("poll " + timeoutMillis);
        return pollAnswer;
    }

    @Override
    public void close(int fd) {
        calls.add("close " + fd);
        if (!openFds.remove(fd)) {
            throw new ErrnoException("close", Errno.EBADF, "fd " + fd);
        }
        maybeFail("close", "close", "fd " + fd);
    }
}
