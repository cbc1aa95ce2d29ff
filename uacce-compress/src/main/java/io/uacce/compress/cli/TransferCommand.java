package io.uacce.compress.cli;

import io.uacce.compress.ZipEngine;
import io.uacce.compress.types.Format;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** compress / decompress: a file or stdin to a file or stdout. */
abstract class TransferCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Option(names = {"-f", "--format"}, description = "raw, zlib or gzip (default: ${DEFAULT-VALUE})",
            defaultValue = "gzip", converter = FormatConverter.class)
    Format format;

    @Option(names = {"-o", "--output"}, description = "output file (default: for a file input, the input name"
            + " with the format's suffix added (compress) or removed (decompress); for stdin, stdout)")
    Path output;

    @Option(names = {"-c", "--stdout"}, description = "write to stdout")
    boolean stdout;

    @Option(names = "--force", description = "overwrite an existing output file")
    boolean force;

    @Option(names = "--progress", description = "show progress on stderr even when it is not a terminal")
    boolean progress;

    @Parameters(index = "0", arity = "0..1", description = "input file (default: stdin)")
    Path input;

    abstract boolean compress();

    /** gzip's and zlib's usual file suffixes. */
    static String suffix(Format f) {
        return switch (f) {
            case GZIP -> ".gz";
            case ZLIB -> ".zz";
            case RAW -> ".deflate";
        };
    }

    private Path target() {
        if (stdout) {
            return null;
        }
        if (output != null || input == null) {
            return output;
        }
        String name = input.getFileName().toString();
        String sfx = suffix(format);
        if (compress()) {
            return input.resolveSibling(name + sfx);
        }
        return input.resolveSibling(name.endsWith(sfx) && name.length() > sfx.length()
                ? name.substring(0, name.length() - sfx.length()) : name + ".out");
    }

    @Override
    public Integer call() throws IOException {
        long size = input != null ? Files.size(input) : -1;
        Path target = target();
        if (target != null && !force && Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(target + " exists: use --force to overwrite, -o to choose another name or -c for stdout");
        }
        // a file output appears only when complete (SafeOutput); stdout is fd 1 itself, whose
        // write errors (EPIPE, ENOSPC) end the run, unlike System.out's PrintStream
        try (ZipEngine zip = engine.open();
             InputStream raw = input != null ? Files.newInputStream(input) : System.in;
             SafeOutput file = target != null ? SafeOutput.create(target) : null) {
            OutputStream out = file != null ? file.stream()
                    : WriteFailure.labelled(new java.io.FileOutputStream(java.io.FileDescriptor.out), "stdout");
            Progress p = new Progress(System.err, size, progress);
            InputStream in = counting(raw, p);
            byte[] buf = new byte[1 << 20];
            if (compress()) {
                try (OutputStream z = zip.compressingStream(format, out)) {
                    copy(in, z, buf);
                }
            } else {
                try (InputStream z = zip.decompressingStream(format, in)) {
                    copy(z, out, buf);
                }
            }
            out.flush();
            if (file != null) {
                SafeOutput.Metadata meta = null;
                if (input != null) {
                    var a = Files.readAttributes(input, java.nio.file.attribute.PosixFileAttributes.class);
                    meta = new SafeOutput.Metadata(a.permissions(), null, null, a.lastModifiedTime(), a.lastAccessTime());
                } else {
                    meta = new SafeOutput.Metadata(null, null, null, null, null);
                }
                file.commit(target, meta, force);
            }
            p.end();
        }
        return 0;
    }

    private static void copy(InputStream in, OutputStream out, byte[] buf) throws IOException {
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
        }
        out.flush();
    }

    private static InputStream counting(InputStream i, Progress p) {
        return new java.io.FilterInputStream(i) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n > 0) {
                    p.add(n);
                }
                return n;
            }
        };
    }

    /** Lets picocli parse "raw", "deflate", "zlib", "gzip". */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            return Format.parse(value);
        }
    }
}
