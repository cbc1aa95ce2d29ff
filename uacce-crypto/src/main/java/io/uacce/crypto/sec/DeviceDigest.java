package io.uacce.crypto.sec;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.MessageDigestSpi;
import java.util.Arrays;
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
    private byte[] buf = new byte[256];
    private int n;
    /** Non-null once the message went to software (too long for one BD). */
    private MessageDigest soft;

    DeviceDigest(SecDevice device, int aAlg, int length, int threshold, Supplier<MessageDigest> software) {
        this.device = device;
        this.aAlg = aAlg;
        this.length = length;
        this.threshold = threshold;
        this.software = software;
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
        if (soft != null) {
            soft.update(input, offset, len);
            return;
        }
        if ((long) n + len > io.uacce.crypto.sec.bd.SecCodes.MAX_DATA_LENGTH) {
            soft = software.get();
            soft.update(buf, 0, n);
            soft.update(input, offset, len);
            buf = new byte[256];
            n = 0;
            return;
        }
        if (n + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(n + len, buf.length * 2));
        }
        System.arraycopy(input, offset, buf, n, len);
        n += len;
    }

    @Override
    protected byte[] engineDigest() {
        try {
            if (soft != null) {
                return soft.digest();
            }
            byte[] out = n >= threshold ? device.digest(aAlg, length, buf, 0, n) : null;
            if (out == null) {
                MessageDigest md = software.get();
                md.update(buf, 0, n);
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
        if (buf.length > 1 << 16) {
            buf = new byte[256];
        }
        n = 0;
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        DeviceDigest c = (DeviceDigest) super.clone();
        c.buf = buf.clone();
        if (soft != null) {
            c.soft = (MessageDigest) soft.clone();
        }
        return c;
    }
}
