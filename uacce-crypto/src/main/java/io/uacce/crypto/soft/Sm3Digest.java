package io.uacce.crypto.soft;

import java.security.DigestException;
import java.security.MessageDigest;

/**
 * MessageDigest "SM3" in pure Java: the provider's SPI and, being a {@link MessageDigest} itself,
 * usable directly where no provider lookup is wanted (SM2's Z and e).
 */
public final class Sm3Digest extends MessageDigest implements Cloneable {
    private Sm3 sm3 = new Sm3();

    public Sm3Digest() {
        super("SM3");
    }

    @Override
    protected int engineGetDigestLength() {
        return Sm3.DIGEST_BYTES;
    }

    @Override
    protected void engineUpdate(byte input) {
        sm3.update(input);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        sm3.update(input, offset, len);
    }

    @Override
    protected byte[] engineDigest() {
        byte[] out = new byte[Sm3.DIGEST_BYTES];
        sm3.doFinal(out, 0);
        return out;
    }

    @Override
    protected int engineDigest(byte[] buf, int offset, int len) throws DigestException {
        if (len < Sm3.DIGEST_BYTES) {
            throw new DigestException("partial digests not returned");
        }
        if (buf.length - offset < Sm3.DIGEST_BYTES) {
            throw new DigestException("insufficient space in the output buffer to store the digest");
        }
        sm3.doFinal(buf, offset);
        return Sm3.DIGEST_BYTES;
    }

    @Override
    protected void engineReset() {
        sm3.reset();
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        Sm3Digest c = (Sm3Digest) super.clone();
        c.sm3 = sm3.clone();
        return c;
    }
}
