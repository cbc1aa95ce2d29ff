package io.uacce;

/**
 * The queue's TX-stop or RX-stop word reads 1: the kernel stopped the queue (CQ overflow, CQE
 * error, device reset or a failed reset). The words stay set until a new queue is opened, so the
 * only remedy is to close this queue and open another one.
 */
public class DeviceStoppedException extends UacceException {
    private static final long serialVersionUID = 1L;

    public DeviceStoppedException(String message) {
        super(message);
    }
}
