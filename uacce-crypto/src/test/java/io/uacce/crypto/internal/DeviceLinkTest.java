package io.uacce.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Uacce;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.UacceProvider;
import io.uacce.crypto.hpre.sqe.HpreCodec;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelHost;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared device link: a failed known-answer test is remembered (run once), an exception is a failure. */
class DeviceLinkTest {
    @Test
    void selfTestsRunOnceAndAFailureSticks() {
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.HPRE).api(ModelApi.V2)).build()) {
            Uacce u = Uacce.builder().target(host.target()).build();
            CryptoSettings s = new CryptoSettings(CryptoMode.AUTO, 0, 1000);
            java.security.Provider soft = new UacceProvider(s.withMode(CryptoMode.SOFTWARE));
            ProviderContext ctx = new ProviderContext(soft, s, () -> u, () -> soft, new ProviderDevices());
            DeviceLink<?, ?> rsa = new DeviceLink<>(ctx, "HPRE", HpreCodec.RSA_DH_QUEUE, HpreCodec.INSTANCE);
            DeviceLink<?, ?> ecc = new DeviceLink<>(ctx, "HPRE", HpreCodec.ECC_QUEUE, HpreCodec.INSTANCE);
            assertEquals("hisi_hpre-0", rsa.deviceName());
            assertNull(ecc.pool(), "a V2 device has no ECC queue");
            assertEquals("none", ecc.deviceName());
            assertTrue(ecc.unavailableReason().contains("ecdh"), ecc.unavailableReason());
            AtomicInteger runs = new AtomicInteger();
            assertFalse(rsa.selfTest("wrong", "a wrong answer", () -> runs.incrementAndGet() < 0));
            assertFalse(rsa.selfTest("wrong", "a wrong answer", () -> runs.incrementAndGet() > 0), "remembered");
            assertEquals(1, runs.get());
            assertFalse(rsa.selfTest("throws", "a failing device", () -> {
                throw new IllegalStateException("device fault");
            }));
            assertTrue(rsa.selfTest("right", "a right answer", () -> true));
            assertFalse(rsa.hardware());
        }
    }
}
