package io.uacce.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.crypto.UacceProvider;
import io.uacce.crypto.sec.bd.SecCodec;
import io.uacce.crypto.sec.bd.SecCodes;
import io.uacce.crypto.sec.bd.SecRequest;
import io.uacce.crypto.sec.bd.SecResult;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.EngineStatistics;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The per-engine counting on a device request's way back: exact, and allocation-free for a success. */
class EngineCountersTest {
    private static DeviceLink<SecRequest, SecResult> link(ProviderDevices devices, CryptoMode mode) {
        CryptoSettings s = new CryptoSettings(mode, 0, 1000);
        java.security.Provider soft = new UacceProvider(s.withMode(CryptoMode.SOFTWARE));
        ProviderContext ctx = new ProviderContext(soft, s, () -> {
            throw new IllegalStateException("no host needed");
        }, () -> soft, devices);
        return new DeviceLink<>(ctx, "SEC", SecCodec.QUEUE_TYPE, SecCodec.INSTANCE);
    }

    @Test
    void countsBytesStatusesTimeoutsAndFallbacks() {
        ProviderDevices devices = new ProviderDevices();
        DeviceLink<SecRequest, SecResult> link = link(devices, CryptoMode.AUTO);
        SecRequest r = new SecRequest().cipher(true, SecCodes.C_ALG_AES, SecCodes.C_MODE_CBC, 0, 1, 2, 4096, 3, 4);
        SecResult ok = new SecResult();
        link.completed(false, r, ok, true);
        link.completed(true, r, ok, true);
        SecResult bad = new SecResult();
        bad.done = true;
        bad.errorType = 0x2a;
        bad.type = bad.expectedType;
        link.completed(false, r, bad, false);
        link.failed(false, new io.uacce.DeviceTimeoutException("late"));
        link.failed(false, new IllegalStateException("stopped"));
        link.fallback();
        link.zeroCopy();
        EngineStatistics s = devices.snapshot().sec();
        assertEquals(1, s.deviceRequests());
        assertEquals(4096, s.bytesIn());
        assertEquals(4096, s.bytesOut());
        assertEquals(1, s.selfTestRequests());
        assertEquals(3, s.deviceFailures());
        assertEquals(java.util.Map.of("0x2A", 1L), s.errorsByStatus());
        assertEquals(1, s.timeouts());
        assertEquals(1, s.softwareFallbacks());
        assertEquals(1, s.zeroCopyRequests());
        assertEquals(0, devices.snapshot().hpre().deviceRequests());
        assertEquals(1, devices.snapshot().deviceRequests(), "totals");

        DeviceLink<SecRequest, SecResult> hw = link(new ProviderDevices(), CryptoMode.HARDWARE);
        hw.fallback();
        assertEquals(0, hw.counters() == null ? 0 : 1);
    }

    /** This thread's allocated bytes (HotSpot's Threading attribute, read through JMX: the module does not read jdk.management). */
    private static long allocated() {
        try {
            return (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(
                    new javax.management.ObjectName("java.lang:type=Threading"), "CurrentThreadAllocatedBytes");
        } catch (javax.management.JMException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aSuccessAllocatesNothing() {
        ProviderDevices devices = new ProviderDevices();
        DeviceLink<SecRequest, SecResult> link = link(devices, CryptoMode.AUTO);
        SecRequest r = new SecRequest().digest(SecCodes.A_SHA256, 8, 1, 100, 2, 0, 0, 0);
        SecResult ok = new SecResult();
        for (int i = 0; i < 20_000; i++) { // warm-up: JIT, the adders' first cells
            link.completed(false, r, ok, true);
            link.completed(true, r, ok, true);
            link.fallback();
        }
        long before = allocated();
        for (int i = 0; i < 100_000; i++) {
            link.completed(false, r, ok, true);
            link.completed(true, r, ok, true);
            link.fallback();
        }
        long allocated = allocated() - before;
        assertTrue(allocated < 4096, allocated + " bytes for 300 000 counts");
        assertEquals(120_000 * 32L, devices.snapshot().sec().bytesOut());
    }
}
