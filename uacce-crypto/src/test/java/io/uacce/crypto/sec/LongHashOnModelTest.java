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
import io.uacce.crypto.types.SecDeviceException;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelDevice;
import io.uacce.stubs.model.ModelHost;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Long hash (§2.5) on model SEC devices: messages longer than one BD go to the device as chained
 * first/middle/end BDs. Small chunks ({@code uacce.crypto.longHashChunk}) make the chain long at
 * small sizes; one message crosses the real one-BD limit (16 MiB − 512).
 */
class LongHashOnModelTest {
    private static final String CHUNK = "uacce.crypto.longHashChunk";

    private static UacceProvider provider(ModelHost host, CryptoMode mode, Integer chunk) {
        if (chunk != null) {
            System.setProperty(CHUNK, chunk.toString());
        }
        try {
            Uacce uacce = Uacce.builder().target(host.target()).build();
            return new UacceProvider(new CryptoSettings(mode, 0, 10_000), () -> uacce);
        } finally {
            System.clearProperty(CHUNK);
        }
    }

    private static ModelHost host(ModelApi api) {
        return ModelHost.builder().device(d -> d.engine(EngineKind.SEC).api(api).queues(2)).build();
    }

    /** FIPS 180-2 appendix examples: SHA-256 and SHA-512 of 1 000 000 × 'a', split at odd points. */
    @ParameterizedTest
    @EnumSource(value = ModelApi.class, names = {"V2", "V3"})
    void millionAsAsTheStandardSays(ModelApi api) throws Exception {
        try (ModelHost host = host(api)) {
            UacceProvider p = provider(host, CryptoMode.HARDWARE, 64 << 10);
            byte[] a = new byte[1_000_000];
            Arrays.fill(a, (byte) 'a');
            String[][] known = {{"SHA-256", "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
                {"SHA-512", "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c3"
                        + "1beb009c5c2c49aa2e4eadb217ad8cc09b"}};
            for (String[] k : known) {
                MessageDigest md = MessageDigest.getInstance(k[0], p);
                ModelDevice dev = host.devices().getFirst();
                for (int split : new int[] {1, 65_535, 65_536, 500_001}) {
                    long before = dev.completions();
                    md.update(a, 0, split);
                    md.update(a, split, a.length - split);
                    assertEquals(k[1], HexFormat.of().formatHex(md.digest()), k[0] + " split at " + split);
                    long bds = dev.completions() - before;
                    assertTrue(bds >= 16, k[0] + ": a chain of 64 KiB BDs on the device, got " + bds);
                }
            }
            p.close();
        }
    }

    /** Every algorithm with a long-hash known answer against the JDK around chunk boundaries, clones mid-chain. */
    @ParameterizedTest
    @EnumSource(value = ModelApi.class, names = {"V2", "V3"})
    void longMessagesEqualTheJdk(ModelApi api) throws Exception {
        int chunk = 4096;
        try (ModelHost host = host(api)) {
            UacceProvider p = provider(host, CryptoMode.AUTO, chunk);
            Random rnd = new Random(11 + api.ordinal());
            for (String alg : new String[] {"SHA-1", "SHA-224", "SHA-256", "SHA-384", "SHA-512", "MD5"}) {
                for (int size : new int[] {chunk, chunk + 1, 2 * chunk, 3 * chunk + 17, 10 * chunk + 100}) {
                    byte[] data = new byte[size];
                    rnd.nextBytes(data);
                    byte[] want = MessageDigest.getInstance(alg, "SUN").digest(data);
                    ProviderStatistics before = p.statistics();
                    MessageDigest md = MessageDigest.getInstance(alg, p);
                    int at = 0;
                    MessageDigest copy = null;
                    while (at < size) {
                        int n = Math.min(size - at, 1 + rnd.nextInt(2 * chunk));
                        md.update(data, at, n);
                        at += n;
                        if (copy == null && at > chunk) {
                            copy = (MessageDigest) md.clone();
                            copy.update(data, at, size - at);
                        }
                    }
                    assertArrayEquals(want, md.digest(), alg + " " + size + " bytes");
                    if (copy != null) {
                        assertArrayEquals(want, copy.digest(), alg + " clone mid-chain, " + size + " bytes");
                    }
                    ProviderStatistics after = p.statistics();
                    long bds = after.deviceRequests() - before.deviceRequests();
                    int chained = (size + chunk - 1) / chunk;
                    assertTrue(bds >= chained, alg + " " + size + " bytes: " + bds + " BDs, a chain needs " + chained);
                    assertEquals(before.deviceFailures(), after.deviceFailures(), alg + ": no failure");
                }
            }
            p.close();
        }
    }

    /** SM3 and SHA-512/256 have no long-hash known answer: AUTO hashes long messages in software, HARDWARE refuses. */
    @ParameterizedTest
    @EnumSource(value = ModelApi.class, names = {"V3"})
    void algorithmsWithoutALongHashKnownAnswer(ModelApi api) throws Exception {
        try (ModelHost host = host(api)) {
            UacceProvider auto = provider(host, CryptoMode.AUTO, 4096);
            UacceProvider hw = provider(host, CryptoMode.HARDWARE, 4096);
            byte[] data = new byte[10_000];
            new Random(3).nextBytes(data);
            UacceProvider soft = new UacceProvider(new CryptoSettings(CryptoMode.SOFTWARE, 0, 1000));
            for (String alg : new String[] {"SM3", "SHA-512/256"}) {
                assertArrayEquals(MessageDigest.getInstance(alg, soft).digest(data),
                        MessageDigest.getInstance(alg, auto).digest(data), alg);
                MessageDigest md = MessageDigest.getInstance(alg, hw);
                SecDeviceException e = assertThrows(SecDeviceException.class, () -> md.update(data), alg);
                assertTrue(e.getMessage().contains("long hash"), e.getMessage());
            }
            auto.close();
            hw.close();
        }
    }

    /** A message past the real one-BD limit (16 MiB − 512): two BDs, the JDK's digest. */
    @ParameterizedTest
    @EnumSource(value = ModelApi.class, names = {"V3"})
    void pastTheOneBdLimit(ModelApi api) throws Exception {
        try (ModelHost host = host(api)) {
            UacceProvider p = provider(host, CryptoMode.HARDWARE, null);
            byte[] data = new byte[0xFFFE00 + 1000];
            new Random(4).nextBytes(data);
            MessageDigest md = MessageDigest.getInstance("SHA-256", p);
            assertArrayEquals(MessageDigest.getInstance("SHA-256", "SUN").digest(data), md.digest(data));
            assertEquals(2, p.statistics().deviceRequests(), "first BD of 16 MiB - 512, end BD of 1000 bytes: "
                    + p.statistics());
            p.close();
        }
    }

    /**
     * A reset in the middle of a chain: the next block is retried on a new queue and the digest is
     * right; a device that keeps failing (completions held back past the timeout) ends the chain with a
     * typed error, also in AUTO (the first blocks cannot be redone in software).
     */
    @ParameterizedTest
    @EnumSource(value = ModelApi.class, names = {"V3"})
    void faultsInTheMiddleOfAChain(ModelApi api) throws Exception {
        try (ModelHost host = host(api)) {
            System.setProperty(CHUNK, "4096");
            UacceProvider p;
            try {
                Uacce uacce = Uacce.builder().target(host.target()).build();
                p = new UacceProvider(new CryptoSettings(CryptoMode.AUTO, 0, 1500), () -> uacce);
            } finally {
                System.clearProperty(CHUNK);
            }
            ModelDevice dev = host.devices().getFirst();
            byte[] data = new byte[5 * 4096 + 33];
            new Random(8).nextBytes(data);
            MessageDigest md = MessageDigest.getInstance("SHA-256", p);
            md.update(data, 0, 2 * 4096 + 1); // first and middle blocks on the device
            dev.reset(); // the provider's queue is stopped for good
            md.update(data, 2 * 4096 + 1, data.length - 2 * 4096 - 1);
            assertArrayEquals(MessageDigest.getInstance("SHA-256", "SUN").digest(data), md.digest(),
                    "retried on a new queue after the reset");
            assertTrue(p.statistics().deviceFailures() >= 1, p.statistics().toString());

            md.update(data, 0, 2 * 4096 + 1);
            dev.slowCompletions(java.time.Duration.ofSeconds(30));
            try {
                SecDeviceException e = assertThrows(SecDeviceException.class,
                        () -> md.update(data, 2 * 4096 + 1, data.length - 2 * 4096 - 1));
                assertTrue(e.getMessage().contains("cannot be redone in software"), e.getMessage());
            } finally {
                dev.slowCompletions(java.time.Duration.ZERO);
            }
            assertArrayEquals(MessageDigest.getInstance("SHA-256", "SUN").digest(data), md.digest(data),
                    "the digest is usable again after the error");
            p.close();
        }
    }
}
