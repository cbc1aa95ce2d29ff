package io.uacce.crypto.types;

/**
 * HARDWARE mode: a SEC device could not run a request (no device, the algorithm is not offered, its
 * known-answer self-test failed, the device refused or timed out), and HARDWARE never falls back to
 * software. Names the device and the algorithm.
 */
public final class SecDeviceException extends CryptoDeviceException {
    private static final long serialVersionUID = 1L;

    public SecDeviceException(String device, String algorithm, String reason) {
        super("SEC", device, algorithm, reason);
    }
}
