package io.uacce.compress.engine;

import java.lang.foreign.MemorySegment;
import java.util.zip.DataFormatException;

/**
 * One compression or decompression stream of one format (one gzip member). Not thread-safe.
 * Output contains the format's header and trailer: compression writes them, decompression
 * checks them.
 */
public interface Session extends AutoCloseable {
    /**
     * Runs the stream over {@code in} (from its start) into {@code out} (from its start). After the
     * call {@link #consumed()} and {@link #produced()} say how much of each was used. Input that
     * is not consumed must be offered again.
     *
     * @param finish compression: no input will follow this one; decompression: ignored
     * @throws DataFormatException decompression met a malformed stream (message says where)
     */
    void step(MemorySegment in, MemorySegment out, boolean finish) throws DataFormatException;

    /** Input bytes consumed by the last step. */
    long consumed();

    /** Output bytes written by the last step. */
    long produced();

    /** The stream is complete: trailer written (compression) or read and verified (decompression). */
    boolean finished();

    /** Adler-32 (zlib) or CRC-32 (gzip) of the uncompressed bytes so far; 0 for raw deflate. */
    int checksum();

    /** Uncompressed (compression) or compressed (decompression) bytes consumed in total. */
    long totalIn();

    /** Bytes produced in total. */
    long totalOut();

    /** Starts a new stream of the same format and direction, keeping the resources. */
    void reset();

    @Override
    void close();
}
