package io.uacce.compress.cli;

import io.uacce.UacceException;
import io.uacce.compress.ZipEngine;
import io.uacce.compress.types.Format;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** One gzip run over its operands: gzip's file-name rules, safe outputs, messages and exit code. */
final class Gzip {
    static final int OK = 0;
    static final int ERROR = 1;
    static final int WARNING = 2;
    private static final String PROGRAM = "uacce-gzip";
    /** Suffixes gzip knows besides -S (gzip.c known_suffixes, without the pack/compress ones it cannot read). */
    private static final List<String> KNOWN = List.of(".gz", ".z", ".taz", ".tgz", "-gz", "-z", "_z");
    private static final DateTimeFormatter LIST_DATE = DateTimeFormatter.ofPattern("MMM ppd HH:mm", Locale.US)
            .withZone(ZoneId.systemDefault());

    /** Ends the whole run (gzip exits at once: a terminal refused, stdout broken). */
    private static final class Fatal extends RuntimeException {
        Fatal() {
            super(null, null, false, false);
        }
    }

    private final GzipCommand o;
    private final OutputStream stdout;
    private ZipEngine zip;
    private int exit = OK;
    private int listed;
    private long totalCompressed;
    private long totalUncompressed;

    Gzip(GzipCommand options) {
        this.o = options;
        this.stdout = WriteFailure.labelled(new java.io.BufferedOutputStream(options.io.out(), 1 << 16), "stdout");
    }

    int run(List<String> operands) {
        if (o.suffix.isEmpty() || o.suffix.contains("/")) {
            error("invalid suffix '" + o.suffix + "'");
            return exit;
        }
        try (ZipEngine engine = ZipEngine.builder().mode(o.mode).softwareLevel(o.level).build()) {
            zip = engine;
            for (String operand : operands) {
                if (operand.equals("-") || operand.equals(GzipCommand.STDIN)) {
                    standardInput();
                } else {
                    file(Path.of(operand), false);
                }
            }
            if (o.list && listed > 1) {
                listTotals();
            }
            stdout.flush();
        } catch (Fatal f) {
            // reported
        } catch (WriteFailure e) {
            error(e.getMessage());
        } catch (IOException | UacceException e) {
            error(Reasons.of(e));
        }
        return exit;
    }

    // ---- stdin

    private void standardInput() throws IOException {
        boolean decode = o.decompress || o.test || o.list;
        if (!o.force && !o.list) {
            if (!decode && o.io.outTerminal()) {
                fatal("compressed data not written to a terminal. Use -f to force compression.\n"
                        + "For help, type: " + PROGRAM + " -h");
            }
            if (decode && o.io.inTerminal()) {
                fatal("compressed data not read from a terminal. Use -f to force decompression.\n"
                        + "For help, type: " + PROGRAM + " -h");
            }
        }
        InputStream in = nonClosing(o.io.in());
        try {
            if (!decode) {
                long mtime = Boolean.FALSE.equals(o.name) ? 0 : o.io.stdinMtime();
                long[] n = compress(in, toStdout(), GzipHeader.encode(null, mtime, o.level));
                verbose("stdin", ratio(n[0], n[1]) + " -- replaced with stdout");
                return;
            }
            OutputStream sink = o.test || o.list ? OutputStream.nullOutputStream() : toStdout();
            Decoder.Result r = new Decoder(zip, o.force && !o.test && !o.list).decode(in, sink, null);
            finishDecode("stdin", "stdout", r, r.compressed());
        } catch (Decoder.BadData e) {
            error("stdin: " + e.getMessage());
        } catch (WriteFailure e) {
            fatal(e.getMessage());
        }
    }

    // ---- files

    private void file(Path path, boolean inDirectory) throws IOException {
        boolean decode = o.decompress || o.test || o.list;
        boolean toFile = !o.stdout && !o.test && !o.list;
        PosixFileAttributes a;
        try {
            a = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            Path alt = decode && suffixOf(path.getFileName().toString()) == null
                    ? path.resolveSibling(path.getFileName() + o.suffix) : null;
            if (alt != null && Files.exists(alt, LinkOption.NOFOLLOW_LINKS)) {
                file(alt, inDirectory);
            } else {
                error((alt != null ? alt : path) + ": " + Reasons.of(e));
            }
            return;
        } catch (IOException e) {
            error(path + ": " + Reasons.of(e));
            return;
        }
        boolean follow = false;
        if (a.isSymbolicLink()) {
            if (toFile && !o.force) { // gzip: open(O_NOFOLLOW) → ELOOP
                error(path + ": Too many levels of symbolic links");
                return;
            }
            try {
                a = Files.readAttributes(path, PosixFileAttributes.class);
                follow = true;
            } catch (IOException e) {
                error(path + ": " + Reasons.of(e));
                return;
            }
        }
        if (a.isDirectory()) {
            if (o.recursive) {
                directory(path);
            } else {
                warning(path + " is a directory -- ignored");
            }
            return;
        }
        if (!a.isRegularFile()) {
            warning(path + " is not a directory or a regular file - ignored");
            return;
        }
        if (!decode && o.stdout && !o.force && o.io.outTerminal()) {
            fatal("compressed data not written to a terminal. Use -f to force compression.\n"
                    + "For help, type: " + PROGRAM + " -h");
        }
        String name = path.getFileName().toString();
        Path target = null;
        if (toFile) {
            int mode = unix(path, "mode", follow);
            if (!o.force) {
                int links = unix(path, "nlink", follow);
                if (links > 1) {
                    warning(path + " has " + (links - 1) + " other link" + (links > 2 ? "s" : "") + " -- file ignored");
                    return;
                }
                if ((mode & 07000) != 0) {
                    warning(path + " is " + ((mode & 04000) != 0 ? "set-user-ID" : (mode & 02000) != 0 ? "set-group-ID"
                            : "sticky") + " on execution - ignored");
                    return;
                }
            }
            String suf = suffixOf(name);
            if (!decode) {
                if (suf != null && !o.force) {
                    if (!inDirectory && o.verbose >= 0) {
                        o.io.err().println(PROGRAM + ": " + path + " already has " + suf + " suffix -- unchanged");
                    }
                    return;
                }
                target = path.resolveSibling(name + o.suffix);
            } else {
                if (suf == null) {
                    if (!inDirectory) {
                        warning(path + ": unknown suffix -- ignored");
                    }
                    return;
                }
                String base = name.substring(0, name.length() - suf.length());
                target = path.resolveSibling(suf.equals(".tgz") || suf.equals(".taz") ? base + ".tar" : base);
            }
            if (!o.force && Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Boolean.TRUE.equals(o.name)) {
                warning(target + " already exists;\tnot overwritten");
                return;
            }
        }
        LinkOption[] nofollow = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        InputStream in;
        try {
            in = Files.newInputStream(path, withRead(nofollow));
        } catch (IOException e) {
            error(path + ": " + Reasons.of(e));
            return;
        }
        try (in) {
            if (decode) {
                decodeFile(path, a, in, target, nofollow);
            } else {
                compressFile(path, a, in, target, nofollow);
            }
        } catch (Decoder.BadData e) {
            error(path + ": " + e.getMessage());
        } catch (WriteFailure e) {
            if (e.target.equals("stdout")) {
                fatal(e.getMessage());
            }
            error(e.getMessage());
        } catch (FileAlreadyExistsException e) {
            warning(e.getFile() + " already exists;\tnot overwritten");
        } catch (IOException e) {
            error(path + ": " + Reasons.of(e));
        }
    }

    private void directory(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(children::add);
        } catch (IOException e) {
            error(dir + ": " + Reasons.of(e));
            return;
        }
        children.sort(null);
        for (Path c : children) {
            file(c, true);
        }
    }

    private void compressFile(Path path, PosixFileAttributes a, InputStream in, Path target, LinkOption[] nofollow)
            throws IOException {
        boolean save = !Boolean.FALSE.equals(o.name);
        byte[] header = GzipHeader.encode(save ? path.getFileName().toString() : null,
                save ? a.lastModifiedTime().to(TimeUnit.SECONDS) : 0, o.level);
        if (target == null) {
            long[] n = compress(in, toStdout(), header);
            verbose(path.toString(), ratio(n[0], n[1]) + " -- replaced with stdout");
            return;
        }
        try (SafeOutput out = SafeOutput.create(target)) {
            long[] n = compress(in, out.stream(), header);
            out.commit(target, metadata(path, a, null, nofollow), o.force);
            verbose(path.toString(), ratio(n[0], n[1]) + (o.keep ? " -- created " : " -- replaced with ") + target);
        }
        removeInput(path);
    }

    private void decodeFile(Path path, PosixFileAttributes a, InputStream in, Path target, LinkOption[] nofollow)
            throws IOException {
        Decoder.Replay replay = () -> Files.newInputStream(path, withRead(nofollow));
        if (target == null) {
            OutputStream sink = o.test || o.list ? OutputStream.nullOutputStream() : toStdout();
            Decoder.Result r = new Decoder(zip, o.force && o.stdout && !o.test && !o.list).decode(in, sink, replay);
            finishDecode(path.toString(), o.list ? listName(path, r) : "stdout", r, a.size());
            return;
        }
        Decoder.Result r;
        try (SafeOutput out = SafeOutput.create(target)) {
            r = new Decoder(zip, false).decode(in, out.stream(), replay);
            FileTime mtime = null;
            if (Boolean.TRUE.equals(o.name) && r.header() != null) {
                if (r.header().name() != null && !r.header().name().isEmpty()) {
                    // only the last component: a header must not send output elsewhere
                    String n = r.header().name().replace('\\', '/');
                    n = n.substring(n.lastIndexOf('/') + 1);
                    if (!n.isEmpty() && !n.equals(".") && !n.equals("..")) {
                        target = path.resolveSibling(n);
                    }
                }
                if (r.header().mtime() != 0) {
                    mtime = FileTime.from(r.header().mtime(), TimeUnit.SECONDS);
                }
            }
            out.commit(target, metadata(path, a, mtime, nofollow), o.force);
        }
        finishDecode(path.toString(), target.toString(), r, a.size());
        removeInput(path);
    }

    /** Messages after a decoded input: -l row, -t/-v reports, trailing-data warnings. */
    private void finishDecode(String source, String target, Decoder.Result r, long inputSize) {
        if (o.list) {
            listRow(source, target, r, inputSize);
        } else if (o.test) {
            verbose(source, " OK");
        } else {
            verbose(source, ratio(r.uncompressed(), r.compressed())
                    + (o.keep && !o.stdout ? " -- created " : " -- replaced with ") + target);
        }
        if (r.trailer() == Decoder.Trailer.ZEROS && o.verbose > 0) {
            warning(source + ": decompression OK, trailing zero bytes ignored");
        } else if (r.trailer() == Decoder.Trailer.GARBAGE) {
            warning(source + ": decompression OK, trailing garbage ignored");
        }
    }

    private long[] compress(InputStream in, OutputStream out, byte[] header) throws IOException {
        long[] counts = new long[2];
        OutputStream counted = new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                counts[1] += len;
            }

            @Override
            public void close() throws IOException {
                flush(); // the caller owns the stream
            }
        };
        byte[] buf = new byte[1 << 18];
        try (OutputStream z = zip.compressingStream(Format.GZIP, GzipHeader.replacing(counted, header))) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                z.write(buf, 0, n);
                counts[0] += n;
            }
        }
        counts[1] -= header.length + 8; // gzip's ratio counts the deflate body only
        return counts;
    }

    private SafeOutput.Metadata metadata(Path path, PosixFileAttributes a, FileTime mtime, LinkOption[] nofollow) {
        Integer uid = null;
        Integer gid = null;
        try {
            uid = (Integer) Files.getAttribute(path, "unix:uid", nofollow);
            gid = (Integer) Files.getAttribute(path, "unix:gid", nofollow);
        } catch (IOException | RuntimeException e) {
            // no unix view: owner stays ours
        }
        return new SafeOutput.Metadata(a.permissions(), uid, gid, mtime != null ? mtime : a.lastModifiedTime(),
                a.lastAccessTime());
    }

    private void removeInput(Path path) {
        if (o.keep) {
            return;
        }
        try {
            Files.delete(path);
        } catch (IOException e) {
            error(path + ": " + Reasons.of(e));
        }
    }

    // ---- -l

    private String listName(Path path, Decoder.Result r) {
        if (Boolean.TRUE.equals(o.name) && r.header() != null && r.header().name() != null) {
            return path.resolveSibling(r.header().name()).toString();
        }
        String name = path.getFileName().toString();
        String suf = suffixOf(name);
        if (suf == null) {
            return path.toString();
        }
        String base = name.substring(0, name.length() - suf.length());
        return path.resolveSibling(suf.equals(".tgz") || suf.equals(".taz") ? base + ".tar" : base).toString();
    }

    private void listRow(String source, String name, Decoder.Result r, long size) throws Fatal {
        if (listed++ == 0) {
            print((o.verbose > 0 ? "method  crc     date  time  " : "")
                    + "         compressed        uncompressed  ratio uncompressed_name");
        }
        long overhead = r.format() == Format.GZIP ? (r.header() != null ? r.header().length() : 10) + 8 : 6;
        totalCompressed += size;
        totalUncompressed += r.uncompressed();
        String row = String.format(Locale.ROOT, "%19d %19d %s %s", size, r.uncompressed(),
                ratio(r.uncompressed(), size - overhead), name);
        if (o.verbose > 0) {
            long t = r.header() != null ? r.header().mtime() : 0;
            String date = LIST_DATE.format(Instant.ofEpochSecond(t));
            row = String.format(Locale.ROOT, "%5s %08x %s ", "defla", r.checksum(), date) + row;
        }
        print(row);
    }

    private void listTotals() throws IOException {
        print((o.verbose > 0 ? " ".repeat(28) : "") + String.format(Locale.ROOT, "%19d %19d %s (totals)", totalCompressed,
                totalUncompressed, ratio(totalUncompressed, totalCompressed - 18L * listed)));
    }

    private void print(String line) {
        try {
            stdout.write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            fatal(e.getMessage());
        }
    }

    // ---- helpers

    /** gzip's display_ratio: (big - small) / big, one decimal, sign kept. */
    private static String ratio(long big, long small) {
        double r = big == 0 ? 0 : 100.0 * (big - small) / big;
        return String.format(Locale.ROOT, "%5.1f%%", r);
    }

    private String suffixOf(String name) {
        if (name.endsWith(o.suffix) && name.length() > o.suffix.length()) {
            return o.suffix;
        }
        for (String s : KNOWN) {
            if (name.endsWith(s) && name.length() > s.length()) {
                return s;
            }
        }
        return null;
    }

    private OutputStream toStdout() {
        return stdout;
    }

    private static InputStream nonClosing(InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() {
            }
        };
    }

    private static java.nio.file.OpenOption[] withRead(LinkOption[] nofollow) {
        java.nio.file.OpenOption[] opts = new java.nio.file.OpenOption[nofollow.length + 1];
        opts[0] = StandardOpenOption.READ;
        System.arraycopy(nofollow, 0, opts, 1, nofollow.length);
        return opts;
    }

    private static int unix(Path path, String attribute, boolean follow) throws IOException {
        Object v = follow ? Files.getAttribute(path, "unix:" + attribute)
                : Files.getAttribute(path, "unix:" + attribute, LinkOption.NOFOLLOW_LINKS);
        return ((Number) v).intValue();
    }

    private void verbose(String source, String what) {
        if (o.verbose > 0) {
            o.io.err().println(source + ":\t" + what);
        }
    }

    private void warning(String message) {
        if (o.verbose >= 0) {
            o.io.err().println(PROGRAM + ": " + message);
        }
        if (exit == OK) {
            exit = WARNING;
        }
    }

    private void error(String message) {
        o.io.err().println(PROGRAM + ": " + message);
        exit = ERROR;
    }

    private void fatal(String message) {
        error(message);
        throw new Fatal();
    }
}
