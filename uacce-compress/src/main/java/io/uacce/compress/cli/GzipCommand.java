package io.uacce.compress.cli;

import io.uacce.compress.Mode;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code uacce-cli gzip} (the {@code uacce-gzip} launcher): gzip(1)'s options, file-name rules,
 * messages and exit codes (0 ok, 1 error, 2 warning) over the ZIP engine.
 */
@Command(name = "gzip", usageHelpAutoWidth = true, version = "uacce-gzip 0.1.0 (gzip-compatible front end of uacce-cli)",
        description = "Compress or uncompress FILEs (by default, compress FILES in-place), like gzip(1), on the ZIP"
                + " engine (device or software). With no FILE, or when FILE is -, read standard input.")
final class GzipCommand implements Callable<Integer> {
    /** The streams the command talks to, and what it knows about them. */
    record Io(InputStream in, OutputStream out, PrintStream err, boolean inTerminal, boolean outTerminal,
            long stdinMtime) {
        static Io system() {
            long mtime = 0;
            try { // fstat(0) through /proc: a regular file's mtime goes into the header, as gzip does
                java.nio.file.Path fd0 = java.nio.file.Path.of("/proc/self/fd/0");
                var a = java.nio.file.Files.readAttributes(fd0, java.nio.file.attribute.BasicFileAttributes.class);
                if (a.isRegularFile()) {
                    mtime = a.lastModifiedTime().to(java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (java.io.IOException | RuntimeException e) {
                // no /proc: no time stamp for stdin
            }
            // not System.out: a PrintStream swallows write errors (EPIPE, ENOSPC)
            return new Io(new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out),
                    System.err, Terminal.isTerminal(0), Terminal.isTerminal(1), mtime);
        }
    }

    /** What "-" (standard input) becomes while picocli parses. */
    static final String STDIN = "\u0000stdin";

    final Io io;

    @Option(names = {"-c", "--stdout", "--to-stdout"}, description = "write on standard output, keep original files unchanged")
    boolean stdout;

    @Option(names = {"-d", "--decompress", "--uncompress"}, description = "decompress")
    boolean decompress;

    @Option(names = {"-f", "--force"}, description = "force overwrite of output file and compress links")
    boolean force;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "give this help")
    boolean help;

    @Option(names = {"-k", "--keep"}, description = "keep (don't delete) input files")
    boolean keep;

    @Option(names = {"-l", "--list"}, description = "list compressed file contents")
    boolean list;

    @Option(names = {"-L", "--license"}, description = "display software license")
    boolean license;

    /** null: the default (save on compression, do not restore on decompression). */
    Boolean name;

    @Option(names = {"-n", "--no-name"}, description = "do not save or restore the original name and timestamp")
    void noName(boolean b) {
        if (b) {
            name = false;
        }
    }

    @Option(names = {"-N", "--name"}, description = "save or restore the original name and timestamp")
    void name(boolean b) {
        if (b) {
            name = true;
        }
    }

    @Option(names = {"-q", "--quiet", "--silent"}, description = "suppress all warnings")
    void quiet(boolean b) {
        if (b) {
            verbose = -1;
        }
    }

    @Option(names = {"-r", "--recursive"}, description = "operate recursively on directories")
    boolean recursive;

    @Option(names = {"-S", "--suffix"}, paramLabel = "SUF", description = "use suffix SUF on compressed files")
    String suffix = ".gz";

    @Option(names = "--synchronous", description = "synchronous output (always on: every output file is fsynced)")
    boolean synchronous;

    @Option(names = {"-t", "--test"}, description = "test compressed file integrity")
    boolean test;

    /** -1 quiet, 0 normal, 1+ verbose. */
    int verbose;

    @Option(names = {"-v", "--verbose"}, description = "verbose mode")
    void verbose(boolean b) {
        if (b) {
            verbose = Math.max(0, verbose) + 1;
        }
    }

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "display version number")
    boolean version;

    int level = 6;

    @Option(names = {"-1", "--fast"}, description = "compress faster (software engine; the device has no level)")
    void fast(boolean b) {
        if (b) {
            level = 1;
        }
    }

    @Option(names = "-2", hidden = true) void l2(boolean b) { if (b) { level = 2; } }
    @Option(names = "-3", hidden = true) void l3(boolean b) { if (b) { level = 3; } }
    @Option(names = "-4", hidden = true) void l4(boolean b) { if (b) { level = 4; } }
    @Option(names = "-5", hidden = true) void l5(boolean b) { if (b) { level = 5; } }
    @Option(names = "-6", hidden = true) void l6(boolean b) { if (b) { level = 6; } }
    @Option(names = "-7", hidden = true) void l7(boolean b) { if (b) { level = 7; } }
    @Option(names = "-8", hidden = true) void l8(boolean b) { if (b) { level = 8; } }

    @Option(names = {"-9", "--best"}, description = "compress better (software engine; the device has no level)")
    void best(boolean b) {
        if (b) {
            level = 9;
        }
    }

    @Option(names = "--mode", paramLabel = "MODE", description = "engine: auto, hardware or software (default: auto;"
            + " the system property uacce.compress.mode wins)")
    Mode mode = Mode.AUTO;

    @Parameters(paramLabel = "FILE", arity = "0..*")
    List<String> files = new ArrayList<>();

    GzipCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        if (license) {
            io.err().println("uacce-gzip: Apache License 2.0, see LICENSE in the uacce-java sources");
            return 0;
        }
        return new Gzip(this).run(files.isEmpty() ? List.of("-") : files);
    }

    /** Parses gzip's command line and runs it on {@code io}; returns the exit code. */
    static int execute(Io io, String... args) {
        GzipCommand cmd = new GzipCommand(io);
        CommandLine cl = new CommandLine(cmd).setCaseInsensitiveEnumValuesAllowed(true)
                .setAbbreviatedOptionsAllowed(true).setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(io.out()), true))
                .setErr(new java.io.PrintWriter(io.err(), true));
        cl.setParameterExceptionHandler((e, a) -> {
            io.err().println("uacce-gzip: " + e.getMessage());
            io.err().println("Try `uacce-gzip --help' for more information.");
            return 1;
        });
        cl.setExecutionExceptionHandler((e, c, p) -> {
            io.err().println("uacce-gzip: " + Reasons.of(e));
            return 1;
        });
        // picocli cannot take a lone "-" as a positional parameter: it stands for stdin here
        String[] a = args.clone();
        for (int i = 0; i < a.length; i++) {
            if (a[i].equals("-")) {
                a[i] = STDIN;
            }
        }
        return cl.execute(a);
    }
}
