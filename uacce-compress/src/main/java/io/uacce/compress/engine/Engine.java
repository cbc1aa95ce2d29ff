package io.uacce.compress.engine;

import io.uacce.compress.types.Format;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.zip.DataFormatException;

/** A provider of compression sessions: java.util.zip or a uacce device. Thread-safe. */
public interface Engine extends AutoCloseable {
    /** For logs and the CLI: which engine, which device. */
    String description();

    /** True for a device engine. */
    boolean hardware();

    /** Whether this engine handles {@code format} (raw deflate needs QM V3+ on the device). */
    boolean supports(Format format);

    /**
     * The executor this engine owns (and shuts down at {@link #close()}) for asynchronous work
     * that does not stay on a device queue. Never the common pool: blocking or spinning work
     * there starves every other user of it.
     */
    Executor executor();

    /** A new stream session; close it when done. */
    Session newSession(Format format, boolean compress);

    /**
     * Compresses the whole of {@code src} into {@code dst}; returns the bytes written.
     *
     * @throws io.uacce.compress.types.OutputTooSmallException when {@code dst} is too small
     */
    default long compress(Format format, MemorySegment src, MemorySegment dst) {
        try (Session s = newSession(format, true)) {
            return OneShot.toSegment(s, format, true, src, dst);
        } catch (DataFormatException e) {
            throw new IllegalStateException("compression reported a data-format error", e);
        }
    }

    /** Decompresses the whole of {@code src} (gzip: every member) into {@code dst}. */
    default long decompress(Format format, MemorySegment src, MemorySegment dst) throws DataFormatException {
        try (Session s = newSession(format, false)) {
            return OneShot.toSegment(s, format, false, src, dst);
        }
    }

    /** Compresses the whole of {@code src} into a new array. */
    default byte[] compress(Format format, MemorySegment src) {
        try (Session s = newSession(format, true)) {
            return OneShot.toArray(s, format, true, src);
        } catch (DataFormatException e) {
            throw new IllegalStateException("compression reported a data-format error", e);
        }
    }

    /** Decompresses the whole of {@code src} (gzip: every member) into a new array. */
    default byte[] decompress(Format format, MemorySegment src) throws DataFormatException {
        try (Session s = newSession(format, false)) {
            return OneShot.toArray(s, format, false, src);
        }
    }

    /**
     * Asynchronous {@link #compress(Format, MemorySegment, MemorySegment)}. This default runs the
     * synchronous call on {@link #executor()}; the device engine keeps the request on the queue instead.
     */
    default CompletableFuture<Long> compressAsync(Format format, MemorySegment src, MemorySegment dst) {
        return CompletableFuture.supplyAsync(() -> compress(format, src, dst), executor());
    }

    /** Asynchronous {@link #decompress(Format, MemorySegment, MemorySegment)}; data errors complete it exceptionally. */
    default CompletableFuture<Long> decompressAsync(Format format, MemorySegment src, MemorySegment dst) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return decompress(format, src, dst);
            } catch (DataFormatException e) {
                throw new CompletionException(e);
            }
        }, executor());
    }

    /** Asynchronous {@link #decompress(Format, MemorySegment)} (output size unknown) on {@link #executor()}. */
    default CompletableFuture<byte[]> decompressAsync(Format format, MemorySegment src) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return decompress(format, src);
            } catch (DataFormatException e) {
                throw new CompletionException(e);
            }
        }, executor());
    }

    @Override
    void close();
}
