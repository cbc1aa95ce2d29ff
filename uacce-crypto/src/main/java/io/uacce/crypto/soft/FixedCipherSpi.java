package io.uacce.crypto.soft;

import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import javax.crypto.CipherSpi;
import javax.crypto.NoSuchPaddingException;

/** A {@link CipherSpi} registered for one full transformation: mode and padding cannot be changed. */
public abstract class FixedCipherSpi extends CipherSpi {
    @Override
    protected final void engineSetMode(String mode) throws NoSuchAlgorithmException {
        throw new NoSuchAlgorithmException("mode is fixed by the transformation");
    }

    @Override
    protected final void engineSetPadding(String padding) throws NoSuchPaddingException {
        throw new NoSuchPaddingException("padding is fixed by the transformation");
    }

    @Override
    protected int engineGetKeySize(Key key) throws InvalidKeyException {
        byte[] e = key.getEncoded();
        if (e == null) {
            throw new InvalidKeyException("key has no encoding");
        }
        java.util.Arrays.fill(e, (byte) 0);
        return e.length * 8;
    }
}
