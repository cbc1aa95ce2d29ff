package io.uacce.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.CryptoMode;
import java.nio.ByteBuffer;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Provider;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JCA semantics the provider keeps from SunJCE, for the JDK-delegated and the pure-Java modes alike. */
class SemanticsTest {
    private static final Provider P = new UacceProvider(new CryptoSettings(CryptoMode.SOFTWARE, 0, 1000));

    private static SecretKeySpec key(String alg, int n) {
        byte[] k = new byte[n];
        for (int i = 0; i < n; i++) {
            k[i] = (byte) (i * 7 + 1);
        }
        return new SecretKeySpec(k, alg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AES/GCM/NoPadding", "SM4/GCM/NoPadding", "AES/CCM/NoPadding", "SM4/CCM/NoPadding"})
    void aeadRules(String alg) throws Exception {
        String ka = alg.substring(0, 3);
        Cipher c = Cipher.getInstance(alg, P);
        GCMParameterSpec spec = new GCMParameterSpec(128, new byte[12]);
        c.init(Cipher.ENCRYPT_MODE, key(ka, 16), spec);
        c.updateAAD(new byte[] {1, 2});
        c.update(new byte[5]);
        assertThrows(IllegalStateException.class, () -> c.updateAAD(new byte[1]), "AAD after data");
        byte[] ct = c.doFinal(new byte[30]);
        assertEquals(35 + 16, ct.length);
        assertThrows(IllegalStateException.class, () -> c.doFinal(new byte[1]), "encrypt again without re-init");
        assertThrows(InvalidAlgorithmParameterException.class, () -> c.init(Cipher.ENCRYPT_MODE, key(ka, 16), spec),
                "same key and IV for encryption");
        c.init(Cipher.DECRYPT_MODE, key(ka, 16), spec);
        c.updateAAD(new byte[] {1, 2});
        assertEquals(35, c.doFinal(ct).length);
        ct[3] ^= 1;
        c.updateAAD(new byte[] {1, 2});
        byte[] out = new byte[100];
        assertThrows(AEADBadTagException.class, () -> c.doFinal(ct, 0, ct.length, out, 0));
        assertArrayEquals(new byte[100], out, "no plaintext released before the tag verified");
        assertThrows(AEADBadTagException.class, () -> c.doFinal(new byte[3]), "shorter than the tag");
        assertThrows(InvalidKeyException.class, () -> c.init(Cipher.DECRYPT_MODE, key(ka, 16)), "decrypt needs params");
        assertThrows(InvalidKeyException.class, () -> c.init(Cipher.ENCRYPT_MODE, key(ka, 15), new GCMParameterSpec(128,
                new byte[12], 0, 11 + 1)));
        c.init(Cipher.ENCRYPT_MODE, key(ka, 16));
        assertEquals(12, c.getIV().length, "random IV when encrypting without parameters");
        assertEquals(128, c.getParameters().getParameterSpec(GCMParameterSpec.class).getTLen());
    }

    @ParameterizedTest
    @ValueSource(strings = {"AES/CBC/PKCS5Padding", "SM4/CBC/PKCS5Padding"})
    void paddedCbc(String alg) throws Exception {
        String ka = alg.substring(0, 3);
        Cipher c = Cipher.getInstance(alg, P);
        assertThrows(InvalidKeyException.class, () -> c.init(Cipher.ENCRYPT_MODE, key(ka, 17)));
        assertThrows(InvalidAlgorithmParameterException.class,
                () -> c.init(Cipher.ENCRYPT_MODE, key(ka, 16), new IvParameterSpec(new byte[8])));
        assertThrows(InvalidKeyException.class, () -> c.init(Cipher.DECRYPT_MODE, key(ka, 16)));
        IvParameterSpec iv = new IvParameterSpec(new byte[16]);
        c.init(Cipher.ENCRYPT_MODE, key(ka, 16), iv);
        byte[] ct = c.doFinal(new byte[33]);
        assertEquals(48, ct.length);
        assertArrayEquals(ct, c.doFinal(new byte[33]), "after doFinal the cipher is back at its IV");
        assertThrows(ShortBufferException.class, () -> c.doFinal(new byte[33], 0, 33, new byte[40], 0));
        assertArrayEquals(ct, c.doFinal(new byte[33]), "a ShortBufferException changes nothing");
        c.init(Cipher.DECRYPT_MODE, key(ka, 16), iv);
        assertThrows(IllegalBlockSizeException.class, () -> c.doFinal(ct, 0, 47));
        assertThrows(BadPaddingException.class, () -> c.doFinal(new byte[0]));
        byte[] bad = ct.clone();
        bad[47] ^= 0x55;
        assertThrows(BadPaddingException.class, () -> c.doFinal(bad));
        // ByteBuffer overloads: heap, direct, read-only input; positions advance as JCA says
        for (ByteBuffer in : new ByteBuffer[] {ByteBuffer.wrap(ct), ByteBuffer.allocateDirect(48).put(ct).flip(),
            ByteBuffer.wrap(ct).asReadOnlyBuffer()}) {
            ByteBuffer out = ByteBuffer.allocateDirect(64);
            assertEquals(33, c.doFinal(in, out));
            assertEquals(48, in.position());
            assertEquals(33, out.position());
        }
        assertThrows(java.nio.ReadOnlyBufferException.class,
                () -> c.doFinal(ByteBuffer.wrap(ct), ByteBuffer.allocate(64).asReadOnlyBuffer()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"AES/XTS/NoPadding", "SM4/XTS/NoPadding"})
    void xtsRules(String alg) throws Exception {
        String ka = alg.substring(0, 3);
        Cipher c = Cipher.getInstance(alg, P);
        assertThrows(InvalidKeyException.class, () -> c.init(Cipher.ENCRYPT_MODE, key(ka, 16)), "one half only");
        assertThrows(InvalidKeyException.class, () -> c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[32], ka)),
                "equal halves");
        c.init(Cipher.ENCRYPT_MODE, key(ka, 32), new IvParameterSpec(new byte[16]));
        assertThrows(IllegalBlockSizeException.class, () -> c.doFinal(new byte[15]));
        byte[] ct = c.doFinal(new byte[17]);
        c.init(Cipher.DECRYPT_MODE, key(ka, 32), new IvParameterSpec(new byte[16]));
        assertArrayEquals(new byte[17], c.doFinal(ct));
    }
}
