package io.uacce.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules 7 and 8 (issue 8): a consumer module, compiled and run on the module path against the
 * built modules, uses the public API with {@code --enable-native-access} naming only our modules
 * and no warning printed; the same consumer, which has no native access of its own, is refused
 * the raw kernel calls of the SPI (else it could map /dev/zero, unmap it and read it: a crash).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JpmsConsumerTest {
    private static final String MAIN = """
            package consumer;

            import io.uacce.compress.types.Format;
            import io.uacce.compress.Mode;
            import io.uacce.compress.ZipEngine;
            import java.lang.foreign.MemorySegment;
            import java.lang.foreign.ValueLayout;

            public class Main {
                public static void main(String[] args) throws Exception {
                    if (args[0].equals("raw")) {
                        var k = io.uacce.Uacce.builder().build().kernel();
                        try {
                            int fd = k.open("/dev/zero");
                            MemorySegment m = k.mmap(fd, 4096, 0);
                            k.munmap(m);
                            System.out.println("read after unmap: " + m.get(ValueLayout.JAVA_BYTE, 0));
                        } catch (IllegalCallerException e) {
                            System.out.println("refused: " + e.getMessage());
                        }
                        return;
                    }
                    try (ZipEngine zip = ZipEngine.open(Mode.HARDWARE)) {
                        byte[] data = "module path ".repeat(1000).getBytes();
                        byte[] back = zip.decompress(Format.GZIP, zip.compress(Format.GZIP, data));
                        System.out.println("ok hardware=" + zip.hardware() + " same=" + java.util.Arrays.equals(data, back));
                    }
                }
            }
            """;

    @TempDir
    Path tmp;
    private String modulePath;

    @BeforeAll
    void compileConsumer(@TempDir Path dir) throws Exception {
        List<String> ours = new ArrayList<>();
        String cp = System.getProperty("java.class.path") + File.pathSeparator + System.getProperty("jdk.module.path", "");
        for (String e : cp.split(File.pathSeparator)) {
            String n = e.replace('\\', '/');
            if (n.matches(".*/(uacce-ffm|uacce-compress|native-stubs)/target/classes/?")
                    || n.matches(".*/target/(uacce-ffm|native-stubs)-[^/]*\\.jar")
                    || n.matches(".*/slf4j-(api|simple)-[^/]*\\.jar")) {
                ours.add(e);
            }
        }
        assertEquals(5, ours.size(), "module path entries found on the test class path: " + ours);
        Path src = dir.resolve("src/consumer");
        Files.createDirectories(src.resolve("consumer"));
        Files.writeString(src.resolve("module-info.java"), "module consumer { requires io.uacce.compress; }\n");
        Files.writeString(src.resolve("consumer/Main.java"), MAIN);
        Path out = dir.resolve("out");
        String mp = String.join(File.pathSeparator, ours);
        int rc = java.util.spi.ToolProvider.findFirst("javac").orElseThrow().run(System.out, System.err, "-d", out.toString(), "--module-path", mp,
                src.resolve("module-info.java").toString(), src.resolve("consumer/Main.java").toString());
        assertEquals(0, rc, "the consumer module compiles against the exported API");
        modulePath = mp + File.pathSeparator + out;
    }

    private String[] run(String what) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path stdout = tmp.resolve(what + ".out");
        Path stderr = tmp.resolve(what + ".err");
        Process p = new ProcessBuilder(java.toString(), "--module-path", modulePath,
                "--enable-native-access=io.uacce.ffm,io.uacce.stubs", "-Duacce.target=model",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-m", "consumer/consumer.Main", what)
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "consumer finished");
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "consumer exit code; stderr:\n" + err);
        return new String[] {Files.readString(stdout, StandardCharsets.UTF_8), err};
    }

    @Test
    void aConsumerModuleRunsOnTheModulePathWithoutWarnings() throws Exception {
        String[] r = run("round");
        assertTrue(r[0].contains("ok hardware=true same=true"), r[0] + r[1]);
        assertFalse(r[1].contains("WARNING"), "no warning on stderr:\n" + r[1]);
    }

    @Test
    void aModuleWithoutNativeAccessCannotUseTheRawKernelCalls() throws Exception {
        String[] r = run("raw");
        assertTrue(r[0].startsWith("refused: open through the uacce SPI needs native access for the calling module"
                + " consumer"), r[0] + r[1]);
    }

}
