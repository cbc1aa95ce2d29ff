package io.uacce.crypto.types;

/**
 * HARDWARE mode: an HPRE device could not run a public-key primitive — no HPRE device, no queue of
 * the kind the algorithm needs (a V2 device has no ECC engine), an operand size or curve the device
 * refuses, a failed known-answer self-test, an error completion or a timeout. HARDWARE never falls
 * back to software. Names the device and the algorithm.
 */
public final class HpreDeviceException extends CryptoDeviceException {
    private static final long serialVersionUID = 1L;

    public HpreDeviceException(String device, String algorithm, String reason) {
        super("HPRE", device, algorithm, reason);
    }
}
