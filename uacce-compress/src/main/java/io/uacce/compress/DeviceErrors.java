package io.uacce.compress;

import io.uacce.DeviceStoppedException;
import io.uacce.DeviceTimeoutException;
import io.uacce.ErrnoException;
import io.uacce.NoDeviceException;
import io.uacce.qm.QmCompletionException;
import io.uacce.request.QueueOutOfServiceException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Which failures AUTO mode recovers from per request (issue 13): those of the device or its queue,
 * after which the request layer has stopped the queue and handed the caller's buffers back —
 * a timeout, stop words (reset, CQ overflow, removal), a queue out of service, a bad completion,
 * an errno at open (EBUSY, ENODEV) and no device. Never data errors (a device status, a too-small
 * destination: software would say the same) and never the "could not be confirmed stopped" case,
 * whose buffers the device may still write.
 */
final class DeviceErrors {
    private DeviceErrors() {
    }

    static boolean recoverable(Throwable e) {
        Throwable t = unwrap(e);
        return t instanceof DeviceTimeoutException || t instanceof DeviceStoppedException
                || t instanceof QueueOutOfServiceException || t instanceof QmCompletionException
                || t instanceof ErrnoException || t instanceof NoDeviceException;
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
