package io.uacce.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.CryptoMode;
import java.security.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * A Cipher is not thread-safe (as every JCA provider's); misusing one from two threads may throw or
 * give garbage for that Cipher, but never disturbs another Cipher, never hangs and never crashes.
 */
class ProviderConcurrencyTest {
    private static final Provider P = new UacceProvider(new CryptoSettings(CryptoMode.SOFTWARE, 0, 1000));
    private static final SecretKeySpec KEY = new SecretKeySpec(new byte[16], "SM4");

    private static byte[] seal(Cipher c, byte[] iv, byte[] data) throws Exception {
        c.init(Cipher.ENCRYPT_MODE, KEY, new GCMParameterSpec(128, iv));
        return c.doFinal(data);
    }

    @Test
    void ownCiphersInParallelAndAMisusedSharedOneDisturbsNobody() throws Exception {
        byte[] data = new byte[10_000];
        byte[] want = seal(Cipher.getInstance("SM4/GCM/NoPadding", P), new byte[12], data);
        Cipher shared = Cipher.getInstance("SM4/CBC/PKCS5Padding", P);
        shared.init(Cipher.ENCRYPT_MODE, KEY, new IvParameterSpec(new byte[16]));
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> abusers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                abusers.add(pool.submit(() -> {
                    while (!stop.get()) {
                        try {
                            shared.update(data, 0, 1000);
                            shared.doFinal(data, 0, 17);
                        } catch (Exception | AssertionError anything) {
                            // misuse: any outcome but a hang or a crash is allowed for the shared Cipher
                        }
                    }
                    return null;
                }));
            }
            List<Future<byte[]>> own = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                own.add(pool.submit(() -> {
                    byte[] last = null;
                    for (int i = 0; i < 50; i++) {
                        byte[] iv = new byte[12];
                        last = seal(Cipher.getInstance("SM4/GCM/NoPadding", P), iv, data);
                        assertArrayEquals(want, last);
                    }
                    return last;
                }));
            }
            for (Future<byte[]> f : own) {
                assertArrayEquals(want, f.get(60, TimeUnit.SECONDS));
            }
            stop.set(true);
            for (Future<?> f : abusers) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        }
    }
}
