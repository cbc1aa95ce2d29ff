package io.uacce.qm;

import io.uacce.UacceException;

/**
 * The device posted a completion entry the driver cannot accept: its sq_head is outside the SQ
 * ring (UADK reports EIO for this), or it names an SQ slot that has no request in the device. The
 * CQ head is not advanced, so the queue cannot make progress; close it and open a new one.
 */
public class QmCompletionException extends UacceException {
    private static final long serialVersionUID = 1L;

    private final int cqIndex;
    private final int sqHead;

    public QmCompletionException(String message, int cqIndex, int sqHead) {
        super(message);
        this.cqIndex = cqIndex;
        this.sqHead = sqHead;
    }

    /** Index of the offending entry in the CQ ring. */
    public int cqIndex() {
        return cqIndex;
    }

    /** The sq_head value the entry carried. */
    public int sqHead() {
        return sqHead;
    }
}
