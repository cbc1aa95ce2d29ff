package io.uacce.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.uacce.DeviceInfo;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.ProviderStatistics;
import io.uacce.crypto.types.SecDeviceException;
import io.uacce.crypto.UacceProvider;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Device faults during SEC requests through the provider (reset: docs/abi.md part 1, section 3.7; completions later than
 * the provider's timeout): AUTO redoes the request in software and gives the right bytes, HARDWARE
 * throws {@link SecDeviceException} naming the device — never a wrong result, never a hang; and
 * after the fault the provider uses the device again.
 */
@ExtendWith(TargetExtension.class)
class SecFaultTest {
    /** The provider's wait for one request in these tests: completions are held back far longer. */
    private static final long TIMEOUT_MILLIS = 2500;
    private static final Duration HELD_BACK = Duration.ofSeconds(8);

    private static UacceProvider provider(ConformanceTarget t, CryptoMode mode) {
        return new UacceProvider(new CryptoSettings(mode, 0, TIMEOUT_MILLIS), t::host);
    }

    private static byte[] sha256(byte[] data, java.security.Provider p) throws Exception {
        return MessageDigest.getInstance("SHA-256", p).digest(data);
    }

    private static byte[] gcm(java.security.Provider p, byte[] key, byte[] iv, byte[] data) throws Exception {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding", p);
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        return c.doFinal(data);
    }

    @Test
    void lateCompletionsFallBackInAutoAndThrowInHardware(ConformanceTarget t) throws Exception {
        DeviceInfo sec = SecDevices.device(t);
        Need.fault(t, Fault.SLOW_COMPLETIONS);
        byte[] data = new byte[64 << 10];
        new Random(5).nextBytes(data);
        byte[] want = sha256(data, SecDevices.BC);
        UacceProvider auto = provider(t, CryptoMode.AUTO);
        UacceProvider hw = provider(t, CryptoMode.HARDWARE);
        try {
            assertArrayEquals(want, sha256(data, auto)); // queue open, self-test done, before the fault
            assertArrayEquals(want, sha256(data, hw));
            ProviderStatistics a0 = auto.statistics(), h0 = hw.statistics();
            t.faults().slowCompletions(sec, HELD_BACK);
            assertArrayEquals(want, sha256(data, auto), "AUTO: software after the device timed out");
            ProviderStatistics a1 = auto.statistics();
            assertEquals(a0.deviceRequests(), a1.deviceRequests(), "the late device result is not used: " + a1);
            assertTrue(a1.deviceFailures() > a0.deviceFailures(), "the timeout was counted: " + a1);
            SecDeviceException e = assertThrows(SecDeviceException.class, () -> sha256(data, hw),
                    "HARDWARE: a timeout is a typed error, not software");
            assertEquals(sec.name(), e.device(), e.getMessage());
            assertTrue(hw.statistics().deviceFailures() > h0.deviceFailures(), hw.statistics().toString());
            t.faults().slowCompletions(sec, Duration.ZERO);
            assertArrayEquals(want, sha256(data, auto));
            assertTrue(auto.statistics().deviceRequests() > a1.deviceRequests(),
                    "the device is used again once it answers in time: " + auto.statistics());
        } finally {
            t.faults().slowCompletions(sec, Duration.ZERO);
            auto.close();
            hw.close();
        }
    }

    @Test
    void resetDuringRequestsNeverGivesAWrongResult(ConformanceTarget t) throws Exception {
        DeviceInfo sec = SecDevices.device(t);
        Need.fault(t, Fault.RESET);
        Random rnd = new Random(6);
        byte[] key = new byte[16];
        rnd.nextBytes(key);
        UacceProvider auto = SecDevices.provider(t, CryptoMode.AUTO);
        UacceProvider hw = SecDevices.provider(t, CryptoMode.HARDWARE);
        try {
            for (int round = 0; round < 6; round++) {
                byte[] data = new byte[(16 << 10) + round];
                rnd.nextBytes(data);
                byte[] iv = new byte[12];
                rnd.nextBytes(iv);
                byte[] want = sha256(data, SecDevices.BC);
                byte[] sealed = gcm(SecDevices.BC, key, iv, data);
                if (round % 2 == 1) {
                    t.faults().reset(sec); // every queue the providers hold is stopped for good
                }
                assertArrayEquals(want, sha256(data, auto), "AUTO digest, round " + round);
                assertArrayEquals(sealed, gcm(auto, key, iv, data), "AUTO AES-GCM, round " + round);
                try {
                    assertArrayEquals(want, sha256(data, hw), "HARDWARE digest, round " + round);
                } catch (SecDeviceException e) {
                    assertEquals(sec.name(), e.device(), e.getMessage()); // typed, names the device
                    if (round % 2 == 0) {
                        fail("HARDWARE failed with no fault injected this round: " + e.getMessage());
                    }
                }
            }
            ProviderStatistics a = auto.statistics();
            assertTrue(a.deviceRequests() >= 6, "AUTO keeps using the device across resets (new queues): " + a);
            ProviderStatistics before = auto.statistics();
            t.faults().reset(sec);
            byte[] data = new byte[8192];
            assertArrayEquals(sha256(data, SecDevices.BC), sha256(data, auto));
            assertArrayEquals(sha256(data, SecDevices.BC), sha256(data, auto));
            assertTrue(auto.statistics().deviceRequests() > before.deviceRequests(),
                    "after a reset the provider reaches the device on a new queue: " + auto.statistics());
        } finally {
            auto.close();
            hw.close();
        }
    }
}
