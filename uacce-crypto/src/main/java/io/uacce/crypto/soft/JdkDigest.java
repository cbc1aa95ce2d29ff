package io.uacce.crypto.soft;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.MessageDigestSpi;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.nio.ByteBuffer;

/** A {@link MessageDigestSpi} that is the JDK's own digest (provider SUN). */
public final class JdkDigest extends MessageDigestSpi implements Cloneable {
    private MessageDigest md;

    public JdkDigest(String algorithm) {
        this.md = newJdk(algorithm);
    }

    private JdkDigest(MessageDigest md) {
        this.md = md;
    }

    static MessageDigest newJdk(String algorithm) {
        Provider sun = Security.getProvider("SUN");
        try {
            return sun != null ? MessageDigest.getInstance(algorithm, sun) : MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    @Override
    protected int engineGetDigestLength() {
        return md.getDigestLength();
    }

    @Override
    protected void engineUpdate(byte input) {
        md.update(input);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        md.update(input, offset, len);
    }

    @Override
    protected void engineUpdate(ByteBuffer input) {
        md.update(input);
    }

    @Override
    protected byte[] engineDigest() {
        return md.digest();
    }

    @Override
    protected int engineDigest(byte[] buf, int offset, int len) throws DigestException {
        return md.digest(buf, offset, len);
    }

    @Override
    protected void engineReset() {
        md.reset();
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        JdkDigest c = (JdkDigest) super.clone();
        c.md = (MessageDigest) md.clone();
        return c;
    }
}
