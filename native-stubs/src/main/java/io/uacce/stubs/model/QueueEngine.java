package io.uacce.stubs.model;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device side of one started queue, on its own thread: watches the doorbell word, takes SQEs
 * from its SQ head up to the newest SQ tail, runs them, writes the results into the SQ slot and
 * then publishes a CQE (spec §3.3–§3.6, §5).
 *
 * <p>Doorbells: MMIO is ordinary memory here. The thread reads the 64-bit doorbell word and swaps
 * it back to {@link ModelQueue#DOORBELL_IDLE} with a compare-and-set, so each write is seen once
 * and a write racing with the swap is never lost; only a write overwritten before the thread
 * looked is lost (docs/architecture.md, "Memory-backed doorbells"). While busy the thread spins; after
 * {@code engineSpin} without work it parks, doubling from 2 µs up to {@code engineMaxPark}.
 */
final class QueueEngine implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueEngine.class);

    static final VarHandle DOORBELL = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();
    private static final long MIN_PARK_NANOS = 2_000;
    private static final long HOLD_NANOS = 1_000_000;
    /** The longest {@link #stop()} waits for the thread to end (one SQE takes far less). */
    static final long STOP_TIMEOUT_NANOS = 10_000_000_000L;
    private static final long DELAY_RECHECK_NANOS = 10_000_000;

    private final ModelQueue queue;
    private final ModelDevice device;
    private final Supplier<SqeProcessor> processors;
    private SqeProcessor processor;
    private final MemorySegment mmio;
    private final MemorySegment dus;
    private final long doorbell;
    private final boolean v1;
    private final int depth;
    private final long cqBase;
    private final MemorySegment[] slots;
    private final Thread thread;
    private volatile boolean running = true;

    private int sqHead;
    private int sqTail;
    private int cqTail;
    private int phase = 1;
    private int cqHead;
    private long cqWritten;
    private long cqConsumed;
    private final List<Integer> batch = new ArrayList<>();
    private int held = -1;
    private long heldSince;

    QueueEngine(ModelQueue queue, Supplier<SqeProcessor> processors) {
        this.queue = queue;
        this.device = queue.device;
        this.processors = processors;
        this.mmio = queue.mmio;
        this.dus = queue.dus;
        this.doorbell = device.api().doorbellOffset();
        this.v1 = device.api() == ModelApi.V1;
        this.depth = queue.depth();
        int sqeSize = device.sqeSize();
        this.cqBase = (long) sqeSize * depth;
        this.slots = new MemorySegment[depth];
        for (int i = 0; i < depth; i++) {
            slots[i] = dus.asSlice((long) sqeSize * i, sqeSize);
        }
        this.thread = Thread.ofPlatform().daemon().name("uacce-model-" + device.name() + "-qn" + queue.qn)
                .unstarted(this);
    }

    void start() {
        thread.start();
    }

    /**
     * Stops the thread and waits for it, at most {@link #STOP_TIMEOUT_NANOS}. A thread that does
     * not end by then is logged and left behind (it ends after its current SQE); freeing the
     * queue memory is still safe then, because that memory lives in a shared arena whose closing
     * makes the thread's next access fail instead of touching freed memory.
     */
    void stop() {
        running = false;
        LockSupport.unpark(thread);
        if (Thread.currentThread() == thread) {
            return;
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + STOP_TIMEOUT_NANOS;
        while (thread.isAlive()) {
            if (System.nanoTime() - deadline >= 0) {
                LOG.error("model device {} qn {}: device thread {} did not stop within {} s of PUT_Q/close/reset"
                        + " (QueueEngine.STOP_TIMEOUT_NANOS, fixed); carrying on without it: {}", device.name(),
                        queue.qn, thread.getName(), STOP_TIMEOUT_NANOS / 1_000_000_000L,
                        java.util.Arrays.toString(thread.getStackTrace()));
                break;
            }
            try {
                thread.join(100);
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (thread.isAlive()) {
                thread.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A hint that user space is waiting: end a park early. */
    void kick() {
        LockSupport.unpark(thread);
    }

    @Override
    public void run() {
        long spin = device.settings().engineSpin().toNanos();
        long maxPark = Math.max(MIN_PARK_NANOS, device.settings().engineMaxPark().toNanos());
        long lastWork = System.nanoTime();
        long park = MIN_PARK_NANOS;
        processor = processors.get(); // created here: its buffers belong to this thread
        try {
            while (running && !queue.dead()) {
                boolean work = takeDoorbell();
                if (sqHead != sqTail) {
                    processAvailable();
                    work = true;
                }
                if (held >= 0 && System.nanoTime() - heldSince > HOLD_NANOS) {
                    int h = held;
                    held = -1;
                    publish(h);
                }
                if (work) {
                    lastWork = System.nanoTime();
                    park = MIN_PARK_NANOS;
                } else if (System.nanoTime() - lastWork < spin) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(park);
                    park = Math.min(park * 2, maxPark);
                }
            }
        } catch (RuntimeException | Error e) {
            if (!running) {
                return; // stopped and its memory freed while it was still working: nothing to report
            }
            LOG.error("model device {} qn {}: device thread failed; queue stopped", device.name(), queue.qn, e);
            queue.overflowed();
        } finally {
            processor.close();
        }
    }

    /** Takes one doorbell write if there is one. */
    private boolean takeDoorbell() {
        long db = (long) DOORBELL.getVolatile(mmio, doorbell);
        if (db == ModelQueue.DOORBELL_IDLE) {
            return false;
        }
        if (!DOORBELL.compareAndSet(mmio, doorbell, db, ModelQueue.DOORBELL_IDLE)) {
            return true; // rewritten meanwhile: take the newer value next round
        }
        int qn;
        int cmd;
        if (v1) {
            qn = (int) (db & 0xFFFF);
            cmd = (int) ((db >>> 16) & 0xFFFF);
        } else {
            qn = (int) (db & 0xFFF);
            cmd = (int) ((db >>> 12) & 0xF);
        }
        int index = (int) ((db >>> 32) & 0xFFFF);
        int priority = (int) (db >>> 48);
        if ((qn & 0x3FF) != (queue.qn & 0x3FF) || index >= depth || (cmd != 0 && cmd != 1)) {
            device.countIgnoredDoorbell();
            return true;
        }
        if (cmd == 0) {
            sqTail = index;
        } else if (device.dropsCqDoorbells()) {
            return true; // ModelDevice.dropCqDoorbells: the head update is lost
        } else {
            long advance = Math.floorMod(index - cqHead, depth);
            if (advance <= cqWritten - cqConsumed) {
                cqConsumed += advance;
                cqHead = index;
            } else {
                device.countIgnoredDoorbell(); // head beyond what the device wrote
            }
            if (priority == 1) {
                queue.arm(cqWritten > cqConsumed);
            }
        }
        return true;
    }

    private void processAvailable() {
        boolean reorder = device.outOfOrder();
        while (running && !queue.dead() && sqHead != sqTail) {
            int slot = sqHead;
            if (!holdBeforeDma()) {
                return; // stopped while holding the SQE: it never runs
            }
            processor.process(slots[slot]);
            device.filterResult(slots[slot]);
            sqHead = (sqHead + 1) % depth;
            if (device.takeLostCompletion()) {
                takeDoorbell();
                continue; // ModelDevice.loseCompletions: run, but never completed
            }
            if (reorder) {
                batch.add(slot);
            } else {
                publish(slot);
            }
            takeDoorbell();
        }
        if (!reorder || batch.isEmpty()) {
            return;
        }
        if (batch.size() == 1 && held < 0) {
            held = batch.remove(0);
            heldSince = System.nanoTime();
            return;
        }
        for (int i = batch.size() - 1; i >= 0; i--) {
            publish(batch.get(i));
        }
        batch.clear();
        if (held >= 0) {
            int h = held;
            held = -1;
            publish(h);
        }
    }

    /** {@link ModelDevice#lateWrites}: waits before the SQE's DMA; false if the queue stopped meanwhile. */
    private boolean holdBeforeDma() {
        long from = System.nanoTime();
        long left;
        while (running && !queue.dead() && (left = from + device.lateWriteNanos() - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(left, DELAY_RECHECK_NANOS));
        }
        return running && !queue.dead();
    }

    /** Publishes the CQE for an SQ slot whose results are written, waiting for CQ space. */
    private void publish(int slot) {
        // Take doorbells before the CQE appears: user space rings its next CQ doorbell only after
        // seeing a CQE, so an SQ doorbell written before this point cannot be lost to that one.
        takeDoorbell();
        // The delay is read again while waiting, so turning it down takes effect on a held completion.
        long heldFrom = System.nanoTime();
        long left;
        while (running && (left = heldFrom + device.completionDelayNanos() - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(left, DELAY_RECHECK_NANOS));
        }
        if (cqWritten - cqConsumed >= depth - 1 && !waitForCqSpace()) {
            return;
        }
        if (!running || queue.dead()) {
            return;
        }
        long cqe = cqBase + (long) HostSettings.CQE_SIZE * cqTail;
        dus.set(ValueLayout.JAVA_LONG_UNALIGNED, cqe, 0L);
        long word = (slot & 0xFFFFL) | (queue.qn & 0xFFFFL) << 16 | (long) phase << 48;
        DOORBELL.setRelease(dus, cqe + 8, word); // sq_head, sq_num, rsvd2, w7 (phase) in one store
        if (++cqTail == depth) {
            cqTail = 0;
            phase ^= 1;
        }
        cqWritten++;
        device.countCompletion();
        queue.completionWritten();
    }

    /**
     * The CQ is full in the device's view (depth − 1 unread CQEs: one slot stays free so that a
     * head index is never ambiguous, as for the SQ): wait for a CQ doorbell for the grace period, then
     * declare an overflow (TX-stop, RX-stop, queue dead).
     */
    private boolean waitForCqSpace() {
        long grace = device.settings().cqGrace().toNanos();
        long start = System.nanoTime();
        while (running && !queue.dead()) {
            takeDoorbell();
            if (cqWritten - cqConsumed < depth - 1) {
                return true;
            }
            if (System.nanoTime() - start > grace) {
                queue.overflowed();
                return false;
            }
            LockSupport.parkNanos(MIN_PARK_NANOS * 5);
        }
        return false;
    }
}
