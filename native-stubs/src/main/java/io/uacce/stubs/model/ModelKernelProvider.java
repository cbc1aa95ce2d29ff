package io.uacce.stubs.model;

import io.uacce.spi.KernelTarget;
import io.uacce.spi.UacceKernelProvider;

/**
 * ServiceLoader entry "model": one device {@code hisi_zip-0}, hisi_qm_v2, 64 queues, zlib + gzip,
 * SVA, ZIP engine, PUT_Q era B, this system's page size ({@code -Duacce.model.pageSize} overrides). The host is built on the first {@link #start()} and lives until
 * JVM exit (a shutdown hook stops it and deletes its temporary tree).
 * {@code -Duacce.model.api=V3} sets every device's api (default: the model's);
 * {@code -Duacce.model.engines=zip,sec,hpre} (default {@code zip}) adds {@code hisi_sec2-N} /
 * {@code hisi_hpre-N} devices of the same generation after the ZIP device (they need BouncyCastle,
 * their "silicon", on the path).
 */
public final class ModelKernelProvider implements UacceKernelProvider {
    private static ModelHost shared;

    @Override
    public String name() {
        return "model";
    }

    @Override
    public boolean available() {
        try {
            return ProcessMemory.unavailableReason() == null;
        } catch (Throwable t) {
            return false;
        }
    }

    @Override
    public KernelTarget start() {
        synchronized (ModelKernelProvider.class) {
            if (shared == null) {
                ModelHost.Builder b = ModelHost.builder().pageSize(SystemPage.configured());
                String api = System.getProperty("uacce.model.api"); // V1, V2 or V3; unset: the model's default
                for (String e : System.getProperty("uacce.model.engines", "zip").split(",")) {
                    EngineKind kind = EngineKind.valueOf(e.strip().toUpperCase(java.util.Locale.ROOT));
                    b.device(d -> {
                        d.engine(kind);
                        if (api != null && !api.isBlank()) {
                            d.api(ModelApi.valueOf(api.strip().toUpperCase(java.util.Locale.ROOT)));
                        }
                    });
                }
                ModelHost host = b.build();
                Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(host::close));
                shared = host;
            }
            return shared.target();
        }
    }
}
