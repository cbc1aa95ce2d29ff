package io.uacce.crypto.soft;

import java.security.InvalidKeyException;
import java.security.Key;
import java.util.function.IntPredicate;
import javax.crypto.SecretKey;

/** Key checks shared by the pure-Java ciphers and MACs, with SunJCE's messages where it has one. */
public final class SoftKeys {
    private SoftKeys() {
    }

    /** The raw bytes of a secret key whose length {@code ok} accepts, else {@link InvalidKeyException}. */
    public static byte[] raw(Key key, String cipherName, IntPredicate ok) throws InvalidKeyException {
        if (key == null) {
            throw new InvalidKeyException("No key given");
        }
        if (!(key instanceof SecretKey) || !"RAW".equalsIgnoreCase(key.getFormat())) {
            throw new InvalidKeyException(cipherName + ": a secret key in RAW format is required");
        }
        byte[] k = key.getEncoded();
        if (k == null) {
            throw new InvalidKeyException("Missing key data");
        }
        if (!ok.test(k.length)) {
            int n = k.length;
            java.util.Arrays.fill(k, (byte) 0);
            throw new InvalidKeyException("Invalid " + cipherName + " key length: " + n + " bytes");
        }
        return k;
    }
}
