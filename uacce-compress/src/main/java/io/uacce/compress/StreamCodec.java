package io.uacce.compress;

import io.uacce.compress.engine.Session;
import io.uacce.compress.types.Format;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.zip.DataFormatException;

/** What {@link ZipDeflater} and {@link ZipInflater} share: input bookkeeping over a session. */
abstract sealed class StreamCodec implements AutoCloseable permits ZipDeflater, ZipInflater {
    private static final MemorySegment EMPTY = MemorySegment.ofArray(new byte[0]);
    /** Gives the session back when a caller forgets close(): device memory must not leak. */
    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

    final Format format;
    private final Session session;
    private MemorySegment input = EMPTY;
    private long inputPos;
    private ByteBuffer inputBuffer;
    boolean finishRequested;
    private boolean closed;
    private final java.lang.ref.Cleaner.Cleanable cleanable;

    StreamCodec(Format format, Session session) {
        this.format = format;
        this.session = session;
        this.cleanable = CLEANER.register(this, session::close);
    }

    /** Sets input; the array is not copied, so leave it unchanged until {@link #needsInput()}. */
    public void setInput(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        setInput0(MemorySegment.ofArray(b).asSlice(off, len), null);
    }

    public void setInput(byte[] b) {
        setInput(b, 0, b.length);
    }

    /** Sets input from position to limit; the position advances as input is consumed. */
    public void setInput(ByteBuffer b) {
        setInput0(MemorySegment.ofBuffer(b), b);
    }

    /** Sets input; a native segment reaches the device without a copy. */
    public void setInput(MemorySegment s) {
        setInput0(s, null);
    }

    private void setInput0(MemorySegment s, ByteBuffer b) {
        ensureOpen();
        input = s;
        inputPos = 0;
        inputBuffer = b;
    }

    /** True when the input is used up and more must be set (or finish called). */
    public boolean needsInput() {
        return inputPos >= input.byteSize();
    }

    /** Bytes of the current input not consumed yet. */
    public int getRemaining() {
        return (int) Math.min(Integer.MAX_VALUE, input.byteSize() - inputPos);
    }

    /** True when the end of the stream has been reached and every output byte was handed out. */
    public boolean finished() {
        return session.finished();
    }

    /** Uncompressed bytes read (deflater) or compressed bytes read (inflater). */
    public long getBytesRead() {
        return session.totalIn();
    }

    /** Bytes produced. */
    public long getBytesWritten() {
        return session.totalOut();
    }

    /** The format's checksum of the uncompressed data so far: Adler-32 (zlib), CRC-32 (gzip), 0 (raw). */
    public long getChecksum() {
        return session.checksum() & 0xFFFF_FFFFL;
    }

    /** Adler-32 of the uncompressed data so far; only for {@link Format#ZLIB}. */
    public int getAdler() {
        if (format != Format.ZLIB) {
            throw new IllegalStateException("Adler-32 belongs to zlib; this stream is " + format);
        }
        return session.checksum();
    }

    /** CRC-32 of the uncompressed data so far; only for {@link Format#GZIP}. */
    public long getCRC() {
        if (format != Format.GZIP) {
            throw new IllegalStateException("CRC-32 belongs to gzip; this stream is " + format);
        }
        return getChecksum();
    }

    public Format format() {
        return format;
    }

    /** Starts a new stream; input is discarded. */
    public void reset() {
        ensureOpen();
        session.reset();
        input = EMPTY;
        inputPos = 0;
        inputBuffer = null;
        finishRequested = false;
    }

    /** Releases the session (native buffers, device queue share). Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cleanable.clean(); // closes the session exactly once
        }
    }

    /** Same as {@link #close()}, for java.util.zip habits. */
    public void end() {
        close();
    }

    final long run(MemorySegment out) throws DataFormatException {
        ensureOpen();
        session.step(input.asSlice(inputPos), out, finishRequested);
        long c = session.consumed();
        inputPos += c;
        if (inputBuffer != null) {
            inputBuffer.position(inputBuffer.position() + (int) c);
        }
        return session.produced();
    }

    static int toInt(long n) {
        return (int) n;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(getClass().getSimpleName() + " is closed");
        }
    }
}
