package io.uacce.compress;

import io.uacce.UacceException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Compresses what is written into the underlying stream, like {@link java.util.zip.GZIPOutputStream}
 * and {@link java.util.zip.DeflaterOutputStream}. {@link #close()} finishes the stream and closes
 * the underlying one; {@link #finish()} only finishes it. Device errors become IOExceptions.
 */
public final class CompressingOutputStream extends FilterOutputStream {
    private final ZipDeflater deflater;
    private final byte[] buffer;
    private boolean finished;
    private boolean closed;

    CompressingOutputStream(OutputStream out, ZipDeflater deflater, int bufferSize) {
        super(out);
        this.deflater = deflater;
        this.buffer = new byte[bufferSize];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        if (finished) {
            throw new IOException("write after finish()");
        }
        if (len == 0) {
            return;
        }
        try {
            deflater.setInput(b, off, len);
            while (!deflater.needsInput()) {
                drainOnce();
            }
        } catch (UacceException e) {
            throw new IOException("compression failed: " + e.getMessage(), e);
        }
    }

    /** Ends the compressed stream (trailer written) without closing the underlying stream. */
    public void finish() throws IOException {
        ensureOpen();
        if (finished) {
            return;
        }
        try {
            deflater.finish();
            while (!deflater.finished()) {
                drainOnce();
            }
        } catch (UacceException e) {
            throw new IOException("compression failed: " + e.getMessage(), e);
        }
        finished = true;
    }

    private void drainOnce() throws IOException {
        int n = deflater.deflate(buffer, 0, buffer.length);
        if (n > 0) {
            out.write(buffer, 0, n);
        }
    }

    /** Flushes the underlying stream (compressed bytes still held by the engine stay there). */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            finish();
        } finally {
            closed = true;
            deflater.close();
            out.close();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
    }
}
