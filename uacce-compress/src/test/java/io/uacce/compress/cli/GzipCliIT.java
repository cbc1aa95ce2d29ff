package io.uacce.compress.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CLI suite: runs the built launcher (target/uacce-gzip → uacce-cli.jar) as a process on
 * every case of issue 12, and the system's gzip on the same case in a twin directory; prints the
 * comparison table (target/gzip-compat.md, copied into the README's CLI section). Each case
 * asserts our own behaviour; the table only reports gzip's.
 */
class GzipCliIT {
    private static final Path BUILD = Path.of(System.getProperty("uacce.cli.dir", "target"));
    private static final Path LAUNCHER = BUILD.resolve("uacce-gzip").toAbsolutePath();
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static final List<String> TABLE = new ArrayList<>();
    private static Path work;
    private static boolean systemGzip;
    private static int counter;

    record Run(int exit, byte[] out, String err) {
    }

    /** One tool's outcome on one case: exit, stdout, and the directory afterwards. */
    record Outcome(Run run, TreeMap<String, String> files) {
    }

    @BeforeAll
    static void setUp() throws Exception {
        work = BUILD.resolve("cli-suite").toAbsolutePath();
        if (Files.exists(work)) {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(work);
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x")); // nobody enters (permission case)
        try {
            systemGzip = new ProcessBuilder("gzip", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            systemGzip = false;
        }
        assertTrue(Files.isExecutable(LAUNCHER), "the build produces " + LAUNCHER);
    }

    @AfterAll
    static void table() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("| case | exit uacce-gzip / gzip | files afterwards, mode (uacce-gzip) | same files, modes and data as gzip | uacce-gzip says |");
        lines.add("| --- | --- | --- | --- | --- |");
        lines.addAll(TABLE);
        Files.write(BUILD.resolve("gzip-compat.md"), lines);
        System.out.println(String.join("\n", lines));
    }

    // ---- the cases

    @Test
    void compressKeepsModeAndMtimeAndRemovesInput() throws Exception {
        Outcome o = compare("file, mode 600", d -> {
            write(d.resolve("secret"), text(20_000));
            mode(d.resolve("secret"), "rw-------");
            mtime(d.resolve("secret"), 1_577_934_245L);
        }, null, "secret");
        assertEquals(0, o.run.exit());
        assertEquals("secret.gz 600 " + sha(text(20_000)) + " mtime 1577934245", o.files.get("secret.gz"));
        assertFalse(o.files.containsKey("secret"));
    }

    @Test
    void headerCarriesNameAndMtimeUnlessNoName() throws Exception {
        Path d = fresh();
        write(d.resolve("a"), text(100));
        mtime(d.resolve("a"), 1_577_934_245L);
        assertEquals(0, run(ours("-k", "a"), d, null).exit());
        byte[] gz = Files.readAllBytes(d.resolve("a.gz"));
        assertEquals(8, gz[3], "FNAME flag");
        assertEquals(1_577_934_245L, le32(gz, 4));
        assertEquals('a', gz[10]);
        assertEquals(0, run(ours("-n", "-f", "-k", "a"), d, null).exit());
        gz = Files.readAllBytes(d.resolve("a.gz"));
        assertEquals(0, gz[3]);
        assertEquals(0, le32(gz, 4));
        // -N restores the name and time from the header
        Files.move(d.resolve("a"), d.resolve("orig"));
        run(List.of("sh", "-c", "cp orig a && touch -d @1577934245 a && " + LAUNCHER + " -f a && mv a.gz renamed.gz"), d, null);
        Outcome o = compare("-dN restores name and mtime", dd -> copy(d.resolve("renamed.gz"), dd.resolve("renamed.gz")), null,
                "-dN", "renamed.gz");
        assertEquals(0, o.run.exit());
        assertTrue(o.files.get("a").endsWith("mtime 1577934245"), o.files.toString());
    }

    @Test
    void keepAndDecompressRoundTrip() throws Exception {
        Outcome o = compare("-k then -d of gzip's file", d -> {
            write(d.resolve("f"), text(50_000));
            gzipTool(d, "f", "g");
        }, null, "-d", "g.gz");
        assertEquals(0, o.run.exit());
        assertEquals(sha(text(50_000)), o.files.get("g").split(" ")[2]);
        assertFalse(o.files.containsKey("g.gz"));
    }

    @Test
    void existingOutputNeedsForce() throws Exception {
        Consumer<Path> setup = d -> {
            write(d.resolve("f"), text(1000));
            write(d.resolve("f.gz"), "precious".getBytes());
        };
        Outcome o = compare("output exists, no -f", setup, null, "f");
        assertEquals(2, o.run.exit());
        assertTrue(o.run.err().contains("already exists"), o.run.err());
        assertEquals("f.gz 644 " + sha("precious".getBytes()), o.files.get("f.gz"));
        assertTrue(o.files.containsKey("f"));
        Outcome forced = compare("output exists, -f", setup, null, "-f", "f");
        assertEquals(0, forced.run.exit());
        assertTrue(forced.files.get("f.gz").contains(sha(text(1000))));
    }

    @Test
    void symlinkIsNotFollowed() throws Exception {
        Outcome o = compare("symlink input", d -> {
            write(d.resolve("t"), text(100));
            link(d.resolve("l"), "t");
        }, null, "l");
        assertEquals(1, o.run.exit());
        assertTrue(o.run.err().contains("Too many levels of symbolic links"), o.run.err());
        assertFalse(o.files.containsKey("l.gz"));
    }

    @Test
    void directoryIsIgnoredOrRecursed() throws Exception {
        Consumer<Path> setup = d -> {
            try {
                Files.createDirectory(d.resolve("dir"));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
            write(d.resolve("dir/x"), text(300));
        };
        Outcome o = compare("directory", setup, null, "dir");
        assertEquals(2, o.run.exit());
        assertTrue(o.run.err().contains("is a directory -- ignored"));
        assertFalse(o.files.containsKey("dir.gz"));
        Outcome r = compare("directory, -r", setup, null, "-r", "dir");
        assertEquals(0, r.run.exit());
        assertTrue(r.files.containsKey("dir/x.gz"), r.files.toString());
    }

    @Test
    void corruptOrTruncatedMemberLeavesNoOutput() throws Exception {
        byte[] good = gzipBytes(text(40_000));
        byte[] corrupt = good.clone();
        for (int i = 30; i < 60; i++) {
            corrupt[i] ^= 0x5A;
        }
        Outcome o = compare("corrupt member", d -> write(d.resolve("c.gz"), corrupt), null, "-d", "c.gz");
        assertEquals(1, o.run.exit());
        assertEquals(List.of("c.gz"), List.copyOf(o.files.keySet()));
        byte[] truncated = java.util.Arrays.copyOf(good, good.length / 2);
        Outcome t = compare("truncated member", d -> write(d.resolve("t.gz"), truncated), null, "-d", "t.gz");
        assertEquals(1, t.run.exit());
        assertTrue(t.run.err().contains("unexpected end of file"), t.run.err());
        assertEquals(List.of("t.gz"), List.copyOf(t.files.keySet()));
        Outcome test = compare("-t corrupt", d -> write(d.resolve("c.gz"), corrupt), null, "-t", "c.gz");
        assertEquals(1, test.run.exit());
    }

    @Test
    void severalFilesAndStdin() throws Exception {
        Outcome o = compare("several files", d -> {
            write(d.resolve("a"), text(10));
            write(d.resolve("b"), text(20));
            write(d.resolve("c"), text(30));
        }, null, "a", "b", "c");
        assertEquals(0, o.run.exit());
        assertEquals(List.of("a.gz", "b.gz", "c.gz"), List.copyOf(o.files.keySet()));
        Outcome s = compare("stdin, no operand", d -> write(d.resolve("in"), text(5000)), "in");
        assertEquals(0, s.run.exit());
        assertArrayEquals(text(5000), gunzip(s.run.out()));
        Outcome dash = compare("- and -c file", d -> {
            write(d.resolve("in"), text(700));
            write(d.resolve("f"), text(300));
        }, "in", "-c", "-", "f");
        assertEquals(0, dash.run.exit());
        byte[] both = new byte[1000];
        System.arraycopy(text(700), 0, both, 0, 700);
        System.arraycopy(text(300), 0, both, 700, 300);
        assertArrayEquals(both, gunzip(dash.run.out()));
    }

    @Test
    void trailingZerosAndGarbage() throws Exception {
        byte[] padded = concat(gzipBytes(text(999)), new byte[512]);
        Outcome z = compare("zero padding", d -> write(d.resolve("p.gz"), padded), null, "-dc", "p.gz");
        assertEquals(0, z.run.exit());
        assertArrayEquals(text(999), z.run.out());
        Outcome zv = compare("zero padding, -v", d -> write(d.resolve("p.gz"), padded), null, "-dcv", "p.gz");
        assertEquals(2, zv.run.exit());
        byte[] junk = concat(gzipBytes(text(999)), "junk".getBytes());
        Outcome g = compare("trailing garbage", d -> write(d.resolve("g.gz"), junk), null, "-dc", "g.gz");
        assertEquals(2, g.run.exit());
        assertTrue(g.run.err().contains("trailing garbage ignored"));
        assertArrayEquals(text(999), g.run.out());
    }

    @Test
    void listAndTest() throws Exception {
        Outcome l = compare("-l", d -> {
            write(d.resolve("f"), text(12_345));
            gzipTool(d, "f", "f");
        }, null, "-l", "f.gz");
        assertEquals(0, l.run.exit());
        String[] rows = new String(l.run.out(), StandardCharsets.UTF_8).split("\n");
        assertEquals("         compressed        uncompressed  ratio uncompressed_name", rows[0]);
        assertTrue(rows[1].matches(" +\\d+ +12345 +-?\\d+\\.\\d% f"), rows[1]);
        Outcome t = compare("-tv", d -> write(d.resolve("f.gz"), gzipBytes(text(10))), null, "-tv", "f.gz");
        assertEquals(0, t.run.exit());
        assertTrue(t.run.err().contains("OK"));
    }

    @Test
    void namesAndReasons() throws Exception {
        Outcome u = compare("-d, unknown suffix", d -> write(d.resolve("plain"), text(10)), null, "-d", "plain");
        assertEquals(2, u.run.exit());
        assertTrue(u.run.err().contains("unknown suffix -- ignored"));
        Outcome m = compare("missing file", d -> { }, null, "nothere");
        assertEquals(1, m.run.exit());
        assertTrue(m.run.err().contains("nothere: No such file or directory"), m.run.err());
        Outcome tgz = compare("-d x.tgz", d -> write(d.resolve("x.tgz"), gzipBytes(text(10))), null, "-d", "x.tgz");
        assertEquals(0, tgz.run.exit());
        assertTrue(tgz.files.containsKey("x.tar"));
        Outcome already = compare("input has .gz", d -> write(d.resolve("y.gz"), gzipBytes(text(10))), null, "y.gz");
        assertTrue(already.run.err().contains("already has .gz suffix"));
        assertFalse(already.files.containsKey("y.gz.gz"));
    }

    @Test
    void writeErrorsOnStdout() throws Exception {
        Outcome full = compare("stdout is /dev/full", d -> write(d.resolve("r"), random(300_000)), null,
                "SHELL", "TOOL -c r > /dev/full");
        assertEquals(1, full.run.exit());
        assertTrue(full.run.err().contains("No space left on device"), full.run.err());
        Outcome pipe = compare("stdout is a closed pipe", d -> write(d.resolve("r"), random(4_000_000)), null,
                "SHELL", "TOOL -c r | head -c 10 > /dev/null; exit ${PIPESTATUS[0]}");
        assertEquals(1, pipe.run.exit());
        assertTrue(pipe.run.err().contains("Broken pipe"), pipe.run.err());
    }

    @Test
    void permissionDenied() throws Exception {
        // as root no file is unreadable: run as nobody (setpriv) so the case runs in CI too
        String as = ROOT ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
        Outcome o = compare("unreadable input", d -> {
            write(d.resolve("s"), text(10));
            mode(d.resolve("s"), "---------");
            mode(d, "rwxrwxrwx");
        }, null, "SHELL", as + "TOOL -k s");
        assertEquals(1, o.run.exit());
        assertTrue(o.run.err().contains("s: Permission denied"), o.run.err());
        assertFalse(o.files.containsKey("s.gz"));
    }

    @Test
    void terminalRefused() throws Exception {
        // script(1) gives the tool a pseudo-terminal as stdout
        Outcome o = compare("stdout is a terminal", d -> write(d.resolve("f"), text(10)), null,
                "SHELL", "script -qec 'TOOL < f' /dev/null");
        assertEquals(1, o.run.exit());
        assertTrue(new String(o.run.out()).contains("compressed data not written to a terminal"), new String(o.run.out()));
        Outcome forced = compare("stdout is a terminal, -f", d -> write(d.resolve("f"), text(10)), null,
                "SHELL", "script -qec 'TOOL -f < f' /dev/null");
        assertEquals(0, forced.run.exit());
    }

    @Test
    void zlibDetectedByMagic() throws Exception {
        java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream();
        try (var d = new java.util.zip.DeflaterOutputStream(z)) {
            d.write(text(3000));
        }
        Outcome o = compare("zlib input (-dc)", dd -> write(dd.resolve("z.gz"), z.toByteArray()), null, "-dc", "z.gz");
        assertEquals(0, o.run.exit());
        assertArrayEquals(text(3000), o.run.out());
    }

    @Test
    void deviceErrorsNamedLikeSoftware() throws Exception {
        // a fixed-Huffman block whose first symbol is a match at distance 1: nothing before it
        byte[] far = {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 3, 2, 0, 0, 0, 0, 0, 3, 0, 0, 0};
        Path d = fresh();
        write(d.resolve("far.gz"), far);
        Run soft = run(ours("--mode", "software", "-t", "far.gz"), d, null);
        Run hard = run(ours("--mode", "hardware", "-t", "far.gz"), d, null);
        assertEquals(1, soft.exit());
        assertEquals(1, hard.exit());
        assertTrue(soft.err().contains("invalid distance too far back"), soft.err());
        assertTrue(hard.err().contains("invalid distance too far back") && hard.err().contains("device status"), hard.err());
        TABLE.add("| device path, corrupt data (`--mode hardware -t`) | " + hard.exit() + " / — | — | — | `"
                + firstLine(hard.err()) + "` |");
    }

    @Test
    void compressCommandReportsWriteErrorsAndLeavesNoPartialOutput() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = BUILD.resolve("uacce-cli.jar").toAbsolutePath().toString();
        Path d = fresh();
        write(d.resolve("r"), random(300_000));
        Files.createDirectory(d.resolve("dir"));
        Run full = run(List.of("bash", "-c", java + " -jar " + jar + " compress -m software -c r > /dev/full"), d, null);
        assertEquals(1, full.exit());
        assertTrue(full.err().contains("No space left on device"), full.err());
        Run dir = run(List.of(java, "-jar", jar, "compress", "-m", "software", "dir"), d, null);
        assertEquals(1, dir.exit());
        assertFalse(Files.exists(d.resolve("dir.gz")), "no partial output");
        try (Stream<Path> s = Files.list(d)) {
            assertEquals(List.of("dir", "r"), s.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file left");
        }
    }

    // ---- machinery

    private static Outcome compare(String name, Consumer<Path> setup, String stdin, String... args) throws Exception {
        Path mine = fresh();
        setup.accept(mine);
        Outcome ours = outcome(mine, stdin, args, LAUNCHER.toString());
        String theirs = "—";
        String same = "—";
        if (systemGzip) {
            Path twin = fresh();
            setup.accept(twin);
            Outcome gz = outcome(twin, stdin, args, "gzip");
            theirs = String.valueOf(gz.run.exit());
            boolean sameOut = java.util.Arrays.equals(plain(ours.run.out()), plain(gz.run.out()));
            same = ours.files.equals(gz.files) && sameOut ? "yes" : "no: " + describe(gz.files)
                    + (sameOut ? "" : ", stdout differs");
        }
        TABLE.add("| " + name + " | " + ours.run.exit() + " / " + theirs + " | " + describe(ours.files) + " | " + same
                + " | " + (ours.run.err().isBlank() ? "" : "`" + firstLine(ours.run.err()).replace("|", "\\|") + "`") + " |");
        return ours;
    }

    private static Outcome outcome(Path dir, String stdin, String[] args, String tool) throws Exception {
        List<String> cmd;
        if (args.length == 2 && args[0].equals("SHELL")) {
            cmd = List.of("bash", "-c", args[1].replace("TOOL", tool));
        } else {
            cmd = new ArrayList<>(List.of(tool));
            cmd.addAll(List.of(args));
        }
        Run r = run(cmd, dir, stdin == null ? null : dir.resolve(stdin));
        return new Outcome(r, listing(dir));
    }

    private static List<String> ours(String... args) {
        List<String> c = new ArrayList<>(List.of(LAUNCHER.toString()));
        c.addAll(List.of(args));
        return c;
    }

    private static Run run(List<String> cmd, Path dir, Path stdin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.redirectInput(stdin != null ? ProcessBuilder.Redirect.from(stdin.toFile()) : ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Path err = Files.createTempFile(work, "err", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("no exit within 60 s: " + cmd);
        }
        String e = Files.readString(err);
        Files.delete(err);
        return new Run(p.exitValue(), out, e);
    }

    /** Every entry under {@code dir}: name → "name mode sha-of-(decompressed)-content [mtime]". */
    private static TreeMap<String, String> listing(Path dir) throws IOException {
        TreeMap<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(p -> !p.equals(dir)).toList()) {
                String rel = dir.relativize(p).toString();
                String mode = Integer.toOctalString(mode(p));
                String v;
                if (Files.isSymbolicLink(p)) {
                    v = rel + " link";
                } else if (Files.isDirectory(p)) {
                    v = rel + " " + mode + " dir";
                } else {
                    long t = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.SECONDS);
                    v = rel + " " + mode + " " + sha(plain(Files.readAllBytes(p))) + (t < 1_600_000_000L ? " mtime " + t : "");
                }
                m.put(rel, v);
            }
        }
        return m;
    }

    private static String describe(TreeMap<String, String> files) {
        List<String> l = new ArrayList<>();
        files.values().forEach(v -> {
            String[] f = v.split(" ");
            l.add(f[0] + (f.length > 1 && !f[1].equals("link") ? " " + f[1] : " (link)"));
        });
        return l.isEmpty() ? "(none)" : String.join(", ", l);
    }

    private static int mode(Path p) throws IOException {
        return ((Number) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)).intValue() & 07777;
    }

    /** Decompressed bytes of a gzip file (what it holds), else the bytes themselves. */
    private static byte[] plain(byte[] b) {
        if (b.length > 2 && (b[0] & 0xFF) == 0x1F && (b[1] & 0xFF) == 0x8B) {
            try {
                return gunzip(b);
            } catch (IOException e) {
                return b;
            }
        }
        return b;
    }

    private static byte[] gunzip(byte[] b) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzipBytes(byte[] b) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        try (var z = new java.util.zip.GZIPOutputStream(o)) {
            z.write(b);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return o.toByteArray();
    }

    /** gzip -c src > dst.gz with the system gzip, else with ours. */
    private static void gzipTool(Path d, String src, String dst) {
        try {
            Run r = run(List.of("sh", "-c", (systemGzip ? "gzip" : LAUNCHER.toString()) + " -c " + src + " > " + dst + ".gz"), d, null);
            assertEquals(0, r.exit(), r.err());
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    private static Path fresh() throws IOException {
        Path d = work.resolve("case" + ++counter);
        Files.createDirectories(d);
        return d;
    }

    private static byte[] text(int n) {
        byte[] b = new byte[n];
        String words = "the quick brown fox jumps over the lazy dog; ";
        for (int i = 0; i < n; i++) {
            b[i] = (byte) words.charAt(i % words.length());
        }
        return b;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SplittableRandom(7).nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static long le32(byte[] b, int off) {
        return (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16 | (b[off + 3] & 0xFFL) << 24;
    }

    private static String sha(byte[] b) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(b);
            return java.util.HexFormat.of().formatHex(h, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(String s) {
        return s.strip().split("\n")[0].strip();
    }

    private static void write(Path p, byte[] b) {
        try {
            Files.write(p, b);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static void copy(Path a, Path b) {
        try {
            Files.copy(a, b);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static void mode(Path p, String perms) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static void mtime(Path p, long seconds) {
        try {
            Files.setLastModifiedTime(p, FileTime.from(seconds, TimeUnit.SECONDS));
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static void link(Path p, String target) {
        try {
            Files.createSymbolicLink(p, Path.of(target));
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }
}
