package io.uacce;

/**
 * A queue operation was asked for in a state that does not allow it (for example START_Q twice,
 * or any call after PUT_Q or close). Raised by the driver before the kernel is asked, or when the
 * kernel's answer shows the queue is not in the state the call needs.
 */
public class QueueStateException extends UacceException {
    private static final long serialVersionUID = 1L;

    public QueueStateException(String message) {
        super(message);
    }

    public QueueStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
