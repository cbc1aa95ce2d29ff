package io.uacce.qm;

import io.uacce.DeviceStoppedException;
import io.uacce.DeviceTimeoutException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The QM submission/completion ring of one queue (spec §3): SQ ring at DUS + 0, CQ ring (16-byte
 * entries) at DUS + sqeSize·sqDepth, TX-stop word at DUS end − 4, RX-stop word at DUS end − 8, the
 * 64-bit doorbell in the MMIO region.
 *
 * <p>Use: {@link #tryReserve()} one or more slots, fill each {@link #sqe(int)}, {@link #publish()}
 * the batch (one doorbell), then {@link #awaitCompletion} / {@link #pollCompletion()} until each
 * slot comes back, read the results the device wrote into {@code sqe(slot)}, and
 * {@link #release(int)} the slot. Completions may come in any order; a slot is handed out again
 * only after its completion was reaped and released. At most {@link #capacity()} = depth − 1
 * slots are in use at a time.
 *
 * <p>The ring does not depend on {@code UacceQueue}: it works on any two memory segments, which
 * is how it is unit-tested. It is <b>not thread-safe</b>: one thread at a time (callers lock).
 * The hot path ({@code tryReserve}, {@code sqe}, {@code publish}, {@code pollCompletion},
 * {@code release}) allocates nothing.
 */
public final class QmRing {
    private static final byte FREE = 0;
    private static final byte RESERVED = 1;
    private static final byte SUBMITTED = 2;
    private static final byte COMPLETED = 3;

    /** Size of one CQE in bytes. */
    public static final int CQE_SIZE = 16;
    private static final long CQE_SQ_HEAD = 8;
    private static final long CQE_W7 = 14;
    private static final ValueLayout.OfShort U16 =
            ValueLayout.JAVA_SHORT.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment mmio;
    private final MemorySegment dus;
    private final QmVersion version;
    private final int qn;
    private final int sqeSize;
    private final int sqDepth;
    private final int cqDepth;
    private final int capacity;
    private final long doorbellOffset;
    private final long cqBase;
    private final long txStopOffset;
    private final long rxStopOffset;
    private final MemorySegment[] sqes;
    private final byte[] state;
    private final int[] publishSeq; // per slot: number of the SQ doorbell that published it
    private final int cqBatch;      // options.cqBatch(), at most a quarter of the CQ
    private final QmEventWait eventWait;
    private final QmOptions options;
    private final int cqPriority;
    /** Re-kick and SQ echo: only for memory-backed doorbells ({@link QmOptions#memoryBackedDoorbells()}). */
    private final boolean rekickOn;
    private final boolean sqEcho;
    /** Told of every doorbell the ring writes again (re-kick, SQ echo); null: nobody. */
    private final QmDoorbellRewrite rewritten;
    private final long sqWordBase; // doorbell word with index 0, priority 0 (qn and cmd only)
    private final long cqWordBase;

    private int tail;          // next slot tryReserve hands out
    private int publishedTail; // SQ tail of the last SQ doorbell
    private int cqHead;
    private int phase = 1;
    private int outstanding;   // slots not FREE
    private int reserved;      // RESERVED: handed out, not yet published
    private int inDevice;      // SUBMITTED: published, completion not yet reaped
    private int unacked;       // reaped since the last CQ doorbell
    private long lastSqWord;
    private boolean sqRung;
    private boolean lastWasCq;
    private int sqSeq;          // SQ doorbells written by publish()
    private boolean sqSeen;     // a completion proved the device read the newest SQ doorbell
    private boolean sqEchoPending; // a CQ doorbell may have hidden the newest SQ doorbell
    private long sqDoorbells;
    private long cqDoorbells;
    private long rekicks;
    private long lastKick;     // time of the last re-kick (or wait start)
    private long kickInterval; // current re-kick interval: rekickFirst, doubling up to rekick

    /**
     * Builds the ring over mapped (or, in tests, ordinary) memory. Local state starts as the
     * kernel leaves a new queue: tail 0, head 0, expected phase 1, nothing in use.
     *
     * @param mmio      the MMIO region (at least doorbell offset + 8 bytes)
     * @param dus       the whole DUS region (its end holds the stop words)
     * @param version   QM generation (doorbell location and layout)
     * @param qn        queue number from SET_QP_CTX
     * @param sqeSize   SQE size in bytes (ZIP: 128), a multiple of 16
     * @param sqDepth   SQ entries, 2..65536
     * @param cqDepth   CQ entries, 2..65536
     * @param eventWait poll(2) on the queue fd, used in {@link QmOptions.WaitMode#POLL}; may be null
     *                  in {@link QmOptions.WaitMode#SPIN}
     * @param options   wait mode, limits, re-kick, CQ doorbell batching
     * @throws IllegalArgumentException naming the value that does not fit
     */
    public QmRing(MemorySegment mmio, MemorySegment dus, QmVersion version, int qn, int sqeSize,
                  int sqDepth, int cqDepth, QmEventWait eventWait, QmOptions options) {
        this(mmio, dus, version, qn, sqeSize, sqDepth, cqDepth, eventWait, options, null);
    }

    /**
     * As {@link #QmRing(MemorySegment, MemorySegment, QmVersion, int, int, int, int, QmEventWait, QmOptions)},
     * with a listener told of every doorbell word the ring writes again (re-kick, SQ echo: only
     * with {@link QmOptions#memoryBackedDoorbells()}), right after the store and before any other
     * doorbell store of this ring. {@link QmQueue} passes its queue's
     * {@code UacceQueue::doorbellRewritten}, so a device model that polls the word (the CUSE
     * mock) can also take it through its side channel.
     *
     * @param rewritten the listener, or null
     */
    public QmRing(MemorySegment mmio, MemorySegment dus, QmVersion version, int qn, int sqeSize,
                  int sqDepth, int cqDepth, QmEventWait eventWait, QmOptions options, QmDoorbellRewrite rewritten) {
        this.rewritten = rewritten;
        this.mmio = Objects.requireNonNull(mmio, "mmio");
        this.dus = Objects.requireNonNull(dus, "dus");
        this.version = Objects.requireNonNull(version, "version");
        this.options = Objects.requireNonNull(options, "options");
        QmDoorbell.checkQn(version, qn);
        if (sqeSize < CQE_SIZE || sqeSize % CQE_SIZE != 0) {
            throw new IllegalArgumentException("SQE size " + sqeSize + " is not a positive multiple of 16");
        }
        checkDepth("SQ", sqDepth);
        checkDepth("CQ", cqDepth);
        if (options.waitMode() == QmOptions.WaitMode.POLL && eventWait == null) {
            throw new IllegalArgumentException("wait mode POLL needs an event wait (poll(2) on the queue fd)");
        }
        this.qn = qn;
        this.sqeSize = sqeSize;
        this.sqDepth = sqDepth;
        this.cqDepth = cqDepth;
        this.capacity = Math.min(sqDepth, cqDepth) - 1;
        this.eventWait = eventWait;
        this.cqPriority = options.waitMode() == QmOptions.WaitMode.POLL ? 1 : 0;
        this.sqEcho = options.memoryBackedDoorbells();
        this.rekickOn = sqEcho && options.rekickNanos() > 0;
        this.doorbellOffset = version.doorbellOffset();
        if (mmio.byteSize() < doorbellOffset + 8) {
            throw new IllegalArgumentException("MMIO region of " + mmio.byteSize()
                    + " bytes does not hold the " + version + " doorbell at 0x" + Long.toHexString(doorbellOffset));
        }
        if ((mmio.address() + doorbellOffset) % 8 != 0) {
            throw new IllegalArgumentException("doorbell address is not 8-byte aligned: MMIO region starts at 0x"
                    + Long.toHexString(mmio.address()));
        }
        this.cqBase = (long) sqeSize * sqDepth;
        long needed = cqBase + (long) CQE_SIZE * cqDepth + 8;
        if (dus.byteSize() < needed) {
            throw new IllegalArgumentException("DUS region of " + dus.byteSize() + " bytes is too small for "
                    + sqDepth + " SQEs of " + sqeSize + " bytes, " + cqDepth + " CQEs and the stop words ("
                    + needed + " bytes)");
        }
        if (dus.address() % CQE_SIZE != 0 || dus.byteSize() % 8 != 0) {
            throw new IllegalArgumentException("DUS region at 0x" + Long.toHexString(dus.address()) + " size "
                    + dus.byteSize() + " is not 16-byte aligned with a size that is a multiple of 8");
        }
        this.txStopOffset = dus.byteSize() - 4;
        this.rxStopOffset = dus.byteSize() - 8;
        this.sqes = new MemorySegment[sqDepth];
        for (int i = 0; i < sqDepth; i++) {
            sqes[i] = dus.asSlice((long) i * sqeSize, sqeSize);
        }
        this.state = new byte[sqDepth];
        this.publishSeq = new int[sqDepth];
        this.cqBatch = Math.max(1, Math.min(options.cqBatch(), cqDepth / 4));
        this.sqWordBase = QmDoorbell.encode(version, qn, QmDoorbell.CMD_SQ, 0, 0);
        this.cqWordBase = QmDoorbell.encode(version, qn, QmDoorbell.CMD_CQ, 0, 0);
    }

    private static void checkDepth(String which, int depth) {
        if (depth < 2 || depth > 0x10000) {
            throw new IllegalArgumentException(which + " depth " + depth + " is outside 2..65536");
        }
    }

    /** SQ depth (slots in the SQ ring). */
    public int depth() {
        return sqDepth;
    }

    /** CQ depth. */
    public int cqDepth() {
        return cqDepth;
    }

    public int sqeSize() {
        return sqeSize;
    }

    /** Most slots in use at a time: min(sqDepth, cqDepth) − 1 (one slot stays free, spec §3.2). */
    public int capacity() {
        return capacity;
    }

    /** Slots in use: reserved, in the device, or completed but not yet released. */
    public int outstanding() {
        return outstanding;
    }

    /** Slots published to the device whose completion has not been reaped yet. */
    public int inDevice() {
        return inDevice;
    }

    public int qn() {
        return qn;
    }

    public QmVersion version() {
        return version;
    }

    public QmOptions options() {
        return options;
    }

    /** SQ doorbell stores so far (re-kicks included). */
    public long sqDoorbells() {
        return sqDoorbells;
    }

    /** CQ doorbell stores so far (re-kicks included). */
    public long cqDoorbells() {
        return cqDoorbells;
    }

    /** Re-kicks so far (doorbells written again because nothing arrived; see {@link QmOptions}). */
    public long rekicks() {
        return rekicks;
    }

    /**
     * Reserves the next SQ slot. Repeated calls before {@link #publish()} form one batch.
     *
     * @return the slot, or −1 when {@link #capacity()} slots are in use or the next slot in ring
     *         order is still owned (its completion not yet reaped and released)
     * @throws DeviceStoppedException if a CQ doorbell had to be rung first and the RX-stop word is set
     */
    public int tryReserve() {
        int slot = tail;
        if (outstanding >= capacity || state[slot] != FREE) {
            return -1;
        }
        // The device's view of the CQ holds every entry not yet acknowledged by a CQ doorbell:
        // keep it below cqDepth − 1 so the device never sees a full CQ (CQ overflow stops the queue).
        if (reserved + 1 + inDevice + unacked > cqDepth - 1) {
            ringCq(cqPriority);
        }
        state[slot] = RESERVED;
        tail = slot + 1 == sqDepth ? 0 : slot + 1;
        reserved++;
        outstanding++;
        return slot;
    }

    /**
     * The SQE of a slot inside the DUS SQ ring (a slice made once at construction).
     *
     * @throws IndexOutOfBoundsException for a slot outside 0..depth−1
     */
    public MemorySegment sqe(int slot) {
        return sqes[slot];
    }

    /**
     * Hands the reserved slots to the device: checks the TX-stop word, issues the store barrier and
     * writes ONE SQ doorbell with the new tail. No-op when nothing is reserved.
     *
     * @throws DeviceStoppedException if the TX-stop word is set (the slots stay reserved; the queue
     *                                is dead: close it)
     */
    public void publish() {
        if (reserved == 0) {
            return;
        }
        checkStop(txStopOffset, "TX", "before the SQ doorbell");
        int seq = ++sqSeq;
        for (int s = publishedTail; s != tail; s = s + 1 == sqDepth ? 0 : s + 1) {
            state[s] = SUBMITTED;
            publishSeq[s] = seq;
        }
        inDevice += reserved;
        reserved = 0;
        publishedTail = tail;
        long word = sqWordBase | ((long) tail << 32);
        MemoryOrdering.beforeDoorbell();
        MemoryOrdering.storeDoorbell(mmio, doorbellOffset, word);
        lastSqWord = word;
        sqRung = true;
        sqSeen = false;
        sqEchoPending = false;
        lastWasCq = false;
        sqDoorbells++;
    }

    /**
     * Reaps at most one completion: the CQE at the CQ head is taken if its phase bit matches.
     *
     * @return the SQ slot whose SQE completed (read its results from {@link #sqe(int)}, then
     *         {@link #release(int)} it), or −1 if no new completion is there
     * @throws DeviceStoppedException  if the RX-stop word is set, before or after reaping
     * @throws QmCompletionException   if the CQE's sq_head is ≥ depth or names a slot not in the device
     */
    public int pollCompletion() {
        checkStop(rxStopOffset, "RX", "before reaping");
        long off = cqBase + ((long) cqHead << 4);
        short w7 = MemoryOrdering.loadPhaseWord(dus, off + CQE_W7);
        if ((w7 & 1) != phase) {
            return -1;
        }
        int sqHead = Short.toUnsignedInt(dus.get(U16, off + CQE_SQ_HEAD));
        if (sqHead >= sqDepth) {
            throw new QmCompletionException("QM queue qn " + qn + ": completion entry " + cqHead
                    + " has sq_head " + sqHead + ", outside the SQ ring of depth " + sqDepth
                    + " (device error, UADK reports EIO): close the queue and open a new one", cqHead, sqHead);
        }
        if (state[sqHead] != SUBMITTED) {
            throw new QmCompletionException("QM queue qn " + qn + ": completion entry " + cqHead
                    + " names SQ slot " + sqHead + ", which has no request in the device (" + stateName(state[sqHead])
                    + "): duplicate or spurious completion; close the queue and open a new one", cqHead, sqHead);
        }
        int newHead = cqHead + 1;
        int newPhase = phase;
        if (newHead == cqDepth) {
            newHead = 0;
            newPhase ^= 1;
        }
        checkStop(rxStopOffset, "RX", "after reaping");
        cqHead = newHead;
        phase = newPhase;
        state[sqHead] = COMPLETED;
        inDevice--;
        unacked++;
        if (publishSeq[sqHead] == sqSeq) {
            sqSeen = true;
            sqEchoPending = false;
        }
        if (inDevice == 0) {
            ringCq(cqPriority); // device idle: it has read every SQ doorbell, nothing to hide
        } else if (unacked >= cqBatch) {
            // Batched CQ doorbell (docs/ring.md, CQ doorbell policy and lost doorbells).
            ringCqKeepingSq(cqPriority);
        }
        return sqHead;
    }

    /**
     * A hint, safe to call from a thread that does not own the ring: whether the CQE at the CQ
     * head shows the expected phase (a completion is there to reap). Reads no stop word and
     * changes nothing; the answer may be stale, so take the ring and {@link #pollCompletion()}
     * to act on it. Lets waiters spin without taking the ring's lock.
     */
    public boolean completionReady() {
        long off = cqBase + ((long) cqHead << 4);
        return (MemoryOrdering.loadPhaseWord(dus, off + CQE_W7) & 1) == phase;
    }

    /**
     * Gives a reaped slot back; it may be reserved again.
     *
     * @throws IllegalStateException if the slot was not handed back by a completion (or released twice)
     */
    public void release(int slot) {
        if (slot < 0 || slot >= sqDepth) {
            throw new IndexOutOfBoundsException("slot " + slot + " outside 0.." + (sqDepth - 1));
        }
        if (state[slot] != COMPLETED) {
            throw new IllegalStateException("QM queue qn " + qn + ": slot " + slot + " cannot be released: it is "
                    + stateName(state[slot]) + " (only a slot returned by pollCompletion/awaitCompletion can be)");
        }
        state[slot] = FREE;
        outstanding--;
    }

    /** {@link #awaitCompletion(long, TimeUnit)} with the limit of {@link QmOptions#timeoutNanos()}. */
    public int awaitCompletion() {
        return awaitCompletion(options.timeoutNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Waits for the next completion in the configured wait mode.
     *
     * @return the completed slot (as {@link #pollCompletion()})
     * @throws DeviceTimeoutException if nothing completes within the limit; the message names the
     *                                wait, the limit, the outstanding count and the setting
     * @throws IllegalStateException  if nothing is in the device (the wait could only time out)
     * @throws DeviceStoppedException as {@link #pollCompletion()}
     */
    public int awaitCompletion(long timeout, TimeUnit unit) {
        int slot = pollCompletion();
        if (slot >= 0) {
            return slot;
        }
        if (inDevice == 0) {
            throw new IllegalStateException("QM queue qn " + qn + ": awaitCompletion with nothing in the device ("
                    + (reserved > 0 ? reserved + " reserved slots: call publish() first" : "submit first") + ")");
        }
        long limit = Math.max(1, unit.toNanos(timeout));
        return options.waitMode() == QmOptions.WaitMode.POLL ? awaitByPoll(limit) : awaitBySpin(limit);
    }

    private int awaitBySpin(long limit) {
        final String wait = "spin wait (spin, yield, park)";
        final long start = beginWait();
        int slot = spinPhase(start, limit, wait);
        if (slot >= 0) {
            return slot;
        }
        if (unacked > 0) {
            ringCqKeepingSq(cqPriority); // going idle: hand the CQ head back
        }
        final int yields = options.yieldIterations();
        for (long i = 1; ; i++) {
            slot = pollCompletion();
            if (slot >= 0) {
                return slot;
            }
            if (i <= yields) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(options.parkNanos());
            }
            checkDeadlineAndRekick(start, limit, wait);
        }
    }

    private int awaitByPoll(long limit) {
        final String wait = "poll(2) wait";
        final long start = beginWait();
        int slot = spinPhase(start, limit, wait);
        if (slot >= 0) {
            return slot;
        }
        final boolean rekick = rekickOn;
        boolean arm = true;
        for (;;) {
            if (arm) {
                ringCqKeepingSq(1); // priority 1 re-arms the completion interrupt (spec §1.5)
                arm = false;
                slot = pollCompletion(); // a CQE may have landed before the arm
                if (slot >= 0) {
                    return slot;
                }
            }
            long now = System.nanoTime();
            long left = limit - (now - start);
            if (left <= 0) {
                throw timeout(wait, limit);
            }
            long slice = rekick ? Math.min(left, Math.max(0, kickInterval - (now - lastKick))) : left;
            if (sqEchoPending) {
                slice = Math.min(slice, 1_000_000); // the SQ doorbell follows the arm after ≤ 1 ms
            }
            boolean readable = eventWait.await(Math.max(1, (slice + 999_999) / 1_000_000));
            slot = pollCompletion();
            if (slot >= 0) {
                return slot;
            }
            arm = readable; // an event was delivered: the interrupt must be armed again
            checkDeadlineAndRekick(start, limit, wait);
        }
    }

    /** Starts a wait: its clock and the first re-kick interval. */
    private long beginWait() {
        long start = System.nanoTime();
        lastKick = start;
        kickInterval = options.rekickFirstNanos();
        return start;
    }

    /** Up to {@code spinIterations} busy polls (both wait modes start with them); −1 if none completed. */
    private int spinPhase(long start, long limit, String wait) {
        final int spin = options.spinIterations();
        for (int i = 1; i <= spin; i++) {
            int slot = pollCompletion();
            if (slot >= 0) {
                return slot;
            }
            Thread.onSpinWait();
            if ((i & 63) == 0) {
                checkDeadlineAndRekick(start, limit, wait);
            }
        }
        return -1;
    }

    private void checkDeadlineAndRekick(long start, long limit, String wait) {
        long now = System.nanoTime();
        if (now - start >= limit) {
            throw timeout(wait, limit);
        }
        if (sqEchoPending) {
            sqEchoPending = false;
            rewriteSq("before writing the SQ doorbell again");
        }
        if (rekickOn && now - lastKick >= kickInterval) {
            rekick();
            lastKick = now;
            kickInterval = Math.min(kickInterval * 2, options.rekickNanos());
        }
    }

    /**
     * For callers that poll with {@link #pollCompletion()} instead of waiting in
     * {@link #awaitCompletion}: called when nothing completed for a while, it applies the
     * measures for memory-backed doorbells that the waits apply (the pending SQ echo, one
     * re-kick), if the options enable them ({@link QmOptions#memoryBackedDoorbells()}); on
     * other targets it does nothing. Never waits.
     *
     * @throws DeviceStoppedException if a stop word is set
     */
    public void nudge() {
        if (inDevice == 0) {
            return;
        }
        if (sqEchoPending) {
            sqEchoPending = false;
            rewriteSq("before writing the SQ doorbell again");
            return;
        }
        if (rekickOn) {
            rekick();
        }
    }

    /**
     * Writes a doorbell again because nothing arrived for the re-kick interval. Memory-backed
     * doorbells (device models) can lose a doorbell that was overwritten before the model read it;
     * on hardware the rewritten doorbell carries the same SQ tail, or the current CQ head (the last
     * one written, or a newer one), and changes nothing [inferred: idempotent]. The first re-kick
     * rewrites the kind of doorbell that was NOT written last (the one that may have been
     * overwritten), then they alternate.
     */
    private void rekick() {
        if (inDevice == 0) {
            return;
        }
        rekicks++;
        if (lastWasCq && sqRung) {
            rewriteSq("before re-kicking the SQ doorbell");
        } else {
            long word = ringCq(cqPriority);
            if (rewritten != null) {
                rewritten.rewritten(word);
            }
        }
    }

    /** Writes the newest SQ doorbell again (same tail: idempotent on hardware). */
    private void rewriteSq(String when) {
        checkStop(txStopOffset, "TX", when);
        MemoryOrdering.beforeDoorbell();
        MemoryOrdering.storeDoorbell(mmio, doorbellOffset, lastSqWord);
        sqDoorbells++;
        lastWasCq = false;
        if (rewritten != null) {
            rewritten.rewritten(lastSqWord);
        }
    }

    /**
     * A CQ doorbell that may hide the newest SQ doorbell from a memory-backed device (no
     * completion proved the device read it yet): the SQ doorbell is written again at the next
     * wait step, unless a completion or a newer SQ doorbell makes that unnecessary first. Not at
     * once: back-to-back, the second write would hide the CQ doorbell instead.
     */
    private void ringCqKeepingSq(int priority) {
        ringCq(priority);
        if (sqEcho && !sqSeen && sqRung && inDevice > 0) {
            sqEchoPending = true;
        }
    }

    private long ringCq(int priority) {
        checkStop(rxStopOffset, "RX", "before the CQ doorbell");
        long word = cqWordBase | ((long) cqHead << 32) | ((long) priority << 48);
        MemoryOrdering.beforeDoorbell();
        MemoryOrdering.storeDoorbell(mmio, doorbellOffset, word);
        lastWasCq = true;
        unacked = 0;
        cqDoorbells++;
        return word;
    }

    private void checkStop(long offset, String which, String when) {
        if (MemoryOrdering.loadStopWord(dus, offset) != 0) {
            throw new DeviceStoppedException("QM queue qn " + qn + ": " + which + "-stop word is set (seen "
                    + when + "): queue stopped / device reset: close it and open a new queue");
        }
    }

    private DeviceTimeoutException timeout(String wait, long limitNanos) {
        return new DeviceTimeoutException("QM queue qn " + qn + ": no completion within "
                + formatNanos(limitNanos) + " in the " + wait + "; " + outstanding + " slots outstanding, "
                + inDevice + " in the device (" + state() + "). The limit is the awaitCompletion timeout; QmQueue passes "
                + "QmOptions.timeout, default from system property " + QmOptions.PROP_TIMEOUT_MILLIS
                + " (wait mode: " + QmOptions.PROP_WAIT_MODE + ")");
    }

    /**
     * The ring's view for an error message, to compare with the device's: SQ tail, CQ head and
     * phase, the last SQ doorbell word and whether a completion proved it read, the kind of the
     * last doorbell written, and the doorbell counts. Call it from the ring's owner.
     */
    public String state() {
        return "SQ tail " + publishedTail + ", CQ head " + cqHead + " phase " + phase + ", last SQ doorbell 0x"
                + Long.toHexString(lastSqWord) + (sqSeen ? " (read by the device)" : " (not yet proved read)")
                + ", last doorbell " + (lastWasCq ? "CQ" : "SQ") + "; " + sqDoorbells + " SQ / " + cqDoorbells
                + " CQ doorbells, " + rekicks + " re-kicks" + (rekickOn ? "" : " (re-kick off)");
    }

    private static String formatNanos(long nanos) {
        if (nanos % 1_000_000 == 0) {
            return nanos / 1_000_000 + " ms";
        }
        return nanos / 1000 + " µs";
    }

    private static String stateName(byte s) {
        return switch (s) {
            case FREE -> "free";
            case RESERVED -> "reserved, not published";
            case SUBMITTED -> "in the device";
            default -> "completed, not yet released";
        };
    }

    @Override
    public String toString() {
        return "QmRing[qn=" + qn + ", " + version + ", sqe " + sqeSize + " B, depth " + sqDepth + "/" + cqDepth
                + ", tail " + tail + ", head " + cqHead + ", phase " + phase + ", outstanding " + outstanding
                + ", in device " + inDevice + "]";
    }
}
