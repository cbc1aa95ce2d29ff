package io.uacce.stubs.cuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.DeviceInfo;
import io.uacce.ErrnoException;
import io.uacce.Errno;
import io.uacce.Uacce;
import io.uacce.UacceQueue;
import io.uacce.qm.QmOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The CUSE mock daemon started directly by {@code native-stubs/vm/with-cuse.sh} (which sets
 * HZC_DIR and passes {@code -Duacce.sysfs.root} through JAVA_TOOL_OPTIONS): the default host
 * {@link Uacce#system()} must find the mock through that property alone. SVA or no-SVA, as the
 * daemon was started.
 */
@EnabledIfEnvironmentVariable(named = "HZC_DIR", matches = ".+")
class CuseDaemonSmokeTest {

    @Test
    void defaultHostFindsTheMockAndCompresses() throws Exception {
        Uacce host = Uacce.system();
        assertEquals(Path.of(System.getenv("UACCE_SYSFS_ROOT")), host.sysfsRoot(), host.description());
        DeviceInfo dev = host.select("zlib").orElseThrow();
        assertTrue(dev.devicePath().toString().startsWith("/dev/hisi_zip-"), dev.toString());
        byte[] input = ZlibRoundTrip.sample(64_000);
        for (QmOptions.WaitMode mode : QmOptions.WaitMode.values()) {
            ZlibRoundTrip.run(host, dev, mode, input);
        }
    }

    @Test
    void exhaustionIsEbusyAndCloseGivesQueuesBack() {
        Uacce host = Uacce.system();
        DeviceInfo dev = host.devices().get(0);
        int free = dev.availableInstances();
        List<UacceQueue> open = new ArrayList<>();
        try {
            for (int i = 0; i < free; i++) {
                open.add(host.open(dev));
            }
            assertEquals(0, dev.availableInstances());
            ErrnoException e = org.junit.jupiter.api.Assertions.assertThrows(ErrnoException.class, () -> host.open(dev));
            assertEquals(Errno.EBUSY, e.errno());
        } finally {
            open.forEach(UacceQueue::close);
        }
        assertEquals(free, dev.availableInstances());
        assertFalse(open.isEmpty());
    }
}
