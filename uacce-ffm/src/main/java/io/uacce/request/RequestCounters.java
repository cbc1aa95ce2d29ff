package io.uacce.request;

/**
 * Counters of a {@link RequestPool} (summed over its queues, open and closed), a snapshot.
 *
 * @param submitted       requests written into an SQE and handed to the device (one per doorbell'd request)
 * @param completed       completions taken off the CQ
 * @param statusFailures  completions whose status the engine's {@link StatusTable} calls a failure
 * @param failed          requests failed without a completion (timeout, queue death, close)
 * @param queueDeaths     queues taken out of service (stopped with PUT_Q)
 */
public record RequestCounters(long submitted, long completed, long statusFailures, long failed, long queueDeaths) {
    RequestCounters plus(RequestCounters o) {
        return new RequestCounters(submitted + o.submitted, completed + o.completed,
                statusFailures + o.statusFailures, failed + o.failed, queueDeaths + o.queueDeaths);
    }

    static final RequestCounters ZERO = new RequestCounters(0, 0, 0, 0, 0);
}
