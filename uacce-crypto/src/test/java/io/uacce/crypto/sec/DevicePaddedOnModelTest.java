package io.uacce.crypto.sec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Uacce;
import io.uacce.crypto.UacceProvider;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.ProviderStatistics;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelHost;
import java.io.ByteArrayOutputStream;
import java.security.Provider;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PKCS5Padding on the device (AES, SM4 and DESede, ECB and CBC): padding in software, whole blocks on the
 * model's SEC device; the bytes BouncyCastle gives at the sizes with random update splits,
 * both ways; decryption releases no byte of the last block before its padding checked.
 */
class DevicePaddedOnModelTest {
    private static final Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();
    private static final String[] TRANSFORMATIONS = {"AES/CBC/PKCS5Padding", "AES/ECB/PKCS5Padding",
        "SM4/CBC/PKCS5Padding", "SM4/ECB/PKCS5Padding", "DESede/CBC/PKCS5Padding", "DESede/ECB/PKCS5Padding"};
    private static final int[] SIZES = {0, 1, 15, 16, 17, 4095, 4096, 65536};

    private static byte[] run(Cipher c, byte[] in, Random rnd) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < in.length && rnd.nextInt(4) != 0) {
            int n = Math.min(in.length - at, rnd.nextInt(6000));
            byte[] part = c.update(in, at, n);
            if (part != null) {
                out.write(part);
            }
            at += n;
        }
        out.write(c.doFinal(in, at, in.length - at));
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(value = ModelApi.class, names = {"V2", "V3"})
    void paddedModesEqualBouncyCastleAndUseTheDevice(ModelApi api) throws Exception {
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.SEC).api(api).queues(2)).build()) {
            Uacce uacce = Uacce.builder().target(host.target()).build();
            UacceProvider p = new UacceProvider(new CryptoSettings(CryptoMode.AUTO, 1000, 10_000), () -> uacce);
            Random rnd = new Random(31 + api.ordinal());
            for (String t : TRANSFORMATIONS) {
                String alg = t.substring(0, t.indexOf('/'));
                int blk = alg.equals("DESede") ? 8 : 16;
                for (int size : SIZES) {
                    byte[] key = new byte[blk == 8 ? 24 : 16], iv = new byte[blk], data = new byte[size];
                    rnd.nextBytes(key);
                    rnd.nextBytes(iv);
                    rnd.nextBytes(data);
                    SecretKeySpec k = new SecretKeySpec(key, alg);
                    IvParameterSpec ivs = t.contains("CBC") ? new IvParameterSpec(iv) : null;
                    Cipher ref = Cipher.getInstance(t, BC);
                    ref.init(Cipher.ENCRYPT_MODE, k, ivs);
                    byte[] sealed = ref.doFinal(data);
                    ProviderStatistics s0 = p.statistics();
                    Cipher c = Cipher.getInstance(t, p);
                    c.init(Cipher.ENCRYPT_MODE, k, ivs);
                    assertArrayEquals(sealed, run(c, data, rnd), t + " encrypt " + size);
                    assertArrayEquals(sealed, run(c, data, rnd), t + " encrypt again after doFinal " + size);
                    c.init(Cipher.DECRYPT_MODE, k, ivs);
                    assertArrayEquals(data, run(c, sealed, rnd), t + " decrypt " + size);
                    ProviderStatistics s1 = p.statistics();
                    assertEquals(s0.deviceFailures(), s1.deviceFailures(), t);
                    if (size >= 4095) {
                        assertTrue(s1.deviceRequests() > s0.deviceRequests(), t + " " + size + " reached the device: " + s1);
                    }
                }
            }
            p.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = ModelApi.class, names = {"V3"})
    void decryptionHoldsTheLastBlockUntilThePaddingIsChecked(ModelApi api) throws Exception {
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.SEC).api(api).queues(2)).build()) {
            Uacce uacce = Uacce.builder().target(host.target()).build();
            UacceProvider p = new UacceProvider(new CryptoSettings(CryptoMode.HARDWARE, 0, 10_000), () -> uacce);
            for (String t : TRANSFORMATIONS) {
                String alg = t.substring(0, t.indexOf('/'));
                int blk = alg.equals("DESede") ? 8 : 16;
                byte[] key = new byte[blk == 8 ? 24 : 16];
                new Random(3).nextBytes(key);
                SecretKeySpec k = new SecretKeySpec(key, alg);
                IvParameterSpec ivs = t.contains("CBC") ? new IvParameterSpec(new byte[blk]) : null;
                byte[] data = new byte[8192 + 5];
                new Random(9).nextBytes(data);
                Cipher ref = Cipher.getInstance(t, BC);
                ref.init(Cipher.ENCRYPT_MODE, k, ivs);
                byte[] sealed = ref.doFinal(data);
                Cipher c = Cipher.getInstance(t, p);
                c.init(Cipher.DECRYPT_MODE, k, ivs);
                byte[] first = c.update(sealed, 0, sealed.length);
                assertEquals(sealed.length - blk, first.length, t + ": update releases all but the last block");
                assertArrayEquals(Arrays.copyOf(data, first.length), first, t);
                // a tampered last block: BadPaddingException, nothing of doFinal's output written
                byte[] bad = sealed.clone();
                bad[bad.length - 1] ^= 0x55;
                c.init(Cipher.DECRYPT_MODE, k, ivs);
                byte[] out = new byte[bad.length];
                Arrays.fill(out, (byte) 0x5A);
                assertThrows(BadPaddingException.class, () -> c.doFinal(bad, 0, bad.length, out, 0), t);
                for (byte b : out) {
                    assertEquals((byte) 0x5A, b, t + ": no plaintext released before the padding checked");
                }
                assertThrows(IllegalBlockSizeException.class, () -> c.doFinal(sealed, 0, sealed.length - 1), t);
                assertArrayEquals(data, c.doFinal(sealed), t + ": usable after the errors");
            }
            p.close();
        }
    }
}
