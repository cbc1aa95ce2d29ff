package io.uacce.stubs.cuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.DeviceInfo;
import io.uacce.Uacce;
import io.uacce.qm.QmOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The CUSE mock in a container, driven by the driver: discovery from the container's sysfs
 * tree, a queue through the mock's region files, one zlib compression through the QM ring (SVA:
 * the daemon reads and writes this JVM's memory), release, and clean stop. Runs where
 * {@code native-stubs/vm/with-docker-cuse.sh} sets HZC_CONTAINER_TESTS=1 (inside the VM with
 * dockerd and the imported image); a base for the conformance suite's CUSE target.
 */
@EnabledIfEnvironmentVariable(named = "HZC_CONTAINER_TESTS", matches = "1")
class HisiZipCuseContainerSmokeTest {

    @Test
    void driverCompressesThroughTheContainerizedDaemon() throws Exception {
        Path node0;
        Path sysfs;
        try (HisiZipCuseContainer mock = new HisiZipCuseContainer().withDevices(2).withDaemonOptions("--queues", "4")) {
            mock.start();
            node0 = mock.devicePath();
            sysfs = mock.sysfsRoot();
            assertTrue(Files.exists(node0));
            Uacce host = mock.uacce();
            List<DeviceInfo> devs = host.devices("zlib");
            assertEquals(List.of("hisi_zip-0", "hisi_zip-1"), devs.stream().map(DeviceInfo::name).toList());
            DeviceInfo dev = devs.get(0);
            assertTrue(dev.sva());
            assertEquals(4, dev.availableInstances());

            byte[] input = ZlibRoundTrip.sample(100_000);
            for (QmOptions.WaitMode mode : QmOptions.WaitMode.values()) {
                ZlibRoundTrip.run(host, dev, mode, input);
                assertEquals(4, dev.availableInstances(), "close releases the queue");
            }
        }
        assertFalse(Files.exists(node0), "node removed on stop");
        assertFalse(Files.exists(sysfs.resolve("hisi_zip-0")), "sysfs tree removed on stop");
    }
}
