package io.uacce.crypto.sec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Uacce;
import io.uacce.crypto.UacceProvider;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelDevice;
import io.uacce.stubs.model.ModelHost;
import java.io.ByteArrayOutputStream;
import java.security.Provider;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * AES/SM4 ECB, CBC, CTR and DESede ECB, CBC (8-byte blocks) in AUTO mode on model SEC devices: random split points mix device and
 * software parts of one message; the bytes equal the SOFTWARE provider's and the device's BD count
 * shows which parts reached it.
 */
class DeviceCipherOnModelTest {
    private static final Provider SOFT = new UacceProvider(new CryptoSettings(CryptoMode.SOFTWARE, 0, 1000));
    private static final String[] TRANSFORMATIONS = {"AES/ECB/NoPadding", "AES/CBC/NoPadding", "AES/CTR/NoPadding",
        "SM4/ECB/NoPadding", "SM4/CBC/NoPadding", "SM4/CTR/NoPadding", "DESede/ECB/NoPadding", "DESede/CBC/NoPadding"};

    @ParameterizedTest
    @EnumSource(value = ModelApi.class, names = {"V2", "V3"})
    void splitMessagesEqualSoftwareAndReachTheDevice(ModelApi api) throws Exception {
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.SEC).api(api).queues(2)).build()) {
            Uacce uacce = Uacce.builder().target(host.target()).build();
            Provider p = new UacceProvider(new CryptoSettings(CryptoMode.AUTO, 1000, 10_000), () -> uacce);
            ModelDevice dev = host.devices().getFirst();
            Random rnd = new Random(11 + api.ordinal());
            for (String t : TRANSFORMATIONS) {
                boolean ctr = t.contains("CTR");
                boolean des = t.startsWith("DESede");
                int blk = des ? 8 : 16;
                for (int keyLen : t.startsWith("AES") ? new int[] {16, 24, 32} : new int[] {des ? 24 : 16}) {
                    for (int size : ctr ? new int[] {0, 15, 999, 1000, 4096, (64 << 10) + 3}
                            : des ? new int[] {0, 8, 1000, 1016, 4096, 64 << 10} : new int[] {0, 16, 992, 1008, 4096, 64 << 10}) {
                        byte[] key = new byte[keyLen], iv = new byte[blk], data = new byte[size];
                        rnd.nextBytes(key);
                        rnd.nextBytes(iv);
                        rnd.nextBytes(data);
                        if (ctr) {
                            java.util.Arrays.fill(iv, 8, 16, (byte) 0xFF); // the counter rolls over inside the message
                        }
                        String alg = t.substring(0, t.indexOf('/'));
                        SecretKeySpec k = new SecretKeySpec(key, alg);
                        IvParameterSpec v = t.contains("ECB") ? null : new IvParameterSpec(iv);
                        byte[] want = crypt(Cipher.getInstance(t, SOFT), Cipher.ENCRYPT_MODE, k, v, data, null);
                        long before = dev.completions();
                        int[] splits = {0, size > 0 ? rnd.nextInt(size) : 0, size};
                        if (!ctr) {
                            splits[1] &= ~(blk - 1);
                        }
                        if (rnd.nextBoolean() && size >= 2000 && !ctr) {
                            splits[1] = 1000 + rnd.nextInt(size - 1000) & ~(blk - 1);
                        }
                        Cipher c = Cipher.getInstance(t, p);
                        assertArrayEquals(want, crypt(c, Cipher.ENCRYPT_MODE, k, v, data, splits), t + " " + size);
                        assertArrayEquals(want, c.doFinal(data), t + " after doFinal, as after init");
                        assertArrayEquals(data, crypt(Cipher.getInstance(t, p), Cipher.DECRYPT_MODE, k, v, want, splits),
                                t + " decrypt " + size);
                        long used = dev.completions() - before;
                        boolean some = splits[1] >= 1000 || size - splits[1] >= 1000 && (ctr ? splits[1] % 16 == 0 : true);
                        if (size < 1000) {
                            assertEquals(0, used, t + " " + size + " bytes stays in software");
                        } else if (some && !(ctr && api == ModelApi.V2)) { // V2 has no CTR (§5): software
                            assertTrue(used >= 2, t + " " + size + " split " + splits[1] + ": " + used + " BDs");
                        }
                    }
                }
            }
        }
    }

    @Test
    void aWholeMessageIsOneBdAfterTheSelfTest() throws Exception {
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.SEC).api(ModelApi.V3)).build()) {
            Uacce uacce = Uacce.builder().target(host.target()).build();
            Provider p = new UacceProvider(new CryptoSettings(CryptoMode.AUTO, 0, 10_000), () -> uacce);
            ModelDevice dev = host.devices().getFirst();
            SecretKeySpec k = new SecretKeySpec(new byte[32], "AES");
            IvParameterSpec v = new IvParameterSpec(new byte[16]);
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding", p);
            c.init(Cipher.ENCRYPT_MODE, k, v);
            byte[] data = new byte[4096];
            c.doFinal(data);
            long after = dev.completions();
            assertEquals(3, after, "two self-test BDs (encrypt, decrypt) + one");
            Cipher ref = Cipher.getInstance("AES/CBC/NoPadding", SOFT);
            ref.init(Cipher.ENCRYPT_MODE, k, v);
            assertArrayEquals(ref.doFinal(data), c.doFinal(data));
            assertEquals(4, dev.completions());
        }
    }

    @Test
    void counterAdditionCarriesAcrossBytes() {
        byte[] c = new byte[16];
        java.util.Arrays.fill(c, (byte) 0xFF);
        assertArrayEquals(new byte[16], DeviceCipher.addCounter(c, 1));
        byte[] d = new byte[16];
        d[15] = (byte) 0xF0;
        byte[] e = DeviceCipher.addCounter(d, 0x111);
        assertEquals(0x02, e[14]);
        assertEquals(0x01, e[15]);
    }

    private static byte[] crypt(Cipher c, int mode, SecretKeySpec k, IvParameterSpec v, byte[] data, int[] splits)
            throws Exception {
        if (v == null) {
            c.init(mode, k);
        } else {
            c.init(mode, k, v);
        }
        if (splits == null) {
            return c.doFinal(data);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] u = c.update(data, 0, splits[1]);
        if (u != null) {
            out.write(u);
        }
        out.write(c.doFinal(data, splits[1], data.length - splits[1]));
        return out.toByteArray();
    }
}
