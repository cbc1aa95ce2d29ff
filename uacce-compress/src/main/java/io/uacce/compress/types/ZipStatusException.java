package io.uacce.compress.types;

import io.uacce.UacceException;

/**
 * The device completed a request with an error status (dw3[7:0] of the ZIP SQE). The message
 * names the code in hex, its meaning and what to do. Decompression reports data errors as
 * {@link java.util.zip.DataFormatException} with this exception as the cause.
 */
public class ZipStatusException extends UacceException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public ZipStatusException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The raw dw3[7:0] status code. */
    public int status() {
        return status;
    }
}
