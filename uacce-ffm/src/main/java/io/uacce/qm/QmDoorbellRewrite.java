package io.uacce.qm;

/**
 * Told by a {@link QmRing} of the doorbell words it writes again because nothing arrived for
 * a while (a re-kick or an SQ echo after {@link QmOptions#rekickNanos()} without a completion, or
 * from {@link QmRing#nudge()}; rings with {@link QmOptions#memoryBackedDoorbells()} only). {@link QmQueue}
 * passes {@code UacceQueue::doorbellRewritten}: the kernel target may hand the word to a device
 * model that reads the doorbell from memory only when it looks (docs/architecture.md,
 * "Memory-backed doorbells"). Called on the ring's owner thread, right after the store.
 */
@FunctionalInterface
public interface QmDoorbellRewrite {
    /** @param word the 64-bit doorbell word just written again */
    void rewritten(long word);
}
