package io.uacce.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Uacce;
import io.uacce.UacceException;
import io.uacce.compress.types.Format;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModeTest {
    private static Uacce emptyHost(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sys"));
        Files.createDirectories(dir.resolve("dev"));
        return Uacce.builder().sysfsRoot(dir.resolve("sys")).devRoot(dir.resolve("dev")).build();
    }

    @Test
    void hardwareWithoutADeviceFailsClearly(@TempDir Path dir) throws Exception {
        Uacce host = emptyHost(dir);
        UacceException e = assertThrows(UacceException.class,
                () -> ZipEngine.builder().mode(Mode.HARDWARE).host(host).build());
        assertTrue(e.getMessage().contains("HARDWARE") && e.getMessage().contains(Mode.PROPERTY), e.getMessage());
    }

    @Test
    void autoWithoutADeviceFallsBackToSoftware(@TempDir Path dir) throws Exception {
        try (ZipEngine zip = ZipEngine.builder().mode(Mode.AUTO).host(emptyHost(dir)).build()) {
            assertFalse(zip.hardware());
            assertEquals(Mode.AUTO, zip.mode());
            assertEquals("x", new String(zip.decompress(Format.GZIP, zip.compress(Format.GZIP, "x".getBytes()))));
        }
    }

    @Test
    void parsing() {
        assertEquals(Mode.HARDWARE, Mode.parse(" HW "));
        assertEquals(Mode.SOFTWARE, Mode.parse("software"));
        assertThrows(IllegalArgumentException.class, () -> Mode.parse("fast"));
        assertEquals(Format.RAW, Format.parse("deflate"));
        assertThrows(IllegalArgumentException.class, () -> Format.parse("zstd"));
    }
}
