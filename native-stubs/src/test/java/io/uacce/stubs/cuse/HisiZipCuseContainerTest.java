package io.uacce.stubs.cuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.utility.DockerImageName;

/** What the container class decides before Docker is involved: runs everywhere. */
class HisiZipCuseContainerTest {

    @TempDir
    Path tmp;

    @Test
    void aHostWithoutCuseGetsAClearError() {
        try (HisiZipCuseContainer c = new HisiZipCuseContainer(DockerImageName.parse("hisi-zip-cuse:latest"),
                tmp.resolve("no-cuse"), tmp)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, c::start);
            assertTrue(e.getMessage().contains("no " + tmp.resolve("no-cuse")), e.getMessage());
            assertTrue(e.getMessage().contains("with-docker-cuse.sh"), e.getMessage());
        }
    }

    @Test
    void daemonCommandAndDevicePaths() {
        try (HisiZipCuseContainer c = new HisiZipCuseContainer(DockerImageName.parse("x:1"), tmp, tmp.resolve("dev"))
                .withDevices(2).withFirstId(4).withoutSva().withDaemonOptions("--queues", "8")) {
            c.configure();
            assertEquals(List.of(HisiZipCuseContainer.DAEMON, "--dir", "/shared", "--devices", "2", "--first-id",
                    "4", "--sec", "0", "--hpre", "0", "--sva", "0", "--queues", "8"), List.of(c.getCommandParts()));
            assertEquals(List.of(tmp.resolve("dev/hisi_zip-4"), tmp.resolve("dev/hisi_zip-5")), c.devicePaths());
            assertThrows(IllegalStateException.class, c::sysfsRoot, "no shared directory before start");
            c.withSharedDirectory(tmp.resolve("shared"));
            assertEquals(tmp.resolve("shared/sysfs"), c.sysfsRoot());
            assertThrows(IllegalArgumentException.class, () -> c.withDevices(0));
        }
    }

    @Test
    void secAndHpreDevicesAreNumberedAfterTheZipDevices() {
        try (HisiZipCuseContainer c = new HisiZipCuseContainer(DockerImageName.parse("x:1"), tmp, tmp.resolve("dev"))
                .withDevices(2).withSecDevices(1).withHpreDevices(2)) {
            c.configure();
            assertEquals(List.of(HisiZipCuseContainer.DAEMON, "--dir", "/shared", "--devices", "2", "--first-id", "0",
                    "--sec", "1", "--hpre", "2"), List.of(c.getCommandParts()));
            assertEquals(List.of(tmp.resolve("dev/hisi_zip-0"), tmp.resolve("dev/hisi_zip-1"),
                    tmp.resolve("dev/hisi_sec2-2"), tmp.resolve("dev/hisi_hpre-3"), tmp.resolve("dev/hisi_hpre-4")),
                    c.devicePaths());
            assertThrows(IllegalArgumentException.class, () -> c.withSecDevices(-1));
        }
    }
}
