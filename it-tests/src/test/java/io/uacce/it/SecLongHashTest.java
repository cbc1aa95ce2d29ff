package io.uacce.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.DeviceInfo;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.ProviderStatistics;
import io.uacce.crypto.UacceProvider;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Long hash (§2.5) on the target's SEC device, public API only: with {@code uacce.crypto.longHashChunk}
 * = 64 KiB a message of 10^6 bytes goes to the device as a chain of first, middle and end BDs with the
 * chaining value carried between them. HARDWARE mode, so a device that refuses or gets long hash wrong
 * fails the test instead of hashing in software; the device requests are counted.
 */
@ExtendWith(TargetExtension.class)
class SecLongHashTest {
    private static final String CHUNK = "uacce.crypto.longHashChunk";
    private static final int CHUNK_BYTES = 64 << 10;
    /** FIPS 180-2 appendices A.3, B.3, C.3, D.3 and RFC 3874 §3.3: 1 000 000 × 'a'. */
    private static final String[][] MILLION_A = {
        {"SHA-1", "34aa973cd4c4daa4f61eeb2bdbad27316534016f"},
        {"SHA-224", "20794655980c91d8bbb4c1ea97618a4bf03f42581948b2ee4ee7ad67"},
        {"SHA-256", "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
        {"SHA-384", "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4eb"
                + "ae97ddd87f3d8985"},
        {"SHA-512", "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a"
                + "4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"},
    };

    /** A HARDWARE provider on the target whose digests chain 64 KiB BDs. */
    private static UacceProvider chainingProvider(ConformanceTarget t) {
        System.setProperty(CHUNK, Integer.toString(CHUNK_BYTES));
        try {
            return SecDevices.provider(t, CryptoMode.HARDWARE);
        } finally {
            System.clearProperty(CHUNK);
        }
    }

    @Test
    void millionAsGiveTheStandardsAnswersAsChainedBds(ConformanceTarget t) throws Exception {
        DeviceInfo sec = SecDevices.device(t);
        UacceProvider p = chainingProvider(t);
        try {
            byte[] a = new byte[1_000_000];
            Arrays.fill(a, (byte) 'a');
            for (String[] k : MILLION_A) {
                MessageDigest md = MessageDigest.getInstance(k[0], p);
                md.digest(new byte[] {1}); // its single-BD known-answer test runs here, outside the count
                ProviderStatistics before = p.statistics();
                md.update(a, 0, 1);
                md.update(a, 1, 200_000);
                md.update(a, 200_001, a.length - 200_001);
                assertEquals(k[1], HexFormat.of().formatHex(md.digest()), k[0] + " of 10^6 x 'a' on " + sec.name());
                SecDevices.reachedTheDevice(p, before, k[0] + " long hash on " + sec.name());
                long bds = p.statistics().deviceRequests() - before.deviceRequests();
                assertTrue(bds >= a.length / CHUNK_BYTES + 1, k[0] + ": a chain of 64 KiB BDs on " + sec.name()
                        + ", got " + bds + " device requests");
            }
        } finally {
            p.close();
        }
    }

    @Test
    void randomLongMessagesAgreeWithBouncyCastle(ConformanceTarget t) throws Exception {
        DeviceInfo sec = SecDevices.device(t);
        UacceProvider p = chainingProvider(t);
        try {
            Random rnd = new Random(95);
            for (String alg : new String[] {"MD5", "SHA-256", "SHA-512"}) {
                for (int size : new int[] {CHUNK_BYTES + 1, 3 * CHUNK_BYTES, 3 * CHUNK_BYTES + 111}) {
                    byte[] data = new byte[size];
                    rnd.nextBytes(data);
                    MessageDigest md = MessageDigest.getInstance(alg, p);
                    ProviderStatistics before = p.statistics();
                    int at = 0;
                    while (at < size) {
                        int n = Math.min(size - at, 1 + rnd.nextInt(100_000));
                        md.update(data, at, n);
                        at += n;
                    }
                    assertArrayEquals(MessageDigest.getInstance(alg, SecDevices.BC).digest(data), md.digest(),
                            alg + " of " + size + " random bytes on " + sec.name());
                    SecDevices.reachedTheDevice(p, before, alg + " of " + size + " bytes on " + sec.name());
                }
            }
        } finally {
            p.close();
        }
    }
}
