package io.uacce.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every § the source tree cites resolves in docs/abi.md (issue 8, §3). */
class AbiCitationsTest {

    /** The repository root: it-tests' parent (Maven runs the tests in the module directory). */
    private static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/abi.md")) && Files.isDirectory(p.resolve("uacce-ffm"))) {
                return p;
            }
        }
        throw new AssertionError("no repository root with docs/abi.md above " + here);
    }

    @Test
    void everyCitedSectionIsInAbiMd() throws IOException {
        Path root = root();
        assertTrue(AbiCitations.sections(root.resolve("docs/abi.md")).containsAll(List.of("1.4", "3.7", "4.6", "S2.7")));
        assertEquals(List.of(), AbiCitations.unresolved(root), "citations without a section in docs/abi.md");
    }

    @Test
    void aMissingSectionIsFoundAndOtherDocumentsAreLeftAlone(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.createDirectories(dir.resolve("uacce-crypto/src"));
        Files.createDirectories(dir.resolve("uacce-ffm/src"));
        Files.writeString(dir.resolve("docs/abi.md"), "# t\n## \u00a71 One\n### \u00a71.4 States\n## \u00a7S2 BDs\n### \u00a7S2.7 Done\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("uacce-ffm/src/A.java"),
                "// spec \u00a71.4 and \u00a71.5\n// RFC 1952 \u00a72.3 is the gzip format\n// (a line between)\n// \u00a72.7 is not in part 1\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("uacce-crypto/src/B.java"), "// \u00a72.7 and \u00a72.8 and \u00a7S2.7 and \u00a71.4\n",
                StandardCharsets.UTF_8);
        assertEquals(List.of("uacce-crypto/src/B.java:1: \u00a7S1.4", "uacce-crypto/src/B.java:1: \u00a7S2.8",
                "uacce-ffm/src/A.java:1: \u00a71.5", "uacce-ffm/src/A.java:4: \u00a72.7"),
                AbiCitations.unresolved(dir).stream().sorted().toList());
    }
}
