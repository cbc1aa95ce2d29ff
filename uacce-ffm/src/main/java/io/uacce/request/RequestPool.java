package io.uacce.request;

import io.uacce.DeviceInfo;
import io.uacce.NoDeviceException;
import io.uacce.Uacce;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The queues of one engine for one {@link QueueType} (docs/request.md): {@code settings.queues()}
 * queues, opened on first use, each on the device {@link Uacce#select} picks for the opening
 * thread (nearest NUMA node, then most free queues), so a pool spreads over devices when one runs
 * out of queues. A queue that went out of service is closed and replaced at the next
 * {@link #next()}. Thread-safe.
 *
 * <p>Typical engine use: a session takes {@link #next()} once, allocates its context and staging
 * buffers from {@link RequestQueue#memory()}, keeps one {@link Ticket} and runs
 * {@link RequestQueue#call} per synchronous request; an asynchronous request goes through
 * {@link RequestQueue#submit}. {@link #call} and {@link #submit} are shortcuts for engines whose
 * requests need no per-queue memory.
 *
 * @param <Q> the engine's request type
 * @param <R> the engine's result type
 */
public final class RequestPool<Q, R> implements AutoCloseable {
    private final Uacce host;
    private final QueueType type;
    private final RequestCodec<Q, R> codec;
    private final RequestSettings settings;
    private final String algorithm;
    private final List<RequestQueue<Q, R>> queues = new ArrayList<>();
    /** Counters of queues already closed. */
    private RequestCounters retired = RequestCounters.ZERO;
    private int roundRobin;
    private boolean closed;

    private RequestPool(Uacce host, QueueType type, RequestCodec<Q, R> codec, RequestSettings settings,
            String algorithm) {
        this.host = host;
        this.type = type;
        this.codec = codec;
        this.settings = settings;
        this.algorithm = algorithm;
    }

    /**
     * A pool for {@code type}; no queue is opened yet ({@link #next()} opens them).
     *
     * @throws NoDeviceException when no device of the host offers any of the type's algorithms
     */
    public static <Q, R> RequestPool<Q, R> open(Uacce host, QueueType type, RequestCodec<Q, R> codec,
            RequestSettings settings) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(settings, "settings");
        for (String a : type.algorithms()) {
            if (host.select(a).isPresent()) {
                return new RequestPool<>(host, type, codec, settings, a);
            }
        }
        host.selectOrThrow(type.algorithms().get(0)); // throws the typed NoDeviceException with the report
        throw new NoDeviceException("no device offers " + type.algorithms());
    }

    /** The algorithm the pool selects devices by (the first of the type's that a device offers). */
    public String algorithm() {
        return algorithm;
    }

    /** The device a new queue would be opened on now. */
    public DeviceInfo device() {
        return host.selectOrThrow(algorithm);
    }

    public QueueType type() {
        return type;
    }

    public RequestSettings settings() {
        return settings;
    }

    /**
     * A queue of the pool, round-robin; opens the missing queues (replacing those out of service).
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public RequestQueue<Q, R> next() {
        synchronized (this) {
            // Per request on SEC/HPRE: nothing is allocated while every queue is open and alive.
            if (!closed && queues.size() == settings.queues() && allAlive()) {
                return queues.get(Math.floorMod(roundRobin++, queues.size()));
            }
        }
        return replaceDeadQueues();
    }

    private boolean allAlive() {
        for (int i = 0; i < queues.size(); i++) {
            if (!queues.get(i).alive()) {
                return false;
            }
        }
        return true;
    }

    private RequestQueue<Q, R> replaceDeadQueues() {
        List<RequestQueue<Q, R>> dropped = new ArrayList<>();
        try {
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("the request pool (" + type.label() + ") is closed");
                }
                queues.removeIf(x -> {
                    if (x.alive()) {
                        return false;
                    }
                    dropped.add(x);
                    return true;
                });
                while (queues.size() < settings.queues()) {
                    DeviceInfo d = host.selectOrThrow(algorithm); // NoDeviceException, e.g. every queue taken
                    queues.add(new RequestQueue<>(host, d, type, codec, settings)); // ErrnoException (EBUSY, ENODEV)
                }
                return queues.get(Math.floorMod(roundRobin++, queues.size()));
            }
        } finally {
            // Outside the pool's lock (close waits for the device), and also when opening a
            // replacement failed: a dropped queue is no longer in the list, so this is its only
            // close (issue 13: dead queues left open when the reopen after a reset met EBUSY).
            for (RequestQueue<Q, R> x : dropped) {
                retire(x);
            }
        }
    }

    private void retire(RequestQueue<Q, R> q) {
        q.close();
        RequestCounters c = q.counters();
        synchronized (this) {
            retired = retired.plus(c);
        }
    }

    /** Synchronous request on the next queue (for requests that need no per-queue memory). */
    public R call(Q request, Ticket<R> ticket) {
        return next().call(request, ticket);
    }

    /** Asynchronous request on the next queue; a failure to reach a queue fails the future. */
    public CompletableFuture<R> submit(Q request, R result) {
        RequestQueue<Q, R> q;
        try {
            q = next();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return q.submit(request, result);
    }

    /** The open queue whose device memory holds {@code segment}. */
    public synchronized Optional<RequestQueue<Q, R>> owner(MemorySegment segment) {
        for (RequestQueue<Q, R> q : queues) {
            if (q.memory().owns(segment)) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }

    /** Counters summed over every queue this pool has had. */
    public RequestCounters counters() {
        List<RequestQueue<Q, R>> open;
        RequestCounters sum;
        synchronized (this) {
            open = List.copyOf(queues);
            sum = retired;
        }
        for (RequestQueue<Q, R> q : open) {
            sum = sum.plus(q.counters());
        }
        return sum;
    }

    /** Counters of each open queue, by queue name (in opening order). */
    public java.util.Map<String, RequestCounters> queueCounters() {
        List<RequestQueue<Q, R>> open;
        synchronized (this) {
            open = List.copyOf(queues);
        }
        java.util.Map<String, RequestCounters> m = new java.util.LinkedHashMap<>();
        for (RequestQueue<Q, R> q : open) {
            m.put(q.name(), q.counters());
        }
        return m;
    }

    /** Device memory handed out and not yet freed, over the open queues (for tests and counters). */
    public synchronized long allocatedBytes() {
        long n = 0;
        for (RequestQueue<Q, R> q : queues) {
            n += q.memory().allocatedBytes();
        }
        return n;
    }

    /** Names of the queues open now, for logs and the CLI. */
    public synchronized List<String> describe() {
        List<String> out = new ArrayList<>();
        queues.forEach(q -> out.add(q.name()));
        return out;
    }

    /** Closes every queue (requests in flight: see {@link RequestQueue}); idempotent. */
    @Override
    public void close() {
        List<RequestQueue<Q, R>> open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = List.copyOf(queues);
            queues.clear();
        }
        for (RequestQueue<Q, R> q : open) {
            retire(q);
        }
    }
}
