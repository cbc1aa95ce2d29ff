package io.uacce.crypto.sec;

import io.uacce.crypto.sec.bd.SecCodes;
import java.util.Arrays;

/**
 * The message of one digest or MAC while it may still go to the device as one BD: grows as needed
 * up to {@link SecCodes#MAX_DATA_LENGTH}; {@link #add} refuses what would pass that (the caller then
 * moves the message to software). Shrinks back after a large message.
 */
final class Collector implements Cloneable {
    private byte[] buf = new byte[256];
    private int n;

    /** Appends, or returns false (nothing appended) if the message would outgrow one BD. */
    boolean add(byte[] in, int off, int len) {
        if ((long) n + len > SecCodes.MAX_DATA_LENGTH) {
            return false;
        }
        if (n + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(n + len, buf.length * 2));
        }
        System.arraycopy(in, off, buf, n, len);
        n += len;
        return true;
    }

    byte[] bytes() {
        return buf;
    }

    int length() {
        return n;
    }

    void clear() {
        if (buf.length > 1 << 16) {
            buf = new byte[256];
        }
        n = 0;
    }

    @Override
    public Collector clone() {
        try {
            Collector c = (Collector) super.clone();
            c.buf = buf.clone();
            return c;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }
}
