package io.uacce.compress.engine;

import io.uacce.compress.types.Format;
import io.uacce.compress.types.OutputTooSmallException;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.zip.DataFormatException;

/**
 * Runs a session over a whole input: the one-shot calls of the public API. Decompression reads
 * concatenated gzip members; anything after the end of the stream that is not another gzip
 * member, and a stream that stops before its end, are data-format errors.
 */
public final class OneShot {
    private static final int MAX_IDLE_STEPS = 4;

    private OneShot() {
    }

    /** Whole {@code src} into {@code dst}; returns bytes written. */
    public static long toSegment(Session s, Format format, boolean compress, MemorySegment src, MemorySegment dst)
            throws DataFormatException {
        Output out = new Output(dst);
        run(s, format, compress, src, out);
        return out.position;
    }

    /** Whole {@code src} into a new array of exactly the result's length. */
    public static byte[] toArray(Session s, Format format, boolean compress, MemorySegment src)
            throws DataFormatException {
        long guess = compress ? src.byteSize() / 2 + 64 : src.byteSize() * 4 + 64;
        Output out = new Output((int) Math.min(guess, 1 << 26));
        run(s, format, compress, src, out);
        return Arrays.copyOf(out.array, (int) out.position);
    }

    private static void run(Session s, Format format, boolean compress, MemorySegment src, Output out)
            throws DataFormatException {
        long inPos = 0;
        int idle = 0;
        long size = src.byteSize();
        while (true) {
            MemorySegment room = out.room();
            s.step(src.asSlice(inPos), room, compress);
            inPos += s.consumed();
            if (room == Output.SPARE && s.produced() > 0) {
                out.grow(compress, size); // a full fixed destination and more output: too small
            }
            out.position += s.produced();
            if (s.finished()) {
                if (inPos == size) {
                    return;
                }
                if (!compress && format == Format.GZIP) {
                    s.reset(); // the next gzip member
                    continue;
                }
                throw new DataFormatException((size - inPos) + " bytes of trailing data after the end of the "
                        + format.algorithm() + " stream at input offset " + inPos);
            }
            if (s.consumed() != 0 || s.produced() != 0) {
                idle = 0;
                continue;
            }
            if (out.remaining() == 0 && out.fixed == null) {
                out.grow(compress, size);
            } else if (!compress && inPos == size) {
                // (a full fixed destination was offered SPARE: no output was pending)
                throw new DataFormatException("truncated " + format.algorithm() + " stream: input ended after "
                        + size + " bytes before the end of the stream");
            } else if (++idle > MAX_IDLE_STEPS && out.remaining() == 0) {
                out.grow(compress, size);
            } else if (idle > MAX_IDLE_STEPS) {
                throw new DataFormatException("the " + format.algorithm() + " stream makes no progress at input offset "
                        + inPos + " (" + (size - inPos) + " bytes left): malformed input");
            }
        }
    }

    private static final class Output {
        /**
         * Offered when a fixed destination is full: zlib makes no progress with no room at all,
         * so a stream whose end (or all of whose output, e.g. an empty stream) fits exactly
         * would otherwise be reported as too small. Output written here means it was too small.
         */
        static final MemorySegment SPARE = MemorySegment.ofArray(new byte[1]);

        final MemorySegment fixed;
        byte[] array;
        long position;

        Output(MemorySegment fixed) {
            this.fixed = fixed;
        }

        Output(int initial) {
            this.fixed = null;
            this.array = new byte[Math.max(initial, 64)];
        }

        MemorySegment room() {
            if (fixed != null) {
                return position == fixed.byteSize() ? SPARE : fixed.asSlice(position);
            }
            return MemorySegment.ofArray(array).asSlice(position);
        }

        long remaining() {
            return fixed != null ? fixed.byteSize() - position : array.length - position;
        }

        void grow(boolean compress, long inputSize) {
            if (fixed != null) {
                throw new OutputTooSmallException("the destination holds " + fixed.byteSize() + " bytes, too few for the "
                        + (compress ? "compressed" : "decompressed") + " result of " + inputSize + " input bytes");
            }
            if (array.length >= Integer.MAX_VALUE - 8) {
                throw new OutOfMemoryError("result larger than the largest Java array; use the stream or segment API");
            }
            array = Arrays.copyOf(array, (int) Math.min((long) array.length * 2, Integer.MAX_VALUE - 8));
        }
    }
}
