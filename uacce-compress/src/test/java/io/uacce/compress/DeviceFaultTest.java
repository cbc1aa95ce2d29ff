package io.uacce.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.DeviceTimeoutException;
import io.uacce.Uacce;
import io.uacce.UacceException;
import io.uacce.compress.types.Format;
import io.uacce.stubs.model.ModelDevice;
import io.uacce.stubs.model.ModelHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Device faults from the model: clear typed errors, no hang, and recovery on a fresh queue. */
class DeviceFaultTest {
    private static ZipEngine engine(ModelHost model, Duration timeout) {
        return ZipEngine.builder().mode(Mode.HARDWARE).host(Uacce.builder().target(model.target()).build())
                .requestTimeout(timeout).build();
    }

    @Test
    void resetStopsTheQueueWithATypedErrorAndANewQueueTakesOver() throws Exception {
        try (ModelHost model = ModelHost.builder().build(); ZipEngine zip = engine(model, Duration.ofSeconds(10))) {
            byte[] data = Corpus.compressible(100_000);
            assertArrayEquals(data, JdkZip.decompress(Format.GZIP, zip.compress(Format.GZIP, data)));
            ModelDevice dev = model.devices().get(0);
            dev.reset();
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                UacceException e = assertThrows(UacceException.class, () -> zip.compress(Format.GZIP, data));
                assertTrue(e.getMessage().contains("stop") || e.getMessage().contains("out of service"), e.getMessage());
                // the pool drops the dead queue and opens a new one (stop words are cleared at open)
                assertArrayEquals(data, JdkZip.decompress(Format.GZIP, zip.compress(Format.GZIP, data)));
            });
        }
    }

    @Test
    void slowCompletionsTimeOutNamingTheSetting() throws Exception {
        try (ModelHost model = ModelHost.builder().build(); ZipEngine zip = engine(model, Duration.ofMillis(300))) {
            model.devices().get(0).slowCompletions(Duration.ofSeconds(3));
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                DeviceTimeoutException e = assertThrows(DeviceTimeoutException.class,
                        () -> zip.compress(Format.ZLIB, Corpus.compressible(1000)));
                assertTrue(e.getMessage().contains("uacce.compress.timeoutMillis"), e.getMessage());
            });
        }
    }

    @Test
    void outOfOrderCompletionsReachTheirOwners() throws Exception {
        try (ModelHost model = ModelHost.builder().build(); ZipEngine zip = engine(model, Duration.ofSeconds(30))) {
            model.devices().get(0).outOfOrderCompletions(true);
            List<byte[]> inputs = new ArrayList<>();
            List<CompletableFuture<byte[]>> futures = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                byte[] in = i % 3 == 0 ? Corpus.random(500 + 1000 * i, i) : Corpus.compressible(2000 + 3000 * i);
                inputs.add(in);
                futures.add(zip.compressAsync(Format.GZIP, in));
            }
            for (int i = 0; i < inputs.size(); i++) {
                assertArrayEquals(inputs.get(i), JdkZip.decompress(Format.GZIP, futures.get(i).get(60, TimeUnit.SECONDS)),
                        "request " + i);
            }
        }
    }
}
