package io.uacce.stubs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.spi.KernelTarget;
import io.uacce.spi.UacceKernelProvider;
import java.nio.file.Files;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ModelKernelProviderTest {
    @Test
    void serviceLoaderFindsTheModel() throws Exception {
        UacceKernelProvider p = ServiceLoader.load(UacceKernelProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(x -> x.name().equals("model")).findFirst().orElseThrow();
        assertTrue(p.available());
        KernelTarget t = p.start();
        assertTrue(t == p.start() || t.equals(p.start()), "started once");
        assertEquals("hisi_qm_v2\n", Files.readString(t.sysfsRoot().resolve("hisi_zip-0/api")));
        assertEquals("64\n", Files.readString(t.sysfsRoot().resolve("hisi_zip-0/available_instances")));
        int fd = t.kernel().open(t.devRoot().resolve("hisi_zip-0").toString());
        assertEquals("63\n", Files.readString(t.sysfsRoot().resolve("hisi_zip-0/available_instances")));
        t.kernel().close(fd);
    }
}
