package io.uacce.stubs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The sysfs tree (spec §2.1, §2.2). */
class SysfsTest {

    static String read(ModelHost host, String dev, String attr) throws Exception {
        return Files.readString(host.sysfsRoot().resolve(dev).resolve(attr));
    }

    @Test
    void defaultDeviceAttributes() throws Exception {
        try (ModelHost host = ModelHost.builder().pageSize(4096).build()) {
            assertEquals("hisi_qm_v2\n", read(host, "hisi_zip-0", "api"));
            assertEquals("1\n", read(host, "hisi_zip-0", "flags"));
            assertEquals("64\n", read(host, "hisi_zip-0", "available_instances"));
            assertEquals("zlib\ngzip\n", read(host, "hisi_zip-0", "algorithms"));
            assertEquals("8192\n", read(host, "hisi_zip-0", "region_mmio_size"));
            assertEquals("151552\n", read(host, "hisi_zip-0", "region_dus_size"));
            assertEquals("0\n", read(host, "hisi_zip-0", "isolate"));
            assertEquals("0\n", read(host, "hisi_zip-0", "isolate_strategy"));
            assertEquals("0\n", read(host, "hisi_zip-0", "node_id"));
            assertEquals("10\n", read(host, "hisi_zip-0", "numa_distance"));
            assertEquals("0\n", read(host, "hisi_zip-0", "dev_state"));
            assertEquals("0\n", read(host, "hisi_zip-0", "device/numa_node"));
            assertTrue(Files.exists(host.devRoot().resolve("hisi_zip-0")));
            assertTrue(host.target().description().contains("hisi_zip-0"));
        }
    }

    @ParameterizedTest
    @CsvSource({"4096,8192,151552", "16384,16384,163840", "65536,65536,262144"})
    void regionSizesFollowThePageSize(long page, long mmio, long dus) throws Exception {
        try (ModelHost host = ModelHost.builder().pageSize(page).build()) {
            assertEquals(mmio + "\n", read(host, "hisi_zip-0", "region_mmio_size"));
            assertEquals(dus + "\n", read(host, "hisi_zip-0", "region_dus_size"));
            assertEquals(page, host.kernel().pageSize());
        }
    }

    @Test
    void variants() throws Exception {
        try (ModelHost host = ModelHost.builder().pageSize(4096)
                .device(d -> d.api(ModelApi.V1))
                .device(d -> d.api(ModelApi.V3).numaNode(1).name("hisi_zip-5"))
                .device(d -> d.addressMode(AddressMode.NO_SVA_NOIOMMU))
                .device(d -> d.addressMode(AddressMode.NO_SVA_IOMMU))
                .build()) {
            assertEquals("4096\n", read(host, "hisi_zip-0", "region_mmio_size"));
            assertEquals("hisi_qm_v3\n", read(host, "hisi_zip-5", "api"));
            assertEquals("zlib\ngzip\ndeflate\n", read(host, "hisi_zip-5", "algorithms"));
            assertEquals("1\n", read(host, "hisi_zip-5", "node_id"));
            assertEquals("1\n", read(host, "hisi_zip-5", "device/numa_node"));
            assertEquals("20\n", read(host, "hisi_zip-5", "numa_distance"));
            assertEquals("hisi_qm_v2_noiommu\n", read(host, "hisi_zip-2", "api"));
            assertEquals("2\n", read(host, "hisi_zip-2", "flags"));
            assertEquals("128\n", read(host, "hisi_zip-3", "flags"));
        }
    }

    @Test
    void closeDeletesTheTree() {
        Path root;
        try (ModelHost host = ModelHost.builder().devices(2, 2).build()) {
            root = host.sysfsRoot();
            assertTrue(Files.isDirectory(root.resolve("hisi_zip-1")));
        }
        assertFalse(Files.exists(root));
    }
}
