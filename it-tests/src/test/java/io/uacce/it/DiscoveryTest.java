package io.uacce.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.DeviceInfo;
import io.uacce.QueueInfo;
import io.uacce.Region;
import io.uacce.UacceQueue;
import io.uacce.qm.QmVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import jnr.posix.FileStat;
import jnr.posix.POSIXFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Spec §2: sysfs attributes, region-size formulas, whole-line algorithms, live available_instances. */
@ExtendWith(TargetExtension.class)
class DiscoveryTest {

    private static List<DeviceInfo> zipDevices(ConformanceTarget t) {
        return t.host().devices().stream()
                .filter(d -> d.supports("zlib") || d.supports("gzip") || d.supports("deflate")).toList();
    }

    /** A new snapshot of the device's attributes (only available_instances is read live). */
    private static DeviceInfo reread(ConformanceTarget t, DeviceInfo d) {
        return t.host().devices().stream().filter(d::equals).findFirst()
                .orElseThrow(() -> new AssertionError(d.name() + " vanished"));
    }

    @Test
    void attributesArePlausible(ConformanceTarget t) {
        long page = t.host().pageSize();
        assertTrue(page == 4096 || page == 16384 || page == 65536, "page size " + page);
        List<DeviceInfo> zips = zipDevices(t);
        assertFalse(zips.isEmpty(), "no ZIP device on " + t.description());
        for (DeviceInfo d : zips) {
            QmVersion v = QmVersion.fromApi(d.api()); // throws for a non-hisi_qm api
            assertTrue(d.name().matches("[A-Za-z0-9_]+-\\d+"), d.name() + ": name is not <driver>-<id> (§2.3)");
            long flags = d.flags();
            assertTrue((flags & ~(0x1L | 0x2L | 0x80L)) == 0 && flags != 0,
                    d.name() + ": flags " + flags + " has bits outside SVA 0x1, NOIOMMU 0x2, IOMMU 0x80 (§1.6)");
            long mmio = d.regionSize(Region.MMIO);
            if (v == QmVersion.V1) {
                assertEquals(page, mmio, d.name() + ": QM V1 region_mmio_size is one page (§2.2)");
            } else {
                long shared = (1 + 0x1000 / page) * page;
                assertTrue(mmio == shared || (v == QmVersion.V3 && mmio == 0x10000), d.name() + ": region_mmio_size "
                        + mmio + ", expected " + shared + " (1 + 0x1000/page pages) or 65536 (V3 doorbell isolation)");
            }
            long dus = d.regionSize(Region.DUS);
            assertTrue(dus > 0 && dus % page == 0, d.name() + ": region_dus_size " + dus + " is not whole pages");
            assertTrue(d.availableInstances() >= 0, d.name() + ": available_instances " + d.availableInstances());
            assertTrue(d.numaNode() >= 0, d.name() + ": numa node " + d.numaNode());
        }
    }

    @Test
    void dusSizeFollowsTheQueueGeometry(ConformanceTarget t) {
        DeviceInfo d = t.device();
        long page = t.host().pageSize();
        try (UacceQueue q = t.host().open(d)) {
            QueueInfo info = q.queryInfo();
            if (info.reportedByKernel()) {
                assertEquals(128, info.sqeSize(), "ZIP SQE size (§3.2)");
            }
            long rings = (long) info.sqeSize() * info.sqDepth() + 16L * info.cqDepth();
            long expected = ((rings + page - 1) / page + 1) * page;
            assertEquals(expected, d.regionSize(Region.DUS), "region_dus_size = ceil((sqe*sq + 16*cq)/page) + 1 pages"
                    + " (§2.2) for " + info);
        }
    }

    @Test
    void algorithmsAreWholeLines(ConformanceTarget t) throws IOException {
        DeviceInfo d = t.device();
        String raw = Files.readString(d.sysfsDir().resolve("algorithms"));
        List<String> lines = Arrays.stream(raw.split("\n")).filter(s -> !s.isEmpty()).toList();
        assertEquals(lines, d.algorithms(), "algorithms file " + raw.replace("\n", "\\n"));
        for (String a : d.algorithms()) {
            assertTrue(a.matches("[a-z0-9_]+"), "algorithm line '" + a + "'");
        }
        assertTrue(t.host().devices("zlib").contains(d) || d.isolated(), "devices(zlib) lacks " + d.name());
        assertFalse(t.host().devices("zli").contains(d), "'zli' must not match the line 'zlib'");
        assertFalse(t.host().devices("zlib\ngzip").contains(d), "a two-line string is not one algorithm");
        assertFalse(t.host().devices("ZLIB").contains(d), "matching is exact");
    }

    @Test
    void deviceNodeIsACharacterDevice(ConformanceTarget t) {
        DeviceInfo d = t.device();
        assertEquals(t.host().devRoot().resolve(d.name()), d.devicePath(), "node = dev root + sysfs name (§2.3)");
        assertTrue(Files.exists(d.devicePath()), d.devicePath() + " missing");
        if (t.charDeviceNodes()) {
            FileStat st = POSIXFactory.getPOSIX().stat(d.devicePath().toString());
            assertTrue(st.isCharDev(), d.devicePath() + " is not a character device (mode 0"
                    + Integer.toOctalString(st.mode()) + ")");
        }
    }

    @Test
    void availableInstancesIsLive(ConformanceTarget t) {
        DeviceInfo d = t.device();
        int n0 = d.availableInstances();
        assertTrue(n0 >= 2, d.name() + " needs two free queues, has " + n0);
        UacceQueue a = t.host().open(d);
        try {
            assertEquals(n0 - 1, d.availableInstances(), "one queue is taken at open() (§1.1)");
            try (UacceQueue b = t.host().open(d)) {
                assertEquals(n0 - 2, d.availableInstances(), "second open");
                assertNotEquals(a.fd(), b.fd());
            }
            assertEquals(n0 - 1, d.availableInstances(), "closing a queue gives it back");
        } finally {
            a.close();
        }
        assertEquals(n0, d.availableInstances(), "both queues back");
    }

    @Test
    void selectSkipsIsolatedDevices(ConformanceTarget t) {
        Need.fault(t, Fault.ISOLATE);
        DeviceInfo d = t.device();
        assertTrue(t.host().devices("zlib").contains(d), d.name() + " usable before isolation");
        t.faults().isolate(d, true);
        try {
            assertTrue(reread(t, d).isolated(), "sysfs isolate reads 1");
            assertTrue(t.host().devices().contains(d), "devices() still lists the isolated device");
            assertFalse(t.host().devices("zlib").contains(d), "devices(zlib) skips an isolated device");
            assertFalse(t.host().select("zlib").map(d::equals).orElse(false), "select skips an isolated device");
        } finally {
            t.faults().isolate(d, false);
        }
        assertFalse(reread(t, d).isolated(), "isolation lifted");
        assertTrue(t.host().devices("zlib").contains(d), "usable again");
    }

    @Test
    void selectPicksADeviceWithFreeQueues(ConformanceTarget t) {
        DeviceInfo d = t.host().select("zlib").orElseThrow(() -> new AssertionError("select(zlib) found nothing on "
                + t.description()));
        assertTrue(d.availableInstances() > 0 && d.supports("zlib") && !d.isolated(), "selected " + d);
        assertTrue(t.host().select("no-such-algorithm").isEmpty());
    }
}
