package io.uacce.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.DeviceInfo;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.ProviderStatistics;
import io.uacce.crypto.UacceProvider;
import io.uacce.qm.QmVersion;
import java.security.Provider;

/**
 * What the SEC conformance tests share: the target's SEC device (or a skip naming the missing
 * {@code /dev/hisi_sec2-*}), a {@code UACCE} provider on the target's host (public API only), and
 * the checks that requests really reached the device ({@link UacceProvider#statistics()}), so that
 * a silent software path fails a test.
 */
final class SecDevices {
    /** Longest wait for one device request in these tests. */
    static final long TIMEOUT_MILLIS = 20_000;
    /** Reference: BouncyCastle, independent of the provider's software path and of the model's silicon use. */
    static final Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private SecDevices() {
    }

    /** The SEC device of {@code t}, or the test is skipped naming what is missing. */
    static DeviceInfo device(ConformanceTarget t) {
        return Need.secDevice(t);
    }

    /** V3+ (BD3): CTR, SM4 AEAD, zero-length hashes, AES MACs (§5); V1/V2 (BD2) lack them. */
    static boolean v3(DeviceInfo sec) {
        return QmVersion.fromApi(sec.api()).compareTo(QmVersion.V3) >= 0;
    }

    /** A provider in {@code mode} on the target's host; threshold 0 so that every request may go to the device. */
    static UacceProvider provider(ConformanceTarget t, CryptoMode mode) {
        return new UacceProvider(new CryptoSettings(mode, 0, TIMEOUT_MILLIS), t::host);
    }

    /** A test body on the target's SEC device and a provider on it. */
    interface Body {
        void run(DeviceInfo sec, UacceProvider p) throws Exception;
    }

    /**
     * Runs {@code body} with the target's SEC device (skipped when it has none) and a provider in
     * {@code mode} on the target's host, closed afterwards (its queues go back to the device).
     */
    static void run(ConformanceTarget t, CryptoMode mode, Body body) throws Exception {
        DeviceInfo sec = device(t);
        UacceProvider p = provider(t, mode);
        try {
            body.run(sec, p);
        } finally {
            p.close();
        }
    }

    /** Asserts that {@code p} sent at least one request to the device since {@code before} and none failed. */
    static void reachedTheDevice(UacceProvider p, ProviderStatistics before, String what) {
        ProviderStatistics now = p.statistics();
        assertTrue(now.deviceRequests() > before.deviceRequests(), what + ": no request reached the device ("
                + now + "); a silent software path?");
        assertEquals(before.deviceFailures(), now.deviceFailures(), what + ": device requests failed (" + now + ")");
    }
}
