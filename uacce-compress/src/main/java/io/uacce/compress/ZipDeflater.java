package io.uacce.compress;

import io.uacce.compress.engine.Session;
import io.uacce.compress.types.Format;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;

/**
 * Streaming compressor shaped like {@link java.util.zip.Deflater}: setInput, finish, deflate
 * until finished. Output includes the format's header and trailer. Not thread-safe; close it.
 */
public final class ZipDeflater extends StreamCodec {
    ZipDeflater(Format format, Session session) {
        super(format, session);
    }

    /** No input will follow the current one: the next deflate calls end the stream. */
    public void finish() {
        finishRequested = true;
    }

    /** Compresses into {@code b[off, off+len)}; returns the bytes written (0 means: give input). */
    public int deflate(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        return toInt(deflate(MemorySegment.ofArray(b).asSlice(off, len)));
    }

    public int deflate(byte[] b) {
        return deflate(b, 0, b.length);
    }

    /** Compresses into the buffer from its position; the position advances. */
    public int deflate(ByteBuffer out) {
        int n = toInt(deflate(MemorySegment.ofBuffer(out)));
        out.position(out.position() + n);
        return n;
    }

    /** Compresses into the segment from its start; returns bytes written. */
    public long deflate(MemorySegment out) {
        try {
            return run(out);
        } catch (DataFormatException e) {
            throw new IllegalStateException("compression reported a data-format error", e);
        }
    }
}
