package io.uacce;

/**
 * The device went away while the driver read it: its sysfs directory disappeared between the
 * listing and the reading of its attributes (driver unbind, hot removal, a mock's removal). A
 * {@link NoDeviceException}, so callers that handle "no device" handle this too; it names the device.
 */
public class DeviceRemovedException extends NoDeviceException {
    private static final long serialVersionUID = 1L;

    private final String device;

    public DeviceRemovedException(String device, String message, Throwable cause) {
        super(message);
        this.device = device;
        initCause(cause);
    }

    /** The name of the removed device, e.g. {@code hisi_zip-1}. */
    public String device() {
        return device;
    }
}
