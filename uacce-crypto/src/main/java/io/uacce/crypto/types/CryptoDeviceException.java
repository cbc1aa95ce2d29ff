package io.uacce.crypto.types;

import java.security.ProviderException;

/**
 * HARDWARE mode: a device could not run a request (no device, the algorithm is not offered, its
 * known-answer self-test failed, the device refused or timed out), and HARDWARE never falls back to
 * software. Names the engine, the device and the algorithm. {@link SecDeviceException} (SEC) and
 * {@link HpreDeviceException} (HPRE) are the engines' kinds.
 */
public class CryptoDeviceException extends ProviderException {
    private static final long serialVersionUID = 1L;
    private final String device;
    private final String algorithm;

    /**
     * @param engine    "SEC" or "HPRE"
     * @param device    the device's name, or {@code none}
     * @param algorithm the JCA algorithm or primitive
     * @param reason    why the device did not run it
     */
    protected CryptoDeviceException(String engine, String device, String algorithm, String reason) {
        super("UACCE provider (HARDWARE mode): " + engine + " device " + device + " did not run " + algorithm + ": "
                + reason + " (the log has the device's status); use mode AUTO to allow software");
        this.device = device;
        this.algorithm = algorithm;
    }

    /** The device's name ({@code hisi_sec2-0}, {@code hisi_hpre-1}), or {@code none} when the host has no usable device. */
    public String device() {
        return device;
    }

    /** The JCA algorithm, transformation or primitive. */
    public String algorithm() {
        return algorithm;
    }
}
