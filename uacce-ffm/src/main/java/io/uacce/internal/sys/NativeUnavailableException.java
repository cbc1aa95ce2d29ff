package io.uacce.internal.sys;

/**
 * A C library function cannot be called here: the symbol is missing, the platform has no native
 * linker, or native access was refused. The layer above turns it into {@code io.uacce.UacceException}.
 */
public final class NativeUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NativeUnavailableException(String message) {
        super(message);
    }

    public NativeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
