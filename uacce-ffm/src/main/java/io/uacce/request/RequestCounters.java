package io.uacce.request;

/**
 * Counters of a {@link RequestPool} (summed over its queues, open and closed) or of one queue, a snapshot.
 *
 * @param submitted         requests written into an SQE and handed to the device (one per doorbell'd request)
 * @param completed         completions taken off the CQ
 * @param statusFailures    completions whose status the engine's {@link StatusTable} calls a failure
 * @param failed            requests failed without a completion (timeout, queue death, close)
 * @param queueDeaths       queues taken out of service (stopped with PUT_Q)
 * @param inflightHighWater most requests in flight at once on one queue (for a pool: the highest of its queues)
 * @param rekicks           doorbells written again because nothing arrived (memory-backed doorbell targets
 *                          only: the model, CUSE; always 0 on the real kernel; docs/ring.md)
 */
public record RequestCounters(long submitted, long completed, long statusFailures, long failed, long queueDeaths,
        long inflightHighWater, long rekicks) {

    /** Counters without the high-water mark and re-kicks (both 0). */
    public RequestCounters(long submitted, long completed, long statusFailures, long failed, long queueDeaths) {
        this(submitted, completed, statusFailures, failed, queueDeaths, 0, 0);
    }

    /** These and {@code o} together: sums, and the higher high-water mark (a pool's rule). */
    public RequestCounters plus(RequestCounters o) {
        return new RequestCounters(submitted + o.submitted, completed + o.completed,
                statusFailures + o.statusFailures, failed + o.failed, queueDeaths + o.queueDeaths,
                Math.max(inflightHighWater, o.inflightHighWater), rekicks + o.rekicks);
    }

    /** No request yet. */
    public static final RequestCounters ZERO = new RequestCounters(0, 0, 0, 0, 0, 0, 0);
}
