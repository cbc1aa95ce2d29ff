package io.uacce.crypto.sec;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.MessageDigestSpi;
import java.util.function.Supplier;

/**
 * MessageDigest in AUTO mode: collects the message (one SEC BD carries a whole message, no long
 * hash yet) and at {@code digest()} sends it to the device when it is at least the size threshold,
 * else — or when the device cannot — hashes it in software. A message longer than one BD
 * (16 MiB − 512) moves to software as soon as it grows past that, without buffering more.
 * Results are identical either way.
 */
final class DeviceDigest extends MessageDigestSpi implements Cloneable {
    private final SecDevice device;
    private final int aAlg;
    private final int length;
    private final int threshold;
    private final Supplier<MessageDigest> software;
    private Collector message = new Collector();
    /** Non-null once the message went to software (too long for one BD). */
    private MessageDigest soft;

    DeviceDigest(SecDevice device, int aAlg, int length, int threshold, Supplier<MessageDigest> software) {
        this.device = device;
        this.aAlg = aAlg;
        this.length = length;
        this.threshold = threshold;
        this.software = software;
    }

    private String algorithm() {
        return software.get().getAlgorithm();
    }

    @Override
    protected int engineGetDigestLength() {
        return length;
    }

    @Override
    protected void engineUpdate(byte input) {
        engineUpdate(new byte[] {input}, 0, 1);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        if (soft == null && !message.add(input, offset, len)) {
            if (device.hardware()) {
                throw device.refuse(algorithm(), "message longer than one BD (16 MiB - 512; no long hash yet)");
            }
            soft = software.get();
            soft.update(message.bytes(), 0, message.length());
            message.clear();
        }
        if (soft != null) {
            soft.update(input, offset, len);
        }
    }

    @Override
    protected byte[] engineDigest() {
        try {
            if (soft != null) {
                return soft.digest();
            }
            int n = message.length();
            byte[] out = n >= threshold ? device.digest(aAlg, length, null, message.bytes(), 0, n) : null;
            if (out == null && device.hardware()) {
                throw device.refuse(algorithm(), "not offered, failed its known-answer test or refused (V2: no empty message)");
            }
            if (out == null) {
                MessageDigest md = software.get();
                md.update(message.bytes(), 0, n);
                out = md.digest();
            }
            return out;
        } finally {
            engineReset();
        }
    }

    @Override
    protected int engineDigest(byte[] out, int offset, int len) throws DigestException {
        if (len < length || out.length - offset < length) {
            throw new DigestException("insufficient space in the output buffer to store the digest");
        }
        System.arraycopy(engineDigest(), 0, out, offset, length);
        return length;
    }

    @Override
    protected void engineReset() {
        soft = null;
        message.clear();
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        DeviceDigest c = (DeviceDigest) super.clone();
        c.message = message.clone();
        if (soft != null) {
            c.soft = (MessageDigest) soft.clone();
        }
        return c;
    }
}
