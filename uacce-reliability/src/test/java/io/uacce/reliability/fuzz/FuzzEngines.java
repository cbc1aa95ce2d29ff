package io.uacce.reliability.fuzz;

import io.uacce.Uacce;
import io.uacce.compress.Mode;
import io.uacce.compress.ZipEngine;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelHost;
import java.time.Duration;

/**
 * The engines the fuzz targets drive, made once per JVM (a fuzzer runs millions of inputs): the
 * software engine and the device path on an in-process V3 model (SQE type 3, so raw deflate runs on
 * the device too). Closed by a shutdown hook.
 */
final class FuzzEngines {
    private static ZipEngine software;
    private static ZipEngine device;

    private FuzzEngines() {
    }

    static synchronized ZipEngine software() {
        if (software == null) {
            software = ZipEngine.open(Mode.SOFTWARE);
        }
        return software;
    }

    static synchronized ZipEngine device() {
        if (device == null) {
            device = onModel(m -> { }, Duration.ofSeconds(10));
        }
        return device;
    }

    /**
     * A HARDWARE engine on a new V3 model, {@code prepare}d before the engine opens its queues
     * (fault hooks); both are closed at JVM exit.
     */
    static ZipEngine onModel(java.util.function.Consumer<ModelHost> prepare, Duration timeout) {
        ModelHost model = ModelHost.builder().device(s -> s.api(ModelApi.V3)).build();
        prepare.accept(model);
        ZipEngine zip = ZipEngine.builder().mode(Mode.HARDWARE).host(Uacce.builder().target(model.target()).build())
                .requestTimeout(timeout).build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            zip.close();
            model.close();
        }));
        return zip;
    }
}
