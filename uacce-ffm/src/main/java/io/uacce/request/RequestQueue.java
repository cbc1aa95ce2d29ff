package io.uacce.request;

import io.uacce.DeviceInfo;
import io.uacce.DeviceStoppedException;
import io.uacce.DeviceTimeoutException;
import io.uacce.Region;
import io.uacce.Uacce;
import io.uacce.UacceException;
import io.uacce.qm.QmOptions;
import io.uacce.qm.QmQueue;
import io.uacce.qm.QmRing;
import io.uacce.qm.QmVersion;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hardware queue shared by many requests of one engine (docs/request.md). Submitters encode
 * into a free SQE slot and ring the doorbell under the ring lock; completions are taken off the
 * CQ by whoever holds the ring next (a synchronous caller waiting for its own request, or the
 * queue's reaper thread while asynchronous requests are in flight) and handed to the ticket that
 * owns the slot, <b>after</b> the lock is released: no user code (a {@link CompletableFuture}
 * stage) runs under a driver lock, and no driver lock is held while waiting for the device.
 *
 * <p>DMA ownership: a request's buffers are the device's from submit until its completion, or
 * until the queue has been stopped (PUT_Q). On a timeout, on a device failure and on
 * {@link #close()} with requests in flight the queue is stopped first and only then are its
 * requests failed, so no buffer is handed back while the device may still write it.
 *
 * @param <Q> the engine's request type
 * @param <R> the engine's result type
 */
public final class RequestQueue<Q, R> {
    private static final Logger LOG = LoggerFactory.getLogger(RequestQueue.class);
    /** Without a completion for this long the ring's doorbell measures (models only) are applied. */
    private static final long STALL_NANOS = 1_000_000;
    /** Busy-poll phase of a synchronous wait since the last completion (UADK's sync mode spins). */
    private static final long SPIN_NANOS = 20_000;
    /** Then yield until this long without a completion; afterwards short timed parks. */
    private static final long YIELD_NANOS = 1_000_000;
    /** Then parks of 1/16 of the wait so far, within these bounds ({@link #parkFor}). */
    private static final long MIN_PARK_NANOS = 20_000;
    private static final long MAX_PARK_NANOS = 1_000_000;
    /** A spinning thread takes the ring (stop words, stalls, timeouts) at least every this many polls. */
    private static final int FORCE_EVERY = 256;
    private static final VarHandle INFLIGHT;
    private static final VarHandle ASYNC_INFLIGHT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            INFLIGHT = l.findVarHandle(RequestQueue.class, "inflight", int.class);
            ASYNC_INFLIGHT = l.findVarHandle(RequestQueue.class, "asyncInflight", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e); // cannot happen: the fields are declared here
        }
    }

    private final QmQueue qm;
    private final QmRing ring;
    private final RequestCodec<Q, R> codec;
    private final OwnedMemory memory;
    private final String name;
    private final String deviceName;
    private final long timeoutNanos;
    private final String timeoutProperty;
    private final ReentrantLock lock = new ReentrantLock();
    private final Ticket<R>[] owners;
    private final Thread reaper;
    /** Guarded by lock; read without it as a hint (opaque). */
    private int inflight;
    private int asyncInflight;
    private long lastProgress;
    private long lastKick;
    private long submitted;
    private long completed;
    private long statusFailures;
    private long failed;
    /** Most requests in flight at once (guarded by lock). */
    private int inflightHighWater;
    /** Next time a reap looks for a request past its own deadline (guarded by lock). */
    private long nextDeadlineScan;
    private final long deadlineScanNanos;
    private volatile boolean reaperIdle;
    private volatile boolean closed;
    /** Set once, before the queue is stopped; then every request in flight is failed with it. */
    private volatile RuntimeException dead;
    private final Object deathLock = new Object();
    private boolean stopped;
    /** A claimed stop is running (guarded by deathLock): the memory must not be freed yet. */
    private boolean stopping;
    /** The last owner let go during {@link #stopping}: the stopping thread frees (deathLock). */
    private boolean freeDeferred;
    /** PUT_Q and close both failed (deathLock): the memory is kept, never freed. */
    private boolean stopFailed;
    /** The pool's reference plus one per {@link #retain}: memory and queue go when it reaches 0. */
    private final AtomicInteger users = new AtomicInteger(1);

    @SuppressWarnings("unchecked")
    RequestQueue(Uacce host, DeviceInfo device, QueueType type, RequestCodec<Q, R> codec, RequestSettings settings) {
        this.codec = codec;
        this.qm = QmQueue.open(host, device, QmOptions.builder().qcType(type.qcType()).build());
        try {
            this.ring = qm.ring();
            this.memory = device.sva() ? new SvaMemory()
                    : new SsMemory(qm.queue().map(Region.SS, settings.ssBytes()), qm.queue().ssSlices(),
                            settings.property() + ".ssBytes");
        } catch (RuntimeException e) {
            qm.close();
            throw e;
        }
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(settings.timeoutMillis());
        this.deadlineScanNanos = Math.max(1_000_000, timeoutNanos / 8);
        this.timeoutProperty = settings.timeoutProperty();
        this.owners = new Ticket[ring.depth()];
        this.name = device.name() + " qn " + qm.qn() + " (" + type.label() + ")";
        this.deviceName = device.name();
        this.reaper = Thread.ofPlatform().daemon().name("uacce-reaper-" + device.name() + "-qn" + qm.qn())
                .unstarted(this::reap);
        reaper.start();
        // One line and one event per state change of a queue, never per request (issue 13).
        String how = (device.sva() ? "SVA" : "no-SVA, SS region") + ", " + qm.version() + ", depth " + ring.depth();
        LOG.info("{} started: opened, SET_QP_CTX, START_Q ({})", name, how);
        RequestEvents.state(deviceName, name, "open", how);
        RequestEvents.state(deviceName, name, "start", "START_Q");
    }

    /** "hisi_zip-0 qn 3 (compress)". */
    public String name() {
        return name;
    }

    /** The QM generation of the queue's device (selects the engine's SQE layout). */
    public QmVersion version() {
        return qm.version();
    }

    /** Memory this queue's device reaches. */
    public DeviceMemory memory() {
        return memory;
    }

    /** True while the queue accepts requests. */
    public boolean alive() {
        return dead == null && !closed;
    }

    /**
     * Takes a reference for an owner of this queue's device memory (an engine session with its
     * context and staging buffers): the memory and the queue are freed only when the queue is
     * closed and every owner has called {@link #release}, so a session never finds its buffers
     * gone under it.
     *
     * @throws QueueOutOfServiceException if the queue is already closed and freed
     */
    public void retain() {
        int n;
        do {
            n = users.get();
            if (n == 0) {
                throw new QueueOutOfServiceException(name + " is closed", null);
            }
        } while (!users.compareAndSet(n, n + 1));
    }

    /** Gives back a reference from {@link #retain} (after freeing the owner's buffers). */
    public void release() {
        if (users.decrementAndGet() == 0) {
            synchronized (deathLock) {
                if (stopping) { // the last owner went while a stop still runs: the stopping thread frees
                    freeDeferred = true;
                    LOG.debug("{}: last owner gone while the queue is being stopped; freed after the stop", name);
                    return;
                }
            }
            free();
        }
    }

    /**
     * Frees the memory and closes the file. Only after a stop that returned: when PUT_Q failed and
     * closing the file failed too, the device may still write the memory, so it is kept (a leak
     * the log names) rather than handed back to the allocator.
     */
    private void free() {
        boolean keep;
        synchronized (deathLock) {
            keep = stopFailed;
        }
        try {
            if (keep) {
                LOG.error("{}: the queue could not be stopped (PUT_Q and close failed); its device memory is"
                        + " kept, not freed, because the device may still write it", name);
            } else {
                memory.close();
            }
        } finally {
            try {
                qm.close();
            } catch (RuntimeException e) {
                if (!keep) {
                    throw e;
                }
                LOG.warn("{}: closing the queue failed again: {}", name, e.getMessage());
            }
            LOG.debug("{} freed: memory and file closed", name);
            RequestEvents.state(deviceName, name, "close", keep ? "file closed, memory kept" : "memory and file closed");
        }
    }

    /** Requests in flight (a hint: it may change at once). */
    public int inflight() {
        return (int) INFLIGHT.getOpaque(this);
    }

    /**
     * Runs one request synchronously: encodes it, rings the doorbell and waits (spinning, then
     * yielding, then parking) for its completion, reaping the queue meanwhile.
     *
     * @return {@code ticket.result()}, filled by the engine's {@link RequestCodec#decode}
     * @throws QueueOutOfServiceException if the queue is out of service (at once, the request is not sent)
     * @throws DeviceTimeoutException     if no completion came within the timeout: the queue was
     *                                    stopped before this is thrown and is out of service
     * @throws UacceException             for a device failure (stop words, bad completion)
     */
    public R call(Q request, Ticket<R> ticket) {
        ticket.arm();
        submit(request, ticket, false);
        await(ticket);
        RuntimeException f = ticket.failure();
        if (f != null) {
            throw f;
        }
        return ticket.result();
    }

    /**
     * Submits one request asynchronously. The future completes on the queue's reaper thread (or
     * on a thread that reaped the queue) with no driver lock held; a submit that cannot be made
     * fails the future at once (never a future that does not complete).
     *
     * @param result the object the engine's {@link RequestCodec#decode} fills; the future's value
     */
    public CompletableFuture<R> submit(Q request, R result) {
        CompletableFuture<R> future = new CompletableFuture<>();
        Ticket<R> t = new Ticket<>(result, future);
        try {
            submit(request, t, true);
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
        return future;
    }

    private void submit(Q request, Ticket<R> ticket, boolean async) {
        ticket.event = RequestEvents.begin(codec, request, async); // null unless a JFR recording wants it
        try {
            submitNow(request, ticket, async);
        } catch (RuntimeException e) {
            DeviceRequestEvent ev = ticket.event;
            if (ev != null) {
                ticket.event = null;
                RequestEvents.end(ev, deviceName, name, codec, ticket.result(), e);
            }
            throw e;
        }
    }

    private void submitNow(Q request, Ticket<R> ticket, boolean async) {
        long deadline = 0;
        while (true) {
            checkAlive();
            RuntimeException publishFailure = null;
            lock.lock();
            try {
                if (dead == null && !closed) { // checked again under the lock: death collects every owner
                    int slot = ring.tryReserve();
                    if (slot >= 0) {
                        codec.encode(request, ring.sqe(slot), slot);
                        owners[slot] = ticket;
                        long now = System.nanoTime();
                        ticket.submittedAt = now; // its own deadline: submittedAt + timeout
                        if (inflight == 0) {
                            lastProgress = lastKick = now; // the stall clock starts with the first request
                        }
                        INFLIGHT.setOpaque(this, inflight + 1);
                        if (inflight > inflightHighWater) {
                            inflightHighWater = inflight;
                        }
                        if (async) {
                            ASYNC_INFLIGHT.setOpaque(this, asyncInflight + 1);
                        }
                        try {
                            ring.publish();
                            submitted++;
                        } catch (RuntimeException e) {
                            owners[slot] = null;
                            leave(async);
                            publishFailure = e;
                        }
                        if (publishFailure == null) {
                            break;
                        }
                    }
                }
            } finally {
                lock.unlock();
            }
            if (publishFailure != null) {
                die(publishFailure);
                throw publishFailure;
            }
            if (dead != null || closed) {
                continue; // checkAlive throws
            }
            long now = System.nanoTime();
            if (deadline == 0) {
                deadline = now + timeoutNanos;
            } else if (now > deadline) {
                throw new DeviceTimeoutException("no free SQ slot on " + name + " within " + timeoutNanos / 1_000_000
                        + " ms (setting " + timeoutProperty + "): every slot is in flight and none completes");
            }
            LockSupport.parkNanos(20_000);
        }
        if (async && reaperIdle) {
            LockSupport.unpark(reaper);
        }
    }

    /** Under the lock: one request less in flight. */
    private void leave(boolean async) {
        INFLIGHT.setOpaque(this, inflight - 1);
        if (async) {
            ASYNC_INFLIGHT.setOpaque(this, asyncInflight - 1);
        }
    }

    private void await(Ticket<R> t) {
        long start = System.nanoTime();
        long deadline = start + timeoutNanos;
        long progress = start;
        int polls = 0;
        while (!t.done()) {
            if (reapOnce(++polls % FORCE_EVERY == 0)) {
                progress = System.nanoTime();
                continue;
            }
            // Busy-poll first, as UADK's synchronous mode does: a parked waiter wakes up tens of
            // microseconds late (timer slack). Spin briefly, then yield (which also lets a device
            // model thread run on an oversubscribed machine), and park only after a millisecond idle.
            long now = System.nanoTime();
            long idle = now - progress;
            if (idle < SPIN_NANOS) {
                Thread.onSpinWait();
            } else if (idle < YIELD_NANOS) {
                Thread.yield();
            } else if (now - deadline >= 0) {
                die(new DeviceTimeoutException("no completion for a request on " + name + " within "
                        + timeoutNanos / 1_000_000 + " ms (setting " + timeoutProperty + "); the device or its queue"
                        + " is stuck: the queue was stopped and is out of service (" + ringState() + ")"));
                awaitFailed(t);
                return;
            } else {
                LockSupport.parkNanos(this, Math.min(deadline - now, parkFor(now - start)));
            }
        }
    }

    /**
     * A waiting caller's park after {@code waited} nanoseconds: 1/16 of it, from 20 µs to 1 ms.
     * A completion another thread reaps unparks the caller at once; only a caller that reaps its own
     * completion wakes late, by at most ~6 % of its wait. Fixed 20 µs parks woke every one of 64
     * waiting threads ~15 000 times a second, which took the CPU from everything else on the host
     * (a device model's threads among it: issue 13's load campaign timed out on the model).
     */
    static long parkFor(long waited) {
        return Math.clamp(waited >> 4, MIN_PARK_NANOS, MAX_PARK_NANOS);
    }

    /** The ring's view for a timeout message, if the ring is free now (it is owned under the lock). */
    private String ringState() {
        if (!lock.tryLock()) {
            return "ring busy";
        }
        try {
            return ring.state();
        } finally {
            lock.unlock();
        }
    }

    /** After {@link #die}: the dying thread fails every owner after the stop; wait for that (bounded). */
    private void awaitFailed(Ticket<R> t) {
        long limit = System.nanoTime() + timeoutNanos;
        while (!t.done()) {
            if (System.nanoTime() - limit > 0) {
                throw new UacceException(name + ": the queue could not be confirmed stopped within "
                        + timeoutNanos / 1_000_000 + " ms; the request's buffers may still be written by the device:"
                        + " do not reuse them");
            }
            LockSupport.parkNanos(this, 100_000);
        }
    }

    /**
     * The reaper: reaps while asynchronous requests are in flight; synchronous callers reap for
     * themselves while they wait. A timed park keeps it a safety net (a waiter that is parked, a
     * queue that stalls) for everything else.
     */
    private void reap() {
        int idle = 0;
        long idleSince = 0;
        while (!closed && dead == null) {
            if ((int) ASYNC_INFLIGHT.getOpaque(this) == 0) {
                reaperIdle = true;
                RequestEvents.poll(); // a JFR recording started since: register the events (cold)
                if ((int) ASYNC_INFLIGHT.getOpaque(this) == 0 && !closed) {
                    LockSupport.parkNanos(this, inflight() == 0 ? 10_000_000 : 1_000_000);
                }
                reaperIdle = false;
                if ((int) ASYNC_INFLIGHT.getOpaque(this) == 0) {
                    reapOnce(true);
                    continue;
                }
            }
            if (reapOnce(idle % 64 == 0)) {
                idle = 0;
            } else if (++idle < 256) {
                Thread.onSpinWait();
            } else if (idle < 512) {
                Thread.yield();
            } else {
                if (idle == 512) {
                    idleSince = System.nanoTime();
                }
                LockSupport.parkNanos(parkFor(System.nanoTime() - idleSince));
            }
        }
    }

    /**
     * Takes at most one completion off the CQ and completes its ticket after releasing the lock.
     * When another thread holds the ring it returns at once. After a stall without completions it
     * applies the ring's doorbell measures (re-kick, SQ echo: model targets only, see
     * {@link QmOptions}); after the request timeout it stops the queue.
     *
     * @param force take the ring even when no completion shows (to see stop words, stalls and
     *              timeouts); otherwise only when {@link QmRing#completionReady()} says one is there,
     *              so spinning threads do not take the lock on every poll
     * @return true if a request completed
     */
    boolean reapOnce(boolean force) {
        if ((int) INFLIGHT.getOpaque(this) == 0 || dead != null || !(force || ring.completionReady())
                || !lock.tryLock()) {
            return false;
        }
        Ticket<R> t = null;
        RuntimeException failure = null;
        String timedOut = null;
        String overdue = null;
        try {
            if (inflight == 0 || dead != null) {
                return false;
            }
            int slot = ring.pollCompletion();
            long now = System.nanoTime();
            if (slot >= 0) {
                t = owners[slot];
                owners[slot] = null;
                codec.decode(ring.sqe(slot), t.result());
                ring.release(slot);
                completed++;
                if (!codec.statusTable().success(codec.status(t.result()))) {
                    statusFailures++;
                }
                leave(t.future != null);
                lastProgress = lastKick = now;
            } else if (now - lastProgress > timeoutNanos) {
                timedOut = ring.state();
            } else if (now - lastKick > STALL_NANOS) {
                lastKick = now;
                ring.nudge(); // re-kick / SQ echo where the target declared memory-backed doorbells
            }
            if (timedOut == null && now - nextDeadlineScan >= 0 && inflight > 0) {
                // Completions of other requests keep the queue's clock above moving: every
                // request also has its own deadline, so one whose completion never comes fails
                // within timeout + timeout/8 however busy the queue is (issue 13).
                nextDeadlineScan = now + deadlineScanNanos;
                overdue = overdue(now) ? ring.state() : null;
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            die(failure);
            return false;
        }
        if (t != null) {
            DeviceRequestEvent ev = t.event;
            if (ev != null) {
                t.event = null;
                RequestEvents.end(ev, deviceName, name, codec, t.result(), null);
            }
            t.complete(null);
        }
        if (timedOut != null) {
            die(new DeviceTimeoutException("no completion on " + name + " for " + timeoutNanos / 1_000_000
                    + " ms with requests in flight (setting " + timeoutProperty + "): the queue was stopped and is"
                    + " out of service; close the engine and open a new one (" + timedOut + ")"));
        } else if (overdue != null) {
            die(new DeviceTimeoutException("a request on " + name + " got no completion within " + timeoutNanos
                    / 1_000_000 + " ms while other requests completed (setting " + timeoutProperty + "): the device"
                    + " lost it; the queue was stopped and is out of service (" + overdue + ")"));
        }
        return t != null;
    }

    /** Under the lock: whether a request in flight is past its own deadline. */
    private boolean overdue(long now) {
        for (Ticket<R> o : owners) {
            if (o != null && now - o.submittedAt > timeoutNanos) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes the queue out of service: marks it dead, stops the device (PUT_Q, confirmed by the
     * kernel's answer; when PUT_Q fails the file is closed, which stops the queue in the kernel's
     * release), and only then fails every request in flight with {@code cause}, outside the lock.
     * Only the first caller does the work; later callers return at once.
     */
    void die(RuntimeException cause) {
        boolean stop;
        synchronized (deathLock) {
            if (dead != null) {
                return;
            }
            dead = cause;
            stop = claimStop();
        }
        if (cause instanceof DeviceStoppedException) { // stop words: reset, CQ overflow, removal
            LOG.warn("{} stopped by the device (reset, CQ overflow or removal), out of service: {}", name,
                    cause.getMessage());
            RequestEvents.state(deviceName, name, "reset", cause.getMessage());
        } else {
            LOG.warn("{} out of service: {}", name, cause.getMessage());
            RequestEvents.state(deviceName, name, "death", cause.getMessage());
        }
        if (stop) {
            runStop();
        }
        failAll(cause);
    }

    /**
     * Claims the one stop of this queue (under {@code deathLock}): from here until {@link #runStop}
     * returns, the queue counts as being stopped and {@link #release} leaves the freeing to the
     * stopping thread, so memory is never freed while the device may still write it.
     */
    private boolean claimStop() {
        if (stopped) {
            return false;
        }
        stopped = true;
        stopping = true;
        return true;
    }

    private void stopDevice() {
        boolean stop;
        synchronized (deathLock) {
            stop = claimStop();
        }
        if (stop) {
            runStop();
        }
    }

    private void runStop() {
        boolean ok = true;
        try {
            qm.stop();
        } catch (RuntimeException e) {
            LOG.warn("{}: PUT_Q failed ({}); closing the queue's file to stop it", name, e.getMessage());
            try {
                qm.close();
            } catch (RuntimeException e2) {
                ok = false;
                LOG.warn("{}: closing the queue failed too: {}", name, e2.getMessage());
            }
        } finally {
            boolean freeNow;
            synchronized (deathLock) {
                stopping = false;
                stopFailed = !ok;
                freeNow = freeDeferred;
            }
            if (freeNow) {
                free();
            }
        }
    }

    private void failAll(RuntimeException cause) {
        List<Ticket<R>> victims = new ArrayList<>();
        lock.lock();
        try {
            for (int i = 0; i < owners.length; i++) {
                Ticket<R> t = owners[i];
                if (t != null) {
                    owners[i] = null;
                    leave(t.future != null);
                    failed++;
                    victims.add(t);
                }
            }
        } finally {
            lock.unlock();
        }
        for (Ticket<R> t : victims) {
            try {
                DeviceRequestEvent ev = t.event;
                if (ev != null) {
                    t.event = null;
                    RequestEvents.end(ev, deviceName, name, codec, t.result(), cause);
                }
                t.complete(cause);
            } catch (RuntimeException e) {
                LOG.warn("completion callback failed", e);
            }
        }
    }

    private void checkAlive() {
        RuntimeException d = dead;
        if (d != null) {
            throw new QueueOutOfServiceException(name + " is out of service after an earlier failure ("
                    + d.getMessage() + "); close the engine and open a new one", d);
        }
        if (closed) {
            throw new QueueOutOfServiceException(name + " is closed", null);
        }
    }

    /** This queue's counters now. */
    RequestCounters counters() {
        lock.lock();
        try {
            return new RequestCounters(submitted, completed, statusFailures, failed, dead != null ? 1 : 0,
                    inflightHighWater, ring.rekicks());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the queue: lets requests in flight finish (bounded by the timeout, at most 5 s), then
     * stops the device and fails what is left; the device memory and the queue are freed when the
     * last owner ({@link #retain}) lets go.
     */
    void close() {
        if (closed) {
            return;
        }
        long deadline = System.nanoTime() + Math.min(timeoutNanos, 5_000_000_000L);
        while (inflight() > 0 && dead == null && System.nanoTime() < deadline) {
            if (!reapOnce(true)) {
                LockSupport.parkNanos(100_000);
            }
        }
        closed = true;
        LockSupport.unpark(reaper);
        try {
            reaper.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (inflight() > 0 || dead != null) {
            die(new QueueOutOfServiceException(name + " closed with requests in flight", null));
        } else {
            stopDevice(); // nothing in flight: stop it now, free it when the last owner lets go
            LOG.info("{} stopped: PUT_Q, closed by its pool", name);
            RequestEvents.state(deviceName, name, "stop", "closed by its pool");
        }
        release();
    }
}
