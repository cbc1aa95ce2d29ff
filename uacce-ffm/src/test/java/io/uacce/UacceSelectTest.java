package io.uacce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UacceSelectTest {

    @TempDir
    Path tmp;

    private static List<String> names(List<DeviceInfo> ds) {
        return ds.stream().map(DeviceInfo::name).toList();
    }

    @Test
    void devicesAreListedInNaturalOrderIncludingIsolatedOnes() {
        SysfsFixture fx = new SysfsFixture(tmp);
        fx.device("hisi_zip-10", 0, 1);
        fx.device("hisi_zip-2", 0, 1);
        SysfsFixture.write(fx.device("hisi_sec-1", 0, 1), "algorithms", "cbc(aes)\n");
        SysfsFixture.write(fx.device("hisi_zip-5", 0, 1), "isolate", "1\n");
        Uacce host = fx.host(new ScriptedKernel(), 0);
        assertEquals(List.of("hisi_sec-1", "hisi_zip-2", "hisi_zip-5", "hisi_zip-10"), names(host.devices()));
        assertEquals(List.of("hisi_zip-2", "hisi_zip-10"), names(host.devices("zlib")));
        assertEquals(List.of("hisi_sec-1"), names(host.devices("cbc(aes)")));
    }

    @Test
    void missingSysfsRootHasNoDevices() {
        Uacce host = Uacce.builder().kernel(new ScriptedKernel()).sysfsRoot(tmp.resolve("nope"))
                .devRoot(tmp).build();
        assertEquals(List.of(), host.devices());
        assertEquals(Optional.empty(), host.select("zlib"));
    }

    @Test
    void nearestNodeWinsOverMoreFreeQueues() {
        SysfsFixture fx = new SysfsFixture(tmp);
        fx.distances("10 20 30", "20 10 20", "30 20 10");
        fx.device("hisi_zip-0", 0, 64);
        fx.device("hisi_zip-1", 1, 3);
        fx.device("hisi_zip-2", 2, 64);
        assertEquals("hisi_zip-1", fx.host(new ScriptedKernel(), 1).select("zlib").orElseThrow().name());
        assertEquals("hisi_zip-0", fx.host(new ScriptedKernel(), 0).select("zlib").orElseThrow().name());
        assertEquals("hisi_zip-2", fx.host(new ScriptedKernel(), 2).select("zlib").orElseThrow().name());
    }

    @Test
    void distanceRankingUsesTheKernelTable() {
        SysfsFixture fx = new SysfsFixture(tmp);
        fx.distances("10 40 20");
        fx.device("hisi_zip-1", 1, 64);
        fx.device("hisi_zip-2", 2, 8);
        assertEquals("hisi_zip-2", fx.host(new ScriptedKernel(), 0).select("zlib").orElseThrow().name(),
                "node 2 is nearer to node 0 than node 1 in the SLIT row");
    }

    @Test
    void tiesGoToMostFreeQueuesAndFullDevicesAreSkipped() {
        SysfsFixture fx = new SysfsFixture(tmp);
        fx.device("hisi_zip-0", 0, 10);
        fx.device("hisi_zip-1", 0, 30);
        fx.device("hisi_zip-2", 0, 0);
        Uacce host = fx.host(new ScriptedKernel(), 0);
        assertEquals("hisi_zip-1", host.select("zlib").orElseThrow().name());
        SysfsFixture.write(fx.sysfs.resolve("hisi_zip-1"), "available_instances", "0\n");
        assertEquals("hisi_zip-0", host.select("zlib").orElseThrow().name(), "available_instances is live");
        SysfsFixture.write(fx.sysfs.resolve("hisi_zip-0"), "isolate", "1\n");
        assertEquals(Optional.empty(), host.select("zlib"));
    }

    @Test
    void withoutDistanceFilesTheLocalNodeStillWins() {
        SysfsFixture fx = new SysfsFixture(tmp);
        fx.device("hisi_zip-0", 0, 64);
        fx.device("hisi_zip-1", 1, 2);
        assertEquals("hisi_zip-1", fx.host(new ScriptedKernel(), 1).select("zlib").orElseThrow().name());
        assertEquals("hisi_zip-0", fx.host(new ScriptedKernel(), -1).select("zlib").orElseThrow().name(),
                "unknown CPU node: most free queues");
    }

    @Test
    void malformedDistanceRowIsATypedError() {
        SysfsFixture fx = new SysfsFixture(tmp);
        fx.distances("10 x");
        fx.device("hisi_zip-1", 1, 2);
        SysfsFormatException e = assertThrows(SysfsFormatException.class,
                () -> fx.host(new ScriptedKernel(), 0).select("zlib"));
        assertTrue(e.getMessage().contains("node0"), e.getMessage());
    }

    @Test
    void noDeviceAtAllExplainsWhatToDo() {
        SysfsFixture fx = new SysfsFixture(tmp);
        NoDeviceException e = assertThrows(NoDeviceException.class,
                () -> fx.host(new ScriptedKernel(), 0).selectOrThrow("zlib"));
        String m = e.getMessage();
        assertTrue(m.contains("'zlib'") && m.contains(fx.sysfs.toString()), m);
        assertTrue(m.contains("hisi_zip") && m.contains("uacce_mode") && m.contains("-Duacce.target=model"), m);
    }

    @Test
    void noMatchingAlgorithmListsWhatWasFound() {
        SysfsFixture fx = new SysfsFixture(tmp);
        fx.device("hisi_zip-0", 0, 64);
        String m = assertThrows(NoDeviceException.class,
                () -> fx.host(new ScriptedKernel(), 0).selectOrThrow("lz4")).getMessage();
        assertTrue(m.contains("hisi_zip-0 (zlib, gzip)"), m);
    }

    @Test
    void isolatedAndBusyDevicesAreExplained() {
        SysfsFixture fx = new SysfsFixture(tmp);
        SysfsFixture.write(fx.device("hisi_zip-0", 0, 64), "isolate", "1\n");
        Uacce host = fx.host(new ScriptedKernel(), 0);
        assertTrue(assertThrows(NoDeviceException.class, () -> host.selectOrThrow("zlib")).getMessage()
                .contains("hisi_zip-0 is isolated"));
        SysfsFixture.write(fx.sysfs.resolve("hisi_zip-0"), "isolate", "0\n");
        SysfsFixture.write(fx.sysfs.resolve("hisi_zip-0"), "available_instances", "0\n");
        String m = assertThrows(NoDeviceException.class, () -> host.selectOrThrow("zlib")).getMessage();
        assertTrue(m.contains("hisi_zip-0 available_instances=0"), m);
    }

    @Test
    void naturalNameOrder() {
        assertTrue(Uacce.compareNames("hisi_zip-2", "hisi_zip-10") < 0);
        assertTrue(Uacce.compareNames("hisi_hpre-9", "hisi_zip-1") < 0);
        assertEquals(0, Uacce.compareNames("hisi_zip-7", "hisi_zip-7"));
        assertTrue(Uacce.compareNames("x", "x-1") < 0);
    }
}
