package io.uacce.request;

import java.lang.foreign.MemorySegment;

/**
 * What an engine supplies to the request layer: how its request goes into an SQE slot, how its
 * result comes out of the completed slot, and what its status codes mean. The layer owns
 * everything else (queues, slots, doorbells, completions, timeouts, device memory).
 *
 * <p>Both methods run on a thread that holds the queue's ring lock and must therefore be short,
 * allocation-free and must not block or call back into the layer. They never run user code.
 *
 * @param <Q> the engine's request (mutable and reused by its owner, so a request costs no allocation)
 * @param <R> the engine's result (mutable, supplied by the caller and filled by {@link #decode})
 */
public interface RequestCodec<Q, R> {

    /**
     * Writes {@code request} into the SQE slot and stores {@code tag} where this engine's SQE
     * keeps its tag. The slot is {@code sqe.byteSize()} bytes (the queue's SQE size) and holds
     * the previous request's results: write every field, or zero-fill it first.
     */
    void encode(Q request, MemorySegment sqe, int tag);

    /** Reads the completion the device wrote into the SQE slot into {@code result}. */
    void decode(MemorySegment sqe, R result);

    /** The device status of a decoded result (the engine's status field). */
    int status(R result);

    /** What this engine's status codes mean. */
    StatusTable statusTable();

    /** Input bytes of a request, for the JFR event of a device request (-1: not known). Not on the hot path when off. */
    default long bytesIn(Q request) {
        return -1;
    }

    /**
     * Output bytes of a decoded result, for the JFR event (-1: not known from the result; then
     * {@link #resultBytes} counts).
     */
    default long bytesOut(R result) {
        return -1;
    }

    /**
     * Output bytes {@code request} produces when it succeeds, where the request alone tells (engines
     * whose device writes results of a size fixed by the request and reports no length: SEC, HPRE),
     * for the JFR event of a device request; -1: not known before the completion ({@link #bytesOut}).
     * Read at submit, with {@link #bytesIn}; a request that does not succeed records 0 output bytes
     * unless {@link #bytesOut} says otherwise.
     */
    default long resultBytes(Q request) {
        return -1;
    }
}
