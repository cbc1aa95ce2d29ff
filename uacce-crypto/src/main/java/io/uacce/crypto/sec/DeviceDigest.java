package io.uacce.crypto.sec;

import io.uacce.crypto.sec.bd.SecCodes;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.MessageDigestSpi;
import java.util.function.Supplier;

/**
 * MessageDigest in AUTO and HARDWARE mode: collects the message and at {@code digest()} sends it to
 * the device as one BD when it is at least the size threshold, else — or when the device cannot —
 * hashes it in software. A message longer than one BD ({@code chunk} bytes, 16 MiB − 512 unless
 * {@code uacce.crypto.longHashChunk} says less) goes to the device as a long hash (§2.5): each full
 * chunk as a first or middle BD, the chaining value kept here between BDs, the rest as the end BD at
 * {@code digest()} — where the device passed the algorithm's long-hash known answer; otherwise the
 * message moves to software as soon as it grows past one BD. Results are identical either way.
 * A device failure in the middle of a long hash is retried on a new queue; after that the message
 * cannot be redone in software (its first blocks are gone) and the digest throws
 * {@code SecDeviceException}, in AUTO too [choice].
 */
final class DeviceDigest extends MessageDigestSpi implements Cloneable {
    private final SecDevice device;
    private final int aAlg;
    private final int length;
    private final int threshold;
    private final Supplier<MessageDigest> software;
    /** Bytes per first/middle long-hash BD: a multiple of 128 (every hash block), at most one BD. */
    private final int chunk;
    private Collector message = new Collector();
    /** Non-null once the message went to software (too long for one BD, no long hash on the device). */
    private MessageDigest soft;
    /** Non-null once a long hash runs on the device: the chaining value after {@link #hashed} bytes. */
    private byte[] state;
    private long hashed;

    /** Tries per long-hash BD: one retry on a new queue after a failure. */
    private static final int LONG_HASH_TRIES = 2;

    DeviceDigest(SecDevice device, int aAlg, int length, int threshold, int chunk, Supplier<MessageDigest> software) {
        this.device = device;
        this.aAlg = aAlg;
        this.length = length;
        this.threshold = threshold;
        this.chunk = chunk;
        this.software = software;
    }

    /** The chunk size of {@code uacce.crypto.longHashChunk} (bring-up and tests), rounded down to 128 bytes. */
    static int chunkFromProperty() {
        long v = Long.getLong("uacce.crypto.longHashChunk", SecCodes.MAX_DATA_LENGTH);
        return (int) Math.max(128, Math.min(SecCodes.MAX_DATA_LENGTH, v) / 128 * 128);
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
        while (soft == null && message.length() + len > chunk) {
            int room = chunk - message.length(); // more input follows: the end BD keeps at least one byte
            message.add(input, offset, room);
            offset += room;
            len -= room;
            flush();
        }
        if (soft != null) {
            soft.update(input, offset, len);
        } else {
            message.add(input, offset, len);
        }
    }

    /** Sends the full chunk collected as a first or middle long-hash BD, or moves the message to software. */
    private void flush() {
        if (state == null) { // nothing is lost yet: a first block the device does not run goes to software
            byte[] first = device.longHashOffered(aAlg)
                    ? device.longHash(aAlg, length, null, message.bytes(), 0, message.length(), -1) : null;
            if (first == null) {
                if (device.hardware()) {
                    throw device.refuse(algorithm(), "message longer than one BD (16 MiB - 512) and no long hash on"
                            + " the device for this algorithm (no known answer, it failed, or the device refused)");
                }
                device.fallback();
                soft = software.get();
                soft.update(message.bytes(), 0, message.length());
                message.clear();
                return;
            }
            state = first;
        } else {
            state = longHash(-1);
        }
        hashed += message.length();
        message.clear();
    }

    /** One long-hash BD of the collected bytes, retried once; a lost chain is a typed error. */
    private byte[] longHash(long totalBits) {
        for (int i = 0; i < LONG_HASH_TRIES; i++) {
            byte[] out = device.longHash(aAlg, length, state, message.bytes(), 0, message.length(), totalBits);
            if (out != null) {
                return out;
            }
        }
        engineReset();
        throw device.refuse(algorithm(), "the device failed a long-hash block twice; the message's earlier blocks"
                + " live only in the device's chaining value, so it cannot be redone in software");
    }

    @Override
    protected byte[] engineDigest() {
        try {
            if (soft != null) {
                return soft.digest();
            }
            int n = message.length();
            if (state != null) {
                return longHash(8 * (hashed + n));
            }
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
        state = null;
        hashed = 0;
        message.clear();
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        DeviceDigest c = (DeviceDigest) super.clone();
        c.message = message.clone();
        if (soft != null) {
            c.soft = (MessageDigest) soft.clone();
        }
        if (state != null) {
            c.state = state.clone();
        }
        return c;
    }
}
