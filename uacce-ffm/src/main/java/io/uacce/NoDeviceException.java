package io.uacce;

/**
 * No uacce device can serve the request. The message says what was looked for, where, what was
 * found instead, and what to do.
 */
public class NoDeviceException extends UacceException {
    private static final long serialVersionUID = 1L;

    public NoDeviceException(String message) {
        super(message);
    }
}
