package io.uacce.compress.types;

import io.uacce.UacceException;

/**
 * A one-shot call's destination cannot hold the whole result. Nothing was consumed from the
 * source (its position is unchanged); the destination's bytes past its position are undefined.
 * Retry with a larger destination, e.g. {@link Format#maxCompressedLength(long)}
 * bytes for compression, or use the byte[]-returning call.
 */
public class OutputTooSmallException extends UacceException {
    private static final long serialVersionUID = 1L;

    public OutputTooSmallException(String message) {
        super(message);
    }
}
