package io.uacce.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
    /**
     * The provider's wait for one request in these tests (a TCG VM under load needs seconds for the
     * self-test before the fault); completions are held back far longer. A held-back completion costs
     * no wall time: stopping the queue (the provider does, after its timeout) ends the hold on every target.
     */
    private static final long TIMEOUT_MILLIS = 4000;
    private static final Duration HELD_BACK = Duration.ofSeconds(60);

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

    private static byte[] message(Random rnd) {
        byte[] data = new byte[64 << 10];
        rnd.nextBytes(data);
        return data;
    }

    /**
     * Slow completions ({@link Faults#slowCompletions}): the model holds back every completion, the
     * kernel stub and the CUSE daemon let a queue's engine sleep after each SQE it completed, so the
     * first request after the fault may still complete in time there, and of two requests in a row on
     * one queue the second is late on every target. Each request uses its own message, so a completion
     * that belonged to an earlier request would show as wrong bytes.
     */
    @Test
    void lateCompletionsFallBackInAutoAndThrowInHardware(ConformanceTarget t) throws Exception {
        DeviceInfo sec = SecDevices.device(t);
        Need.fault(t, Fault.SLOW_COMPLETIONS);
        Random rnd = new Random(5);
        UacceProvider auto = provider(t, CryptoMode.AUTO);
        UacceProvider hw = provider(t, CryptoMode.HARDWARE);
        try {
            byte[] first = message(rnd);
            assertArrayEquals(sha256(first, SecDevices.BC), sha256(first, auto)); // queue open, self-test done
            assertArrayEquals(sha256(first, SecDevices.BC), sha256(first, hw));
            ProviderStatistics a0 = auto.statistics(), h0 = hw.statistics();
            assertEquals(1, a0.deviceRequests(), "before the fault the device answers in time (within "
                    + TIMEOUT_MILLIS + " ms): " + a0);
            t.faults().slowCompletions(sec, HELD_BACK);
            for (int i = 0; i < 2; i++) {
                byte[] data = message(rnd);
                assertArrayEquals(sha256(data, SecDevices.BC), sha256(data, auto), "AUTO request " + i + " under the fault");
            }
            ProviderStatistics a1 = auto.statistics();
            long used = a1.deviceRequests() - a0.deviceRequests(), failed = a1.deviceFailures() - a0.deviceFailures();
            assertTrue(failed >= 1, "AUTO: a request timed out and was redone in software: " + a1);
            assertEquals(2, used + failed, "each request either completed in time or timed out, and a late"
                    + " completion is never counted as a result: " + a1);
            int thrown = 0;
            for (int i = 0; i < 2 && thrown == 0; i++) {
                byte[] data = message(rnd);
                try {
                    assertArrayEquals(sha256(data, SecDevices.BC), sha256(data, hw), "HARDWARE request " + i + " in time");
                } catch (SecDeviceException e) {
                    assertEquals(sec.name(), e.device(), e.getMessage());
                    thrown++;
                }
            }
            assertEquals(1, thrown, "HARDWARE: a timeout is a typed error, not software: " + hw.statistics());
            assertEquals(h0.deviceFailures() + 1, hw.statistics().deviceFailures(), hw.statistics().toString());
            t.faults().slowCompletions(sec, Duration.ZERO);
            // A stub queue whose last request completed in time may still be asleep from the fault: that
            // request times out once more and the next one takes a new queue.
            boolean usedAgain = false;
            for (int i = 0; i < 3 && !usedAgain; i++) {
                ProviderStatistics before = auto.statistics();
                byte[] data = message(rnd);
                assertArrayEquals(sha256(data, SecDevices.BC), sha256(data, auto), "AUTO after the fault, request " + i);
                usedAgain = auto.statistics().deviceRequests() > before.deviceRequests();
            }
            assertTrue(usedAgain, "the device is used again once it answers in time: " + auto.statistics());
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
