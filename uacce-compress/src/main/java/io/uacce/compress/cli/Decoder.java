package io.uacce.compress.cli;

import io.uacce.UacceException;
import io.uacce.compress.Mode;
import io.uacce.compress.ZipEngine;
import io.uacce.compress.ZipInflater;
import io.uacce.compress.types.Format;
import io.uacce.compress.types.ZipStatusException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.DataFormatException;

/**
 * gzip -d's reading loop over the public {@link ZipInflater}: the format by its magic bytes (gzip
 * {@code 1F 8B}, zlib CMF/FLG), concatenated gzip members, and what follows the last one — zero
 * padding (accepted; a warning with -v, as gzip) or other trailing data (a warning). When the
 * device reports a data error, the software decoder is asked where the data went wrong, so the
 * message names the fault as precisely as the software path.
 */
final class Decoder {
    /** What came after the last stream. */
    enum Trailer { NONE, ZEROS, GARBAGE }

    /** Outcome of one input. {@code header}: the first gzip member's header (null for zlib). */
    record Result(Format format, GzipHeader header, Trailer trailer, long compressed, long uncompressed, long checksum) {
    }

    /** Bad or truncated compressed data (exit 1); the message is the reason. */
    static final class BadData extends IOException {
        BadData(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** Opens the same input again from its first byte, for the software diagnosis. */
    interface Replay {
        InputStream open() throws IOException;
    }

    private static final int MAX_IDLE = 16;
    /** Input kept for the diagnosis of a device error on an input that cannot be read again. */
    private static final int MAX_RECORDED = 64 << 20;

    private final ZipEngine zip;
    private final boolean passThrough;
    private final byte[] buf = new byte[1 << 18];
    private final byte[] obuf = new byte[1 << 18];
    private InputStream in;
    private int start;
    private int end;
    private boolean eof;
    private long read;
    private ByteArrayOutputStream recorded;

    /** {@code passThrough}: data in no known format is copied unchanged (gzip -cdf). */
    Decoder(ZipEngine zip, boolean passThrough) {
        this.zip = zip;
        this.passThrough = passThrough;
    }

    Result decode(InputStream input, OutputStream out, Replay replay) throws IOException {
        in = input;
        start = end = 0;
        eof = false;
        read = 0;
        recorded = zip.hardware() && replay == null ? new ByteArrayOutputStream() : null;
        try {
            return run(out);
        } catch (DataFormatException | UacceException e) {
            throw new BadData(diagnose(e, replay), e);
        } finally {
            recorded = null;
        }
    }

    private Result run(OutputStream out) throws IOException, DataFormatException {
        fill(2);
        Format format = detect(buf, start, end);
        if (format == null) {
            if (passThrough) {
                long n = 0;
                do {
                    out.write(buf, start, end - start);
                    n += end - start;
                    start = end;
                } while (fill(1));
                return new Result(null, null, Trailer.NONE, n, n, 0);
            }
            throw new BadData(end == start ? "unexpected end of file" : "not in gzip format", null);
        }
        GzipHeader header = null;
        if (format == Format.GZIP) {
            fill(Math.min(buf.length, 1 << 16));
            header = GzipHeader.parse(buf, start, end);
        }
        long produced = 0;
        try (ZipInflater inf = zip.newInflater(format)) {
            while (true) {
                inf.setInput(buf, start, end - start);
                int idle = 0;
                while (true) {
                    int n = inf.inflate(obuf); // first: the engine may hold output with its input used up
                    if (n > 0) {
                        out.write(obuf, 0, n);
                        produced += n;
                        idle = 0;
                    } else if (inf.finished()) {
                        break;
                    } else if (inf.needsInput()) {
                        start = end;
                        if (!fill(1)) {
                            throw new BadData("unexpected end of file", null);
                        }
                        inf.setInput(buf, start, end - start);
                        idle = 0;
                    } else if (++idle > MAX_IDLE) {
                        throw new BadData("invalid compressed data--the stream makes no progress", null);
                    }
                }
                start = end - inf.getRemaining();
                fill(2);
                if (start == end) {
                    return new Result(format, header, Trailer.NONE, read, produced, inf.getChecksum());
                }
                if (format == Format.GZIP && end - start >= 2 && (buf[start] & 0xFF) == 0x1F
                        && (buf[start + 1] & 0xFF) == 0x8B) {
                    inf.reset();
                    continue;
                }
                long member = read - (end - start);
                long sum = inf.getChecksum();
                return new Result(format, header, onlyZeros() ? Trailer.ZEROS : Trailer.GARBAGE, member, produced, sum);
            }
        }
    }

    /** Reads to the end; true when everything left is zero bytes. */
    private boolean onlyZeros() throws IOException {
        boolean zeros = true;
        do {
            for (int i = start; i < end && zeros; i++) {
                zeros = buf[i] == 0;
            }
            start = end;
        } while (zeros && fill(1));
        return zeros;
    }

    /** gzip by {@code 1F 8B}; zlib by CMF (method 8, window ≤ 32 KiB) and the FCHECK of FLG. */
    static Format detect(byte[] b, int off, int end) {
        if (end - off < 2) {
            return null;
        }
        int b0 = b[off] & 0xFF;
        int b1 = b[off + 1] & 0xFF;
        if (b0 == 0x1F && b1 == 0x8B) {
            return Format.GZIP;
        }
        if ((b0 & 0x0F) == 8 && (b0 >> 4) <= 7 && ((b0 << 8) | b1) % 31 == 0) {
            return Format.ZLIB;
        }
        return null;
    }

    /** Makes at least {@code min} bytes available from {@code start} unless the input ends; false at EOF. */
    private boolean fill(int min) throws IOException {
        if (end - start >= min) {
            return true;
        }
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        while (end - start < min && !eof && end < buf.length) {
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                eof = true;
            } else {
                if (recorded != null) {
                    if (recorded.size() + n <= MAX_RECORDED) {
                        recorded.write(buf, end, n);
                    } else {
                        recorded = null;
                    }
                }
                end += n;
                read += n;
            }
        }
        return end > start;
    }

    /** The reason for a data error; a device error asks the software decoder for the fault. */
    private String diagnose(Exception e, Replay replay) {
        ZipStatusException status = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ZipStatusException z) {
                status = z;
            }
        }
        if (!zip.hardware()) {
            return e.getMessage();
        }
        String device = status != null ? String.format("device status 0x%02X", status.status()) : "device error";
        byte[] copy = recorded != null ? recorded.toByteArray() : null;
        if (replay == null && copy == null) {
            return e.getMessage() + " (input too large to keep for the software decoder's diagnosis)";
        }
        try (ZipEngine soft = ZipEngine.builder().mode(Mode.SOFTWARE).build()) {
            if (soft.hardware()) {
                return e.getMessage();
            }
            InputStream again = replay != null ? replay.open() : new java.io.ByteArrayInputStream(copy);
            try (again) {
                new Decoder(soft, false).decode(again, OutputStream.nullOutputStream(), null);
            }
            return e.getMessage() + " (the software decoder accepts this input: report the device status)";
        } catch (BadData b) {
            return b.getMessage() + " (" + device + "; fault located by the software decoder)";
        } catch (IOException | RuntimeException x) {
            return e.getMessage();
        }
    }
}
