package io.uacce.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Uacce;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.EngineStatistics;
import io.uacce.crypto.types.HpreDeviceException;
import io.uacce.crypto.types.ProviderStatistics;
import io.uacce.crypto.types.SecDeviceException;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelDevice;
import io.uacce.stubs.model.ModelHost;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.management.JMX;
import javax.management.ObjectName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The provider's per-engine counters ({@link ProviderStatistics#sec()}, {@link ProviderStatistics#hpre()})
 * and its MBean, exact for a known workload on the model's SEC and HPRE devices: requests, bytes equal
 * to the JCA call sizes, an error completion under its device status, a timeout, software fallbacks
 * (AUTO only), the request layer's counters agreeing with the provider's.
 */
class ProviderStatisticsOnModelTest {
    private static final long TIMEOUT_MS = 2000; // the model's first request on a loaded machine takes a few 100 ms

    private static UacceProvider provider(ModelHost host, CryptoMode mode) {
        Uacce uacce = Uacce.builder().target(host.target()).build();
        return new UacceProvider(new CryptoSettings(mode, 0, TIMEOUT_MS), () -> uacce);
    }

    private static boolean registered(UacceProvider p) throws Exception {
        return ManagementFactory.getPlatformMBeanServer().isRegistered(new ObjectName(p.jmxName()));
    }

    private static CryptoProviderMXBean mbean(UacceProvider p) throws Exception {
        return JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(), new ObjectName(p.jmxName()),
                CryptoProviderMXBean.class);
    }

    /** Every completion the request layer took off the CQ is a provider request, self-test or error completion. */
    private static void layerAgrees(EngineStatistics e) {
        long errors = e.errorsByStatus().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(e.deviceRequests() + e.selfTestRequests() + errors, e.requestLayer().completed(), e.toString());
        assertEquals(e.requestLayer().queueDeaths(), e.queueDeaths());
        assertTrue(e.inflightHighWater() >= 1, e.toString());
        assertFalse(e.queues().isEmpty(), e.toString());
    }

    /** Sets the completion's status bytes once, for the next SQE the device runs (any queue). */
    private static void failNext(ModelDevice dev, AtomicInteger armed, java.util.function.Consumer<java.lang.foreign.MemorySegment> w) {
        armed.set(1);
        dev.filterResults((d, sqe) -> {
            if (armed.getAndSet(0) == 1) {
                w.accept(sqe);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(value = CryptoMode.class, names = {"AUTO", "HARDWARE"})
    void secCountsRequestsBytesErrorsTimeoutsAndFallbacks(CryptoMode mode) throws Exception {
        boolean auto = mode == CryptoMode.AUTO;
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.SEC).api(ModelApi.V3)).build()) {
            ModelDevice dev = host.devices().getFirst();
            UacceProvider p = provider(host, mode);
            assertFalse(registered(p), "no MBean before the first device use");
            byte[] data = new byte[100];
            new java.util.Random(1).nextBytes(data);
            byte[] sha = MessageDigest.getInstance("SHA-256", "SUN").digest(data);
            assertArrayEquals(sha, MessageDigest.getInstance("SHA-256", p).digest(data));
            EngineStatistics s = p.statistics().sec();
            assertEquals(1, s.deviceRequests(), s.toString());
            assertEquals(1, s.selfTestRequests(), "FIPS 180-4 'abc' before the first SHA-256");
            assertEquals(100, s.bytesIn());
            assertEquals(32, s.bytesOut());

            SecretKeySpec k = new SecretKeySpec(new byte[16], "AES");
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding", p);
            c.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(new byte[16]));
            Cipher ref = Cipher.getInstance("AES/CBC/NoPadding", "SunJCE");
            ref.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(new byte[16]));
            byte[] text = java.util.Arrays.copyOf(data, 64);
            assertArrayEquals(ref.doFinal(text), c.doFinal(text));
            s = p.statistics().sec();
            assertEquals(2, s.deviceRequests());
            assertEquals(3, s.selfTestRequests(), "+ SP 800-38A F.2.1, both ways");
            assertEquals(164, s.bytesIn());
            assertEquals(96, s.bytesOut());
            assertEquals(0, s.deviceFailures());
            assertEquals(0, s.softwareFallbacks());
            layerAgrees(s);
            assertEquals(s.requestLayer().submitted(), s.requestLayer().completed());
            assertEquals(0, p.statistics().hpre().deviceRequests(), "SEC work is not HPRE's");
            ProviderStatistics all = p.statistics();
            assertEquals(2, all.deviceRequests(), "the totals are the engines' sums");
            assertEquals(3, all.selfTestRequests());

            assertTrue(registered(p), "the MBean while devices are open");
            CryptoProviderMXBean mb = mbean(p);
            assertEquals(2L, mb.getSecCounters().get("requests"));
            assertEquals(164L, mb.getSecCounters().get("bytes_in"));
            assertEquals(mode.name().toLowerCase(java.util.Locale.ROOT), mb.getMode());
            assertFalse(mb.getSecQueues().isEmpty());

            // an error completion: SEC error_type (BD byte 114, docs/abi.md) 0x11 on the next BD
            failNext(dev, new AtomicInteger(), sqe -> sqe.set(ValueLayout.JAVA_BYTE, 114, (byte) 0x11));
            try {
                if (auto) {
                    assertArrayEquals(sha, MessageDigest.getInstance("SHA-256", p).digest(data), "redone in software");
                } else {
                    assertThrows(SecDeviceException.class, () -> MessageDigest.getInstance("SHA-256", p).digest(data));
                }
            } finally {
                dev.filterResults(null);
            }
            s = p.statistics().sec();
            assertEquals(Map.of("0x11", 1L), s.errorsByStatus());
            assertEquals(1, s.deviceFailures());
            assertEquals(auto ? 1 : 0, s.softwareFallbacks());
            assertEquals(2, s.deviceRequests());
            assertEquals(164, s.bytesIn(), "a failed request moves no bytes");
            layerAgrees(s);
            assertEquals(Map.of("0x11", 1L), mb.getSecErrorsByStatus());

            // a lost completion: a device timeout
            dev.loseCompletions(1);
            if (auto) {
                assertArrayEquals(sha, MessageDigest.getInstance("SHA-256", p).digest(data), "redone in software");
            } else {
                assertThrows(SecDeviceException.class, () -> MessageDigest.getInstance("SHA-256", p).digest(data));
            }
            s = p.statistics().sec();
            assertEquals(1, s.timeouts());
            assertEquals(2, s.deviceFailures());
            assertEquals(auto ? 2 : 0, s.softwareFallbacks());
            assertTrue(s.requestLayer().failed() >= 1, s.toString());

            p.close();
            assertFalse(registered(p), "unregistered at close");
            assertEquals(2, p.statistics().sec().deviceRequests(), "the counters outlive the close");
        }
    }

    @Test
    void noSecDeviceIsAFallbackAndNoMBean() throws Exception {
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.HPRE).api(ModelApi.V3)).build()) {
            UacceProvider p = provider(host, CryptoMode.AUTO);
            byte[] data = new byte[40];
            assertArrayEquals(MessageDigest.getInstance("SHA-256", "SUN").digest(data),
                    MessageDigest.getInstance("SHA-256", p).digest(data));
            EngineStatistics s = p.statistics().sec();
            assertEquals(1, s.softwareFallbacks());
            assertEquals(0, s.deviceRequests());
            assertEquals(0, s.requestLayer().submitted());
            assertFalse(registered(p), "no device resources, no MBean");
            p.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = CryptoMode.class, names = {"AUTO", "HARDWARE"})
    void hpreCountsRsaBytesEccFallbackOnV2AndErrors(CryptoMode mode) throws Exception {
        boolean auto = mode == CryptoMode.AUTO;
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.HPRE).api(ModelApi.V2)).build()) {
            ModelDevice dev = host.devices().getFirst();
            UacceProvider p = provider(host, mode);
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", "SunRsaSign");
            g.initialize(2048);
            KeyPair rsa = g.generateKeyPair();
            byte[] m = new byte[256];
            m[5] = 7;
            Cipher ref = Cipher.getInstance("RSA/ECB/NoPadding", "SunJCE");
            ref.init(Cipher.ENCRYPT_MODE, rsa.getPublic());
            byte[] want = ref.doFinal(m);
            Cipher c = Cipher.getInstance("RSA/ECB/NoPadding", p);
            c.init(Cipher.ENCRYPT_MODE, rsa.getPublic());
            assertArrayEquals(want, c.doFinal(m));
            EngineStatistics s = p.statistics().hpre();
            assertEquals(1, s.deviceRequests());
            assertEquals(256, s.bytesIn(), "RSA-2048: the 256-byte block in");
            assertEquals(256, s.bytesOut(), "and out");
            assertTrue(s.selfTestRequests() >= 1, s.toString());
            assertEquals(0, s.softwareFallbacks());
            assertEquals(0, p.statistics().sec().deviceRequests());
            layerAgrees(s);
            assertTrue(registered(p));
            assertEquals(1L, mbean(p).getHpreCounters().get("requests"));

            // ECDH on V2: no ECC queues; AUTO serves it in software (a fallback), HARDWARE refuses
            KeyPairGenerator eg = KeyPairGenerator.getInstance("EC", "SunEC");
            eg.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair a = eg.generateKeyPair(), b = eg.generateKeyPair();
            KeyAgreement ka = KeyAgreement.getInstance("ECDH", p);
            ka.init(a.getPrivate());
            if (auto) {
                ka.doPhase(b.getPublic(), true);
                KeyAgreement jdk = KeyAgreement.getInstance("ECDH", "SunEC");
                jdk.init(a.getPrivate());
                jdk.doPhase(b.getPublic(), true);
                assertArrayEquals(jdk.generateSecret(), ka.generateSecret());
            } else {
                assertThrows(HpreDeviceException.class, () -> {
                    ka.doPhase(b.getPublic(), true);
                    ka.generateSecret();
                });
            }
            s = p.statistics().hpre();
            assertEquals(auto ? 1 : 0, s.softwareFallbacks());
            assertEquals(1, s.deviceRequests());

            // an error completion: HPRE etype (dw0 bits 15:5, docs/abi.md) 0x11 on the next SQE
            failNext(dev, new AtomicInteger(), sqe -> sqe.set(ValueLayout.JAVA_INT_UNALIGNED, 0,
                    sqe.get(ValueLayout.JAVA_INT_UNALIGNED, 0) | 0x11 << 5));
            try {
                if (auto) {
                    assertArrayEquals(want, c.doFinal(m), "redone in software");
                } else {
                    assertThrows(HpreDeviceException.class, () -> c.doFinal(m));
                }
            } finally {
                dev.filterResults(null);
            }
            s = p.statistics().hpre();
            assertEquals(Map.of("0x11", 1L), s.errorsByStatus());
            assertEquals(1, s.deviceFailures());
            assertEquals(auto ? 2 : 0, s.softwareFallbacks());
            assertEquals(256, s.bytesIn());
            layerAgrees(s);

            dev.loseCompletions(1);
            if (auto) {
                assertArrayEquals(want, c.doFinal(m));
            } else {
                assertThrows(HpreDeviceException.class, () -> c.doFinal(m));
            }
            s = p.statistics().hpre();
            assertEquals(1, s.timeouts());
            assertEquals(2, s.deviceFailures());
            assertEquals(auto ? 3 : 0, s.softwareFallbacks());
            p.close();
            assertFalse(registered(p));
        }
    }
}
