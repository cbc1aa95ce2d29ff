package io.uacce.reliability.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Uacce;
import io.uacce.crypto.UacceProvider;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.ProviderStatistics;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelHost;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The kill campaign's crypto worker ({@code KillWorker --work crypto}) on the model's SEC and HPRE
 * devices, HARDWARE mode: every kind of request, then random ones, all equal to the JDK's results,
 * and every one on a device (the provider's statistics), so the campaign's crypto survivors check
 * what the device computed.
 */
class CryptoWorkTest {

    @Test
    void everyRequestOnTheDeviceEqualsTheJdk() throws Exception {
        try (ModelHost model = ModelHost.builder().device(d -> d.engine(EngineKind.SEC).api(ModelApi.V3))
                .device(d -> d.engine(EngineKind.HPRE).api(ModelApi.V3)).build()) {
            Uacce host = Uacce.builder().target(model.target()).build();
            UacceProvider p = new UacceProvider(new CryptoSettings(CryptoMode.HARDWARE, 0, 20_000), () -> host);
            try {
                CryptoWork w = new CryptoWork(p, 64 << 10, 13, null);
                SplittableRandom r = new SplittableRandom(13);
                assertNull(w.warmUp(r));
                ProviderStatistics before = p.statistics();
                for (CryptoWork.Op op : CryptoWork.Op.values()) {
                    assertNull(w.run(op, r, 0), op + " on an empty message"); // RSA/ECDSA sign the empty message
                }
                for (int i = 0; i < 60; i++) {
                    assertNull(w.one(r));
                }
                ProviderStatistics after = p.statistics();
                // at least one device request per call (most make two or three)
                assertTrue(after.deviceRequests() - before.deviceRequests() >= 60 + CryptoWork.Op.values().length,
                        before + " -> " + after);
                assertEquals(model.devices().size(), 2);
            } finally {
                p.close();
            }
        }
    }
}
