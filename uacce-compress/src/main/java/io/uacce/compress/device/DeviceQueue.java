package io.uacce.compress.device;

import io.uacce.DeviceInfo;
import io.uacce.DeviceTimeoutException;
import io.uacce.Region;
import io.uacce.Uacce;
import io.uacce.UacceException;
import io.uacce.qm.QmOptions;
import io.uacce.qm.QmQueue;
import io.uacce.qm.QmRing;
import io.uacce.compress.zip.SqeType;
import io.uacce.compress.zip.ZipRequest;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hardware queue shared by many sessions: submitters write SQEs and ring the doorbell under a
 * short lock; one reaper thread per queue takes completions off the CQ and hands each to the
 * ticket that owns the slot. Keeping many requests in flight on one queue is where the
 * throughput comes from (UADK). When nothing completes for a while the reaper waits inside the
 * ring's own awaitCompletion, which re-kicks lost doorbells (memory-backed doorbells of models).
 */
final class DeviceQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceQueue.class);
    private static final long STALL_NANOS = 1_000_000;

    final QmQueue qm;
    final QmRing ring;
    final SqeType sqeType;
    final boolean compress;
    final DeviceMemory memory;
    final String name;
    private final long timeoutNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Ticket[] owners;
    private final AtomicInteger inflight = new AtomicInteger();
    private final AtomicInteger asyncInflight = new AtomicInteger();
    private volatile long lastProgress = System.nanoTime();
    private final Thread reaper;
    private volatile boolean reaperIdle;
    private volatile boolean closed;
    private volatile RuntimeException dead;

    DeviceQueue(Uacce host, DeviceInfo device, boolean compress, DeviceSettings settings) {
        this.compress = compress;
        this.qm = QmQueue.open(host, device, QmOptions.builder().qcType(compress ? 0 : 1).build());
        try {
            this.ring = qm.ring();
            this.sqeType = SqeType.forVersion(qm.version());
            this.memory = device.sva() ? new SvaMemory()
                    : new SsMemory(qm.queue().map(Region.SS, settings.ssBytes()), qm.queue().ssSlices());
        } catch (RuntimeException e) {
            qm.close();
            throw e;
        }
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(settings.timeoutMillis());
        this.owners = new Ticket[ring.depth()];
        this.name = device.name() + " qn " + qm.qn() + (compress ? " (compress)" : " (decompress)");
        this.reaper = Thread.ofPlatform().daemon().name("uacce-reaper-" + device.name() + "-qn" + qm.qn())
                .unstarted(this::reap);
        reaper.start();
        LOG.debug("opened {} ({}, SQE {}, depth {})", name, device.sva() ? "SVA" : "no-SVA, SS region", sqeType,
                ring.depth());
    }

    /** Requests in flight. */
    int inflight() {
        return inflight.get();
    }

    /** Writes the request into a free slot and rings the doorbell; the ticket completes later. */
    void submit(ZipRequest request, Ticket ticket) {
        long deadline = 0;
        while (true) {
            checkAlive();
            lock.lock();
            try {
                int slot = ring.tryReserve();
                if (slot >= 0) {
                    request.tag(slot).writeTo(ring.sqe(slot));
                    owners[slot] = ticket;
                    if (inflight.getAndIncrement() == 0) {
                        lastProgress = System.nanoTime(); // the stall clock starts with the first request
                    }
                    if (ticket.async()) {
                        asyncInflight.incrementAndGet();
                    }
                    try {
                        ring.publish();
                    } catch (RuntimeException e) {
                        owners[slot] = null;
                        finished(ticket);
                        die(e);
                        throw e;
                    }
                    break;
                }
            } finally {
                lock.unlock();
            }
            long now = System.nanoTime();
            if (deadline == 0) {
                deadline = now + timeoutNanos;
            } else if (now > deadline) {
                throw new DeviceTimeoutException("no free SQ slot on " + name + " within " + timeoutNanos / 1_000_000
                        + " ms (setting " + DeviceSettings.PROP_TIMEOUT + "): every slot is in flight and none completes");
            }
            LockSupport.parkNanos(20_000);
        }
        if (reaperIdle && ticket.async()) {
            LockSupport.unpark(reaper);
        }
    }

    /**
     * The reaper thread: it reaps while asynchronous requests are in flight; synchronous callers
     * reap for themselves while they wait ({@link #reapOnce}), which saves a thread hand-off per
     * request. A timed park keeps it a safety net for everything else.
     */
    private void reap() {
        int idle = 0;
        while (!closed && dead == null) {
            if (asyncInflight.get() == 0) {
                reaperIdle = true;
                if (asyncInflight.get() == 0 && !closed) {
                    LockSupport.parkNanos(this, inflight.get() == 0 ? 10_000_000 : 1_000_000);
                }
                reaperIdle = false;
                if (asyncInflight.get() == 0) {
                    reapOnce(); // safety net for waiters that are parked
                    continue;
                }
            }
            if (reapOnce()) {
                idle = 0;
            } else if (++idle < 256) {
                Thread.onSpinWait();
            } else if (idle < 512) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(20_000);
            }
        }
    }

    /**
     * Takes at most one completion off the CQ and hands it to the ticket that owns its slot. Any
     * thread may call it; when another thread holds the ring it returns at once. After
     * {@code STALL_NANOS} without progress it waits inside the ring, which re-kicks doorbells;
     * after the request timeout it declares the queue dead.
     *
     * @return true if a request completed
     */
    boolean reapOnce() {
        if (inflight.get() == 0 || dead != null || !lock.tryLock()) {
            return false;
        }
        Ticket t = null;
        try {
            long now = System.nanoTime();
            if (now - lastProgress > timeoutNanos) {
                die(new DeviceTimeoutException("no completion on " + name + " for " + timeoutNanos / 1_000_000
                        + " ms with " + inflight.get() + " requests in flight (setting " + DeviceSettings.PROP_TIMEOUT
                        + "): the queue is abandoned; close the engine and open a new one"));
                return false;
            }
            int slot = now - lastProgress > STALL_NANOS && ring.inDevice() > 0 ? awaitBriefly() : ring.pollCompletion();
            if (slot >= 0) {
                t = owners[slot];
                owners[slot] = null;
                t.result.readFrom(ring.sqe(slot), sqeType);
                ring.release(slot);
                lastProgress = System.nanoTime();
            }
        } catch (RuntimeException e) {
            die(e);
            return false;
        } finally {
            lock.unlock();
        }
        if (t == null) {
            return false;
        }
        finished(t);
        completeQuietly(t, null);
        return true;
    }

    private void finished(Ticket t) {
        inflight.decrementAndGet();
        if (t.async()) {
            asyncInflight.decrementAndGet();
        }
    }

    /** Waits inside the ring (it re-kicks doorbells) for a short time; −1 when nothing came. */
    private int awaitBriefly() {
        try {
            return ring.awaitCompletion(2 * STALL_NANOS, TimeUnit.NANOSECONDS);
        } catch (DeviceTimeoutException e) {
            return -1;
        }
    }

    private static void completeQuietly(Ticket t, RuntimeException error) {
        try {
            t.complete(error);
        } catch (RuntimeException e) {
            LOG.warn("completion callback failed", e);
        }
    }

    /** Takes the queue out of service (a request timed out); every request in flight fails. */
    void abandon(RuntimeException cause) {
        die(cause);
    }

    /** Marks the queue dead and fails every request in flight with {@code cause}. */
    private void die(RuntimeException cause) {
        if (dead == null) {
            dead = cause;
            LOG.warn("{} failed: {}", name, cause.getMessage());
        }
        failAll(cause);
    }

    private void failAll(RuntimeException cause) {
        lock.lock();
        try {
            for (int i = 0; i < owners.length; i++) {
                Ticket t = owners[i];
                if (t != null) {
                    owners[i] = null;
                    finished(t);
                    completeQuietly(t, cause);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** True while the queue accepts requests. */
    boolean alive() {
        return dead == null && !closed;
    }

    private void checkAlive() {
        RuntimeException d = dead;
        if (d != null) {
            throw new UacceException(name + " is out of service after an earlier failure (" + d.getMessage()
                    + "); close the engine and open a new one", d);
        }
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        long deadline = System.nanoTime() + Math.min(timeoutNanos, 5_000_000_000L);
        while (inflight.get() > 0 && dead == null && System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000); // let requests in flight finish before the queue goes
        }
        closed = true;
        LockSupport.unpark(reaper);
        try {
            reaper.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failAll(new IllegalStateException(name + " closed with the request in flight"));
        memory.close();
        qm.close();
    }
}
