package io.uacce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 (fault campaign finding): a device removed while discovery reads its sysfs directory is
 * "no device" (NoDeviceException naming it), not a malformed sysfs tree (SysfsFormatException).
 */
class DeviceRemovalTest {

    @TempDir
    Path tmp;

    @Test
    void readingAVanishedDeviceIsANoDeviceExceptionNamingIt() {
        SysfsFixture fx = new SysfsFixture(tmp);
        Path dir = fx.device("hisi_zip-7", 0, 4);
        deleteTree(dir);
        NoDeviceException e = assertThrows(NoDeviceException.class, () -> DeviceInfo.read(dir, tmp));
        assertTrue(e instanceof DeviceRemovedException r && r.device().equals("hisi_zip-7"), e.toString());
        assertTrue(e.getMessage().contains("hisi_zip-7"), e.getMessage());
    }

    @Test
    void aMissingAttributeOfAPresentDeviceIsStillAFormatError() {
        SysfsFixture fx = new SysfsFixture(tmp);
        Path dir = fx.device("hisi_zip-3", 0, 4);
        SysfsFixture.delete(dir, "flags");
        SysfsFormatException e = assertThrows(SysfsFormatException.class, () -> DeviceInfo.read(dir, tmp));
        assertTrue(!(e.getCause() instanceof DeviceRemovedException) && e.getMessage().contains("flags"), e.getMessage());
    }

    /** Removal races with selection: select never fails with SysfsFormatException. */
    @Test
    void selectWhileADeviceComesAndGoesNeverSeesAFormatError() throws Exception {
        SysfsFixture fx = new SysfsFixture(tmp);
        fx.device("hisi_zip-0", 0, 4);
        Path flapping = fx.device("hisi_zip-1", 0, 64);
        Path root = flapping.getParent();
        Path spare = tmp.resolve("spare");
        copyTree(flapping, spare);
        Uacce host = fx.host(new ScriptedKernel(), 0);
        AtomicBoolean stop = new AtomicBoolean();
        Thread churn = Thread.ofPlatform().start(() -> {
            int i = 0;
            while (!stop.get()) {
                Path gone = tmp.resolve("gone-" + i++);
                try {
                    Files.move(flapping, gone, StandardCopyOption.ATOMIC_MOVE); // removal, at once (kernfs)
                    deleteTree(gone);
                    copyTree(spare, tmp.resolve("new"));
                    Files.move(tmp.resolve("new"), flapping, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        try {
            for (int i = 0; i < 3000; i++) {
                String name = host.select("zlib").orElseThrow().name(); // hisi_zip-1 when present
                assertTrue(name.startsWith("hisi_zip-"), name);
            }
        } finally {
            stop.set(true);
            churn.join();
        }
        assertEquals(2, host.devices().size(), root.toString());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
