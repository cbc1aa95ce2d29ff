package io.uacce;

/**
 * A wait on the device ran out of time. The message names the wait, the limit and the setting
 * that controls it.
 */
public class DeviceTimeoutException extends UacceException {
    private static final long serialVersionUID = 1L;

    public DeviceTimeoutException(String message) {
        super(message);
    }
}
