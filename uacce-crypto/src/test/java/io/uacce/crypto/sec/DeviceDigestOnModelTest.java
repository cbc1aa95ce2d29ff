package io.uacce.crypto.sec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Uacce;
import io.uacce.crypto.CryptoSettings;
import io.uacce.crypto.Mode;
import io.uacce.crypto.UacceProvider;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelDevice;
import io.uacce.stubs.model.ModelHost;
import java.security.MessageDigest;
import java.security.Provider;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** MessageDigest in AUTO mode on a model SEC device: the device above the threshold, software below, same bytes. */
class DeviceDigestOnModelTest {
    private static final Provider SOFT = new UacceProvider(new CryptoSettings(Mode.SOFTWARE, 0, 1000));
    private static final String[] ALGS = {"SHA-1", "SHA-224", "SHA-256", "SHA-384", "SHA-512", "SHA-512/224",
        "SHA-512/256", "MD5", "SM3"};

    @ParameterizedTest
    @EnumSource(value = ModelApi.class, names = {"V2", "V3"})
    void digestsGoToTheDeviceAboveTheThreshold(ModelApi api) throws Exception {
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.SEC).api(api).queues(2)).build()) {
            Uacce uacce = Uacce.builder().target(host.target()).build();
            Provider p = new UacceProvider(new CryptoSettings(Mode.AUTO, 1000, 10_000), () -> uacce);
            ModelDevice dev = host.devices().getFirst();
            Random rnd = new Random(api.ordinal());
            for (String alg : ALGS) {
                for (int size : new int[] {0, 1, 999, 1000, 4096, (64 << 10) + 3}) {
                    byte[] data = new byte[size];
                    rnd.nextBytes(data);
                    long before = dev.completions();
                    MessageDigest md = MessageDigest.getInstance(alg, p);
                    md.update(data, 0, size / 3);
                    MessageDigest copy = (MessageDigest) md.clone();
                    md.update(data, size / 3, size - size / 3);
                    copy.update(data, size / 3, size - size / 3);
                    byte[] want = MessageDigest.getInstance(alg, SOFT).digest(data);
                    assertArrayEquals(want, md.digest(), alg + " " + size + " bytes");
                    assertArrayEquals(want, copy.digest(), alg + " clone, " + size + " bytes");
                    long used = dev.completions() - before;
                    if (size < 1000) {
                        assertEquals(0, used, alg + " " + size + " bytes stays in software (threshold 1000)");
                    } else {
                        assertTrue(used >= 2, alg + " " + size + " bytes went to the device (" + used + " BDs)");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ModelApi.class, names = {"V3"})
    void noSecDeviceMeansSoftware(ModelApi api) throws Exception {
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.ZIP).api(api)).build()) {
            Uacce uacce = Uacce.builder().target(host.target()).build();
            Provider p = new UacceProvider(new CryptoSettings(Mode.AUTO, 0, 10_000), () -> uacce);
            byte[] data = new byte[5000];
            assertArrayEquals(MessageDigest.getInstance("SM3", SOFT).digest(data),
                    MessageDigest.getInstance("SM3", p).digest(data));
        }
    }
}
