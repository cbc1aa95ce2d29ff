package io.uacce.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Rule 9 of issue 8, "imports point downward only": in every module the package import graph
 * (read from the compiled classes) has no cycle, no two packages import each other, each package
 * imports only the layers declared below it, and the syscall layer imports no other package of
 * the driver. Not part of the conformance suite (package {@code io.uacce.it}): it checks the
 * build, not a device. To add a package, give it a layer here.
 */
class ImportLayersTest {

    /** uacce-ffm, bottom up. */
    static final List<String> FFM = List.of(
            "io.uacce.internal.sys",         // FFM downcalls, its own errno type (SyscallException)
            "io.uacce.spi",                  // the kernel-ABI seam
            "io.uacce",                      // discovery, queue lifecycle, regions, errors; LinuxKernel
            "io.uacce.internal.barrier",     // the aarch64 doorbell barrier
            "io.uacce.qm",                   // the QM ring
            "io.uacce.request");             // the engine-neutral request layer

    /** uacce-compress, bottom up. */
    static final List<String> COMPRESS = List.of(
            "io.uacce.compress.types",       // Format and the data errors: shared by the API and the codecs
            "io.uacce.compress.zip",         // ZIP SQE codec
            "io.uacce.compress.engine",      // the engine interface both paths implement
            "io.uacce.compress.soft io.uacce.compress.device",
            "io.uacce.compress",             // the public API
            "io.uacce.compress.cli");

    /** uacce-crypto, bottom up. */
    static final List<String> CRYPTO = List.of(
            "io.uacce.crypto.types",         // CryptoMode, CryptoSettings, SecDeviceException
            "io.uacce.crypto.soft io.uacce.crypto.sec.bd io.uacce.crypto.hpre.sqe",
            "io.uacce.crypto.internal",
            "io.uacce.crypto.sec io.uacce.crypto.hpre",
            "io.uacce.crypto");              // the provider

    /** native-stubs, bottom up. */
    static final List<String> STUBS = List.of(
            "io.uacce.stubs.model io.uacce.stubs.cuse");

    /** it-tests' own test classes. */
    static final List<String> IT = List.of(
            "io.uacce.it io.uacce.layers");

    private static void check(String module, Class<?> marker, List<String> layers) throws IOException {
        Path where = PackageGraph.locationOf(marker);
        PackageGraph g = PackageGraph.of(where);
        assertFalse(g.packages.isEmpty(), module + ": no classes found at " + where);
        assertEquals(List.of(), g.cycles(), module + " (" + where + "): package cycles " + g.edges);
        assertEquals(List.of(), g.layerViolations(layers), module + " (" + where + "): imports that do not point down");
    }

    @Test
    void uacceFfm() throws IOException {
        check("uacce-ffm", io.uacce.Uacce.class, FFM);
        PackageGraph g = PackageGraph.of(PackageGraph.locationOf(io.uacce.Uacce.class));
        assertTrue(g.packages.contains("io.uacce.internal.sys"));
        assertEquals(Set.of(), g.edges.getOrDefault("io.uacce.internal.sys", Set.of()),
                "the syscall layer imports nothing above it");
    }

    @Test
    void uacceCompress() throws IOException {
        check("uacce-compress", io.uacce.compress.ZipEngine.class, COMPRESS);
    }

    @Test
    void uacceCrypto() throws IOException {
        check("uacce-crypto", io.uacce.crypto.UacceProvider.class, CRYPTO);
    }

    @Test
    void nativeStubs() throws IOException {
        check("native-stubs", io.uacce.stubs.model.ModelKernelProvider.class, STUBS);
    }

    @Test
    void itTests() throws IOException {
        check("it-tests", ImportLayersTest.class, IT);
    }

    // ---- the checker can fail

    @Test
    void aCycleAndAnUpwardImportAreFound() {
        PackageGraph g = new PackageGraph();
        g.add("a.sys", "a.api");    // the syscall layer importing the API: upward
        g.add("a.api", "a.sys");
        g.add("a.api", "a.codec");
        g.add("a.codec", "a.util");
        g.add("a.util", "x.other"); // another module: ignored
        assertEquals(List.of(Set.of("a.sys", "a.api")), g.cycles());
        assertEquals(List.of("a.sys (layer 0) imports a.api (layer 2)", "a.util is in no declared layer"),
                g.layerViolations(List.of("a.sys", "a.codec", "a.api")).stream().sorted().toList());
        assertEquals(List.of("a.api (layer 1) imports a.codec (layer 1)"),
                g.layerViolations(List.of("a.sys", "a.api a.codec a.util")).stream()
                        .filter(v -> v.startsWith("a.api") && v.contains("codec")).toList());
    }

    @Test
    void typesAreReadFromTheConstantPoolButNotFromStrings() throws IOException {
        Set<String> own;
        try (InputStream in = PackageGraph.class.getResourceAsStream("PackageGraph.class")) {
            own = PackageGraph.referencedTypes(in);
        }
        assertTrue(own.contains("io/uacce/layers/PackageGraph"), own.toString());
        // the checker's pattern "io/uacce/..." is a string constant: not a reference
        assertFalse(own.stream().anyMatch(t -> t.contains("A-Za-z")), own.toString());
        Set<String> test;
        try (InputStream in = ImportLayersTest.class.getResourceAsStream("ImportLayersTest.class")) {
            test = PackageGraph.referencedTypes(in);
        }
        assertTrue(test.contains("io/uacce/Uacce") && test.contains("io/uacce/compress/ZipEngine"), test.toString());
        assertThrowsIo(new ByteArrayInputStream(new byte[] {1, 2, 3, 4}));
    }

    private static void assertThrowsIo(InputStream in) {
        try {
            PackageGraph.referencedTypes(in);
        } catch (IOException e) {
            return;
        }
        throw new AssertionError("a non-class file was read as a class file");
    }
}
