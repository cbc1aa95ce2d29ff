package io.uacce;

/**
 * Base of every error the driver reports. Unchecked, like {@link java.io.UncheckedIOException}:
 * a device error is rarely something a caller can handle at the call site, and the compression
 * streams translate it into {@link java.io.IOException} where their contract wants one.
 *
 * <p>Every message says what failed, the numbers involved (errno, device status, request code)
 * and what to do about it.
 */
public class UacceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UacceException(String message) {
        super(message);
    }

    public UacceException(String message, Throwable cause) {
        super(message, cause);
    }
}
