package io.uacce.crypto.types;

import java.security.ProviderException;

/**
 * HARDWARE mode: a SEC device could not run a request (no device, the algorithm is not offered, its
 * known-answer self-test failed, the device refused or timed out), and HARDWARE never falls back to
 * software. Names the device and the algorithm.
 */
public final class SecDeviceException extends ProviderException {
    private static final long serialVersionUID = 1L;
    private final String device;
    private final String algorithm;

    public SecDeviceException(String device, String algorithm, String reason) {
        super("UACCE provider (HARDWARE mode): SEC device " + device + " did not run " + algorithm + ": " + reason
                + " (the log has the device's status); use mode AUTO to allow software");
        this.device = device;
        this.algorithm = algorithm;
    }

    /** The device's name ({@code hisi_sec2-0}), or {@code none} when the host has no usable SEC device. */
    public String device() {
        return device;
    }

    /** The JCA algorithm or transformation. */
    public String algorithm() {
        return algorithm;
    }
}
