package io.uacce.qm;

/**
 * Blocks until the queue's fd reports a completion event, as poll(2) with POLLIN does; the
 * {@link QmRing} uses it in {@link QmOptions.WaitMode#POLL}. {@link QmQueue} supplies
 * {@code UacceQueue::awaitEvent}; unit tests supply their own.
 */
@FunctionalInterface
public interface QmEventWait {
    /**
     * @param timeoutMillis longest wait, at least 1
     * @return true if the fd became readable, false on timeout
     */
    boolean await(long timeoutMillis);
}
