package io.uacce.compress.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code digest} like sha256sum: known answers (FIPS 180-4, GB/T 32905 "abc"), {@code -c}, exit codes, the crypto bench. */
class DigestCommandTest {
    /** Runs the CLI with {@code args}, checks its exit code, returns what it printed (also for DfxCommandTest). */
    static String run(int expectedExit, String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(expectedExit, Main.run(args), String.join(" ", args));
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsAndChecksLikeSha256sum(@TempDir Path dir) throws Exception {
        Path abc = dir.resolve("abc");
        Files.writeString(abc, "abc");
        for (String mode : new String[] {"software", "auto"}) {
            assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  " + abc + "\n",
                    run(0, "digest", "-m", mode, abc.toString()));
            assertEquals("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0  " + abc + "\n",
                    run(0, "digest", "-m", mode, "-a", "sm3", abc.toString()));
        }
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d  " + abc + "\n", run(0, "digest", "-a", "SHA-1", abc.toString()));
        Path sums = dir.resolve("sums");
        Files.writeString(sums, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  " + abc + "\n");
        assertEquals(abc + ": OK\n", run(0, "digest", "-c", sums.toString()));
        Files.writeString(sums, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ae  " + abc + "\n"
                + "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad *" + dir.resolve("gone") + "\n");
        String out = run(1, "digest", "-c", sums.toString());
        assertTrue(out.contains(abc + ": FAILED\n") && out.contains("gone: FAILED open or read"), out);
        Files.writeString(sums, "not a checksum line\n");
        run(1, "digest", "-c", sums.toString());
        run(1, "digest", dir.resolve("gone").toString());
        run(1, "digest", "-a", "whirlpool", abc.toString()); // the CLI's error exit
    }

    @Test
    void benchTakesSecAlgorithms() {
        for (String a : new String[] {"aes-128-gcm", "sm4-cbc", "sha256", "hmac-sha256"}) {
            String out = run(0, "bench", "-a", a, "-b", "4k", "-s", "0.2", "-m", "software");
            assertTrue(out.contains("job       : " + a), out);
        }
        run(0, "bench", "-m", "software", "-s", "0.2", "-b", "4096"); // compression stays the default
    }
}
