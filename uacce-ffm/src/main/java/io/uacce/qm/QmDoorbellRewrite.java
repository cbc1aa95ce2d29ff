package io.uacce.qm;

/**
 * Told by a {@link QmRing} of each doorbell word it writes again because nothing arrived (a
 * re-kick or an SQ echo; rings with {@link QmOptions#memoryBackedDoorbells()} only). {@link QmQueue}
 * passes {@code UacceQueue::doorbellRewritten}: the kernel target may hand the word to a device
 * model that reads the doorbell from memory only when it looks (docs/architecture.md,
 * "Memory-backed doorbells"). Called on the ring's owner thread, right after the store.
 */
@FunctionalInterface
public interface QmDoorbellRewrite {
    /** @param word the 64-bit doorbell word just written again */
    void rewritten(long word);
}
