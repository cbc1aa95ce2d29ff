package io.uacce.request;

import io.uacce.UacceException;

/**
 * A request met a queue that is out of service: it was stopped after a timeout or a device
 * failure, or it was closed. Submits on such a queue fail at once with this error; the request
 * was never given to the device, or the device was stopped (PUT_Q) before this was thrown, so
 * the buffers of the request are the caller's again.
 */
public class QueueOutOfServiceException extends UacceException {
    private static final long serialVersionUID = 1L;

    public QueueOutOfServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
