package io.uacce.crypto.hpre;

import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;

/**
 * A strict DER reader over one byte range (X.690 clause 10, DER: definite, minimal lengths), enough for the
 * key encodings of {@link Sm2KeyEncoding} and ECDSA's DER signatures ({@link EcdsaSignature#fromDer}): one TLV at a time, constructed values read by a nested
 * reader. Every malformation is an {@link InvalidKeySpecException}.
 */
final class DerReader {
    private final byte[] b;
    private int pos;
    private final int end;

    DerReader(byte[] b) {
        this(b, 0, b.length);
    }

    private DerReader(byte[] b, int from, int to) {
        this.b = b;
        this.pos = from;
        this.end = to;
    }

    boolean atEnd() {
        return pos == end;
    }

    /** The tag of the next TLV, or -1 at the end. */
    int peek() {
        return atEnd() ? -1 : b[pos] & 0xff;
    }

    void expectEnd(String what) throws InvalidKeySpecException {
        if (!atEnd()) {
            throw new InvalidKeySpecException(what + ": trailing bytes");
        }
    }

    /** Reads the header of a TLV with {@code tag}; returns the content's end, leaving pos at its start. */
    private int header(int tag, String what) throws InvalidKeySpecException {
        if (end - pos < 2 || (b[pos] & 0xff) != tag) {
            throw new InvalidKeySpecException(what + ": expected tag 0x" + Integer.toHexString(tag));
        }
        pos++;
        int len = b[pos++] & 0xff;
        if (len > 0x80) {
            int n = len - 0x80;
            if (n > 3 || end - pos < n || b[pos] == 0) {
                throw new InvalidKeySpecException(what + ": bad length");
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (b[pos++] & 0xff);
            }
            if (len < 0x80) {
                throw new InvalidKeySpecException(what + ": length not minimal");
            }
        } else if (len == 0x80) {
            throw new InvalidKeySpecException(what + ": indefinite length");
        }
        if (end - pos < len) {
            throw new InvalidKeySpecException(what + ": truncated");
        }
        return pos + len;
    }

    /** The next TLV with {@code tag} as a reader over its content. */
    DerReader constructed(int tag, String what) throws InvalidKeySpecException {
        int to = header(tag, what);
        DerReader r = new DerReader(b, pos, to);
        pos = to;
        return r;
    }

    /** The content of the next TLV with {@code tag} (a copy). */
    byte[] primitive(int tag, String what) throws InvalidKeySpecException {
        int to = header(tag, what);
        byte[] c = Arrays.copyOfRange(b, pos, to);
        pos = to;
        return c;
    }

    /** A positive INTEGER in its minimal encoding (no sign byte beyond the one a high bit needs). */
    java.math.BigInteger positiveInteger(String what) throws InvalidKeySpecException {
        byte[] c = primitive(0x02, what);
        if (c.length == 0 || (c[0] & 0x80) != 0) {
            throw new InvalidKeySpecException(what + ": empty or negative INTEGER");
        }
        if (c.length > 1 && c[0] == 0 && (c[1] & 0x80) == 0) {
            throw new InvalidKeySpecException(what + ": INTEGER not minimal");
        }
        return new java.math.BigInteger(1, c);
    }

    /** A small non-negative INTEGER (a version number). */
    int smallInteger(String what) throws InvalidKeySpecException {
        byte[] c = primitive(0x02, what);
        if (c.length != 1 || c[0] < 0) {
            throw new InvalidKeySpecException(what + ": unexpected version");
        }
        return c[0];
    }

    /** Skips the next TLV, whatever it is (optional fields we do not use). */
    void skip(String what) throws InvalidKeySpecException {
        pos = header(peek(), what);
    }
}
