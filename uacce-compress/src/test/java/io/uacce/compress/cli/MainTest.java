package io.uacce.compress.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @Test
    void compressThenDecompressFilesInEveryFormat(@TempDir Path dir) throws Exception {
        byte[] data = new byte[300_000];
        new SplittableRandom(1).nextBytes(data);
        Path plain = dir.resolve("plain");
        Files.write(plain, data);
        for (String f : new String[] {"raw", "zlib", "gzip"}) {
            Path z = dir.resolve("z." + f);
            Path back = dir.resolve("back." + f);
            assertEquals(0, Main.run("compress", "-m", "software", "-f", f, "-o", z.toString(), plain.toString()));
            assertEquals(0, Main.run("decompress", "-m", "software", "-f", f, "-o", back.toString(), z.toString()));
            assertArrayEquals(data, Files.readAllBytes(back), f);
        }
    }

    @Test
    void defaultNamesLikeGzip(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("big.log");
        byte[] data = "a log line\n".repeat(10_000).getBytes();
        Files.write(log, data);
        assertEquals(0, Main.run("compress", "-m", "software", "-f", "gzip", log.toString()));
        Path gz = dir.resolve("big.log.gz");
        assertArrayEquals(data, new java.util.zip.GZIPInputStream(Files.newInputStream(gz)).readAllBytes());
        assertNotEquals(0, Main.run("compress", "-m", "software", "-f", "gzip", log.toString()), "refuses to overwrite");
        Files.delete(log);
        assertEquals(0, Main.run("decompress", "-m", "software", "-f", "gzip", gz.toString()));
        assertArrayEquals(data, Files.readAllBytes(log));
    }

    @Test
    void corruptInputFailsWithNonZeroExit(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.gz");
        Files.write(bad, new byte[] {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, (byte) 0xFF, (byte) 0xFF});
        assertNotEquals(0, Main.run("decompress", "-m", "software", "-o", dir.resolve("out").toString(), bad.toString()));
    }

    @Test
    void benchRunsBriefly() {
        assertEquals(0, Main.run("bench", "-m", "software", "-s", "0.2", "-b", "4096", "--op", "decompress"));
        assertNotEquals(0, Main.run("bench", "-m", "software", "--op", "sideways"));
    }

    @Test
    void benchOnRealFiles(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Files.write(a, "some text of a corpus file\n".repeat(3000).getBytes());
        Files.write(b, new byte[10_000]);
        assertEquals(0, Main.run("bench", "-m", "software", "-s", "0.2", "-b", "16k", "--input", a.toString(), b.toString()));
        assertEquals(0, Main.run("bench", "-m", "software", "-s", "0.2", "-b", "16k", "-d", "3", "--op", "decompress",
                "--input", a.toString()));
        assertNotEquals(0, Main.run("bench", "-m", "software", "-s", "0.2", "--input", dir.resolve("none").toString()));
    }

    @Test
    void demoRunsOnTheEmbeddedModelAndVerifies() {
        assertEquals(0, Main.run("demo"));
    }

    @Test
    void devicesAndHardwareModeOnTheModel(@TempDir Path dir) throws Exception {
        assertEquals(0, Main.run("devices"));
        byte[] data = "hardware mode on the model\n".repeat(5000).getBytes();
        Path plain = dir.resolve("p");
        Files.write(plain, data);
        Path z = dir.resolve("p.gz");
        assertEquals(0, Main.run("compress", "-m", "hardware", "-o", z.toString(), plain.toString()));
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(z))) {
            assertArrayEquals(data, in.readAllBytes());
        }
        assertEquals(0, Main.run("bench", "-m", "hardware", "-a", "zlib", "-b", "16k", "-t", "2", "-s", "0.2", "-d", "4"));
    }
}
