package io.uacce.compress.device;

import io.uacce.DeviceTimeoutException;
import io.uacce.compress.zip.ZipResult;
import java.util.concurrent.locks.LockSupport;

/**
 * One request in flight: the reaper decodes the completed SQE into {@link #result} and wakes the
 * waiter (synchronous) or runs {@link #onComplete} (asynchronous). Sessions reuse their ticket,
 * so a synchronous request allocates nothing.
 */
class Ticket {
    /** Busy-poll phase of a synchronous wait since the last completion. */
    private static final long SPIN_NANOS = 20_000;
    /** Then yield until this long without a completion; afterwards timed parks. */
    private static final long YIELD_NANOS = 1_000_000;
    final ZipResult result = new ZipResult();
    private volatile boolean done;
    private volatile RuntimeException failure;
    private volatile Thread waiter;

    void arm() {
        done = false;
        failure = null;
        waiter = Thread.currentThread();
    }

    /** Called by the reaper after {@link #result} is filled (or with a failure). */
    final void complete(RuntimeException error) {
        failure = error;
        done = true;
        onComplete();
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** The failure the reaper reported, or null. */
    final RuntimeException failure() {
        return failure;
    }

    /** Asynchronous tickets override this; it runs on the reaper thread. */
    void onComplete() {
    }

    /** True for tickets completed by the reaper thread (asynchronous requests). */
    boolean async() {
        return false;
    }

    /** Waits for completion, reaping the queue meanwhile; rethrows a device failure. */
    void await(DeviceQueue queue, long timeoutNanos, boolean compress) {
        long start = System.nanoTime();
        long deadline = start + timeoutNanos;
        long lastProgress = start;
        while (!done) {
            if (queue.reapOnce()) {
                lastProgress = System.nanoTime();
                continue;
            }
            // Busy-poll first, as UADK's synchronous mode does: a parked waiter wakes up tens of
            // microseconds late (timer slack), which costs more than a request of a few hundred
            // microseconds can afford. Spin briefly, then yield (which also lets a device model
            // thread run on an oversubscribed machine), and park only after a millisecond idle.
            long idle = System.nanoTime() - lastProgress;
            if (idle < SPIN_NANOS) {
                Thread.onSpinWait();
                continue;
            }
            if (idle < YIELD_NANOS) {
                Thread.yield();
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                String what = (compress ? "a compression" : "a decompression") + " request on " + queue.name;
                DeviceTimeoutException e = new DeviceTimeoutException("no completion for " + what + " within "
                        + timeoutNanos / 1_000_000 + " ms (setting " + DeviceSettings.PROP_TIMEOUT
                        + "); the device or its queue is stuck: the queue is taken out of service");
                // The request may still complete later into this (reused) ticket and buffers:
                // the queue is abandoned so nothing of it is used again.
                queue.abandon(e);
                throw e;
            }
            LockSupport.parkNanos(this, Math.min(left, 20_000));
        }
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
    }
}
