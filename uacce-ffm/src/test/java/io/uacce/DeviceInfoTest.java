package io.uacce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceInfoTest {

    @TempDir
    Path tmp;

    @Test
    void readsEveryOpenEulerAttribute() {
        SysfsFixture fx = new SysfsFixture(tmp);
        Path d = fx.device("hisi_zip-3", 1, 62);
        SysfsFixture.write(d, "flags", "129\n");
        SysfsFixture.write(d, "algorithms", "zlib\ngzip\ndeflate\nlz77_zstd\n");
        SysfsFixture.write(d, "isolate", "0\n");
        SysfsFixture.write(d, "isolate_strategy", "3\n");
        SysfsFixture.write(d, "node_id", "1\n");
        SysfsFixture.write(d, "numa_distance", "20\n");
        SysfsFixture.write(d, "dev_state", "0\n");
        DeviceInfo info = DeviceInfo.read(d, fx.dev);
        assertEquals("hisi_zip-3", info.name());
        assertEquals(fx.dev.resolve("hisi_zip-3"), info.devicePath());
        assertEquals(d, info.sysfsDir());
        assertEquals("hisi_qm_v2", info.api());
        assertEquals(129, info.flags());
        assertTrue(info.sva());
        assertEquals(List.of("zlib", "gzip", "deflate", "lz77_zstd"), info.algorithms());
        assertEquals(8192, info.regionSize(Region.MMIO));
        assertEquals(151552, info.regionSize(Region.DUS));
        assertEquals(0, info.regionSize(Region.SS));
        assertFalse(info.isolated());
        assertEquals(OptionalInt.of(3), info.isolateStrategy());
        assertEquals(OptionalInt.of(1), info.nodeId());
        assertEquals(OptionalInt.of(20), info.numaDistance());
        assertEquals(OptionalInt.of(0), info.devState());
        assertEquals(1, info.numaNode());
        assertEquals(62, info.availableInstances());
        assertTrue(info.usable());
        assertFalse(info.legacyLayout());
    }

    @Test
    void algorithmsMatchWholeLinesOnly() {
        SysfsFixture fx = new SysfsFixture(tmp);
        Path d = fx.device("hisi_zip-0", 0, 1);
        SysfsFixture.write(d, "algorithms", "zlib-ext\r\n  gzip\n\n");
        DeviceInfo info = DeviceInfo.read(d, fx.dev);
        assertFalse(info.supports("zlib"));
        assertFalse(info.supports("gzi"));
        assertTrue(info.supports("zlib-ext"));
        assertTrue(info.supports("gzip"));
    }

    @Test
    void upstreamMinimalSetLeavesOptionalsEmpty() {
        SysfsFixture fx = new SysfsFixture(tmp);
        Path d = fx.device("hisi_zip-0", -1, 64);
        SysfsFixture.delete(d, "region_mmio_size");
        DeviceInfo info = DeviceInfo.read(d, fx.dev);
        assertEquals(0, info.numaNode(), "negative numa_node reads as 0, like UADK");
        assertEquals(0, info.regionSize(Region.MMIO), "absent size is 0");
        assertEquals(OptionalInt.empty(), info.isolateStrategy());
        assertEquals(OptionalInt.empty(), info.nodeId());
        assertEquals(OptionalInt.empty(), info.numaDistance());
        assertEquals(OptionalInt.empty(), info.devState());
        assertFalse(info.isolated());
    }

    @Test
    void availableInstancesIsReadLive() {
        SysfsFixture fx = new SysfsFixture(tmp);
        Path d = fx.device("hisi_zip-0", 0, 64);
        DeviceInfo info = DeviceInfo.read(d, fx.dev);
        assertEquals(64, info.availableInstances());
        SysfsFixture.write(d, "available_instances", "63\n");
        assertEquals(63, info.availableInstances());
        SysfsFixture.delete(d, "available_instances");
        assertEquals(-1, info.availableInstances());
        SysfsFixture.write(d, "available_instances", "lots\n");
        SysfsFormatException e = assertThrows(SysfsFormatException.class, info::availableInstances);
        assertEquals(d.resolve("available_instances"), e.file());
        assertTrue(e.getMessage().contains("'lots\\n'"), e.getMessage());
    }

    @Test
    void malformedAttributesNameFileAndContent() {
        SysfsFixture fx = new SysfsFixture(tmp);
        Path d = fx.device("hisi_zip-0", 0, 64);
        SysfsFixture.write(d, "flags", "0x81\n");
        SysfsFormatException e = assertThrows(SysfsFormatException.class, () -> DeviceInfo.read(d, fx.dev));
        assertEquals(d.resolve("flags"), e.file());
        assertEquals("0x81\n", e.content());
        assertTrue(e.getMessage().contains(d.resolve("flags").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("0x81"), e.getMessage());

        SysfsFixture.write(d, "flags", "1\n");
        SysfsFixture.write(d, "region_dus_size", "-4096\n");
        e = assertThrows(SysfsFormatException.class, () -> DeviceInfo.read(d, fx.dev));
        assertEquals(d.resolve("region_dus_size"), e.file());

        SysfsFixture.write(d, "region_dus_size", "151552\n");
        SysfsFixture.write(d, "isolate", "yes\n");
        e = assertThrows(SysfsFormatException.class, () -> DeviceInfo.read(d, fx.dev));
        assertEquals(d.resolve("isolate"), e.file());

        SysfsFixture.delete(d, "isolate");
        SysfsFixture.write(d, "algorithms", "zlib gzip\n");
        e = assertThrows(SysfsFormatException.class, () -> DeviceInfo.read(d, fx.dev));
        assertEquals(d.resolve("algorithms"), e.file());

        SysfsFixture.write(d, "algorithms", "zlib\n");
        SysfsFixture.write(d, "device/numa_node", "\n");
        e = assertThrows(SysfsFormatException.class, () -> DeviceInfo.read(d, fx.dev));
        assertEquals(d.resolve("device/numa_node"), e.file());
    }

    @Test
    void missingRequiredAttributeSaysMissing() {
        SysfsFixture fx = new SysfsFixture(tmp);
        Path d = fx.device("hisi_zip-0", 0, 64);
        SysfsFixture.delete(d, "api");
        SysfsFormatException e = assertThrows(SysfsFormatException.class, () -> DeviceInfo.read(d, fx.dev));
        assertNull(e.content());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertTrue(e.getMessage().contains("uacce.sysfs.root"), e.getMessage());
    }

    @Test
    void isolatedAndStoppedDevicesAreNotUsable() {
        SysfsFixture fx = new SysfsFixture(tmp);
        Path a = fx.device("hisi_zip-0", 0, 64);
        SysfsFixture.write(a, "isolate", "1\n");
        Path b = fx.device("hisi_zip-1", 0, 64);
        SysfsFixture.write(b, "dev_state", "-1\n");
        assertTrue(DeviceInfo.read(a, fx.dev).isolated());
        assertFalse(DeviceInfo.read(a, fx.dev).usable());
        assertFalse(DeviceInfo.read(b, fx.dev).usable());
    }

    @Test
    void oldOpenEulerAttrsLayoutIsRead() {
        SysfsFixture fx = new SysfsFixture(tmp);
        Path d = fx.sysfs.resolve("hisi_zip-0");
        SysfsFixture.write(d, "attrs/api", "hisi_qm_v1\n");
        SysfsFixture.write(d, "attrs/flags", "1\n");
        SysfsFixture.write(d, "attrs/algorithms", "zlib\ngzip\n");
        SysfsFixture.write(d, "attrs/available_instances", "5\n");
        SysfsFixture.write(d, "attrs/node_id", "2\n");
        SysfsFixture.write(d, "attrs/numa_distance", "10\n");
        DeviceInfo info = DeviceInfo.read(d, fx.dev);
        assertTrue(info.legacyLayout());
        assertFalse(info.sva(), "bit 0 meant NOIOMMU in that ABI");
        assertEquals("hisi_qm_v1", info.api());
        assertEquals(5, info.availableInstances());
        assertEquals(2, info.numaNode(), "node_id when device/numa_node is absent");
    }
}
