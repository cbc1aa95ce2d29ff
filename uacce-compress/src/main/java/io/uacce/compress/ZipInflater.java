package io.uacce.compress;

import io.uacce.compress.engine.Session;
import io.uacce.compress.types.Format;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;

/**
 * Streaming decompressor shaped like {@link java.util.zip.Inflater}. It reads one stream (one
 * gzip member): after {@link #finished()}, {@link #getRemaining()} bytes of input were not used
 * (a following gzip member: {@link #reset()} and set them as input). Not thread-safe; close it.
 */
public final class ZipInflater extends StreamCodec {
    ZipInflater(Format format, Session session) {
        super(format, session);
    }

    /**
     * Decompresses into {@code b[off, off+len)}; returns the bytes written (0: check
     * {@link #needsInput()} and {@link #finished()}).
     *
     * @throws DataFormatException the input is not a valid stream of this format
     */
    public int inflate(byte[] b, int off, int len) throws DataFormatException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        return toInt(run(MemorySegment.ofArray(b).asSlice(off, len)));
    }

    public int inflate(byte[] b) throws DataFormatException {
        return inflate(b, 0, b.length);
    }

    /** Decompresses into the buffer from its position; the position advances. */
    public int inflate(ByteBuffer out) throws DataFormatException {
        int n = toInt(run(MemorySegment.ofBuffer(out)));
        out.position(out.position() + n);
        return n;
    }

    /** Decompresses into the segment from its start; returns bytes written. */
    public long inflate(MemorySegment out) throws DataFormatException {
        return run(out);
    }
}
