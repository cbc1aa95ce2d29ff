package io.uacce.compress;

import io.uacce.UacceException;
import io.uacce.compress.types.Format;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.DataFormatException;
import java.util.zip.ZipException;

/**
 * Decompresses the underlying stream, like {@link java.util.zip.GZIPInputStream}: gzip input may
 * hold several concatenated members, read as one stream. Malformed, truncated input and data
 * after the end of the stream (other than another gzip member) raise {@link ZipException}.
 */
public final class DecompressingInputStream extends FilterInputStream {
    private final ZipInflater inflater;
    private final Format format;
    private final byte[] buffer;
    private int bufferStart;
    private int bufferEnd;
    private boolean eof;
    private boolean closed;
    private IOException failure;
    private static final int MAX_IDLE = 16;

    DecompressingInputStream(InputStream in, ZipInflater inflater, int bufferSize) {
        super(in);
        this.inflater = inflater;
        this.format = inflater.format();
        this.buffer = new byte[bufferSize];
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        try {
            int idle = 0;
            while (true) {
                if (inflater.finished()) {
                    if (!nextMember()) {
                        return -1;
                    }
                    continue;
                }
                // inflate first: the engine may hold output although its input is used up
                int n = inflater.inflate(b, off, len);
                if (n > 0) {
                    return n;
                }
                if (inflater.finished()) {
                    continue;
                }
                if (inflater.needsInput()) {
                    if (!refill()) {
                        throw new ZipException("truncated " + format.algorithm() + " stream: input ended after "
                                + inflater.getBytesRead() + " bytes of the current "
                                + (format == Format.GZIP ? "member" : "stream") + " before its end");
                    }
                    idle = 0;
                } else if (++idle > MAX_IDLE) {
                    throw new ZipException("the " + format.algorithm() + " stream makes no progress: malformed input");
                }
            }
        } catch (DataFormatException e) {
            ZipException z = new ZipException(e.getMessage());
            z.initCause(e);
            throw fail(z);
        } catch (ZipException e) {
            throw fail(e);
        } catch (UacceException e) {
            throw fail(new IOException("decompression failed: " + e.getMessage(), e));
        }
    }

    /** A failed stream gives its engine session (device memory) back at once. */
    private <T extends IOException> T fail(T e) {
        failure = e;
        inflater.close();
        return e;
    }

    /** After a stream ends: true to continue with the next gzip member, false at clean EOF. */
    private boolean nextMember() throws IOException {
        bufferStart = bufferEnd - inflater.getRemaining();
        if (bufferStart == bufferEnd && !readMore()) {
            return false;
        }
        if (format != Format.GZIP) {
            throw new ZipException("trailing data after the end of the " + format.algorithm() + " stream");
        }
        inflater.reset();
        inflater.setInput(buffer, bufferStart, bufferEnd - bufferStart);
        return true;
    }

    /** The inflater used all its input: read the next chunk and hand it over. */
    private boolean refill() throws IOException {
        if (!readMore()) {
            return false;
        }
        inflater.setInput(buffer, bufferStart, bufferEnd - bufferStart);
        return true;
    }

    private boolean readMore() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        while (n == 0) {
            n = in.read(buffer, 0, buffer.length);
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        bufferStart = 0;
        bufferEnd = n;
        return true;
    }

    @Override
    public int available() throws IOException {
        ensureOpen();
        return inflater.finished() && eof && bufferStart == bufferEnd ? 0 : 1;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] b = new byte[(int) Math.min(n, 8192)];
        long total = 0;
        while (total < n) {
            int r = read(b, 0, (int) Math.min(b.length, n - total));
            if (r < 0) {
                break;
            }
            total += r;
        }
        return total;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            inflater.close();
            in.close();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (failure != null) {
            throw new IOException("the stream failed earlier: " + failure.getMessage(), failure);
        }
    }
}
