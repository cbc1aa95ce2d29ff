package io.uacce.compress.soft;

import io.uacce.compress.types.Format;
import java.lang.foreign.MemorySegment;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Checksum;

/** The running checksum of a format: Adler-32 for zlib, CRC-32 for gzip, none for raw. */
final class SoftChecksums {
    private final Checksum sum;

    SoftChecksums(Format format) {
        this.sum = switch (format) {
            case ZLIB -> new Adler32();
            case GZIP -> new CRC32();
            case RAW -> null;
        };
    }

    void update(MemorySegment data) {
        if (sum != null && data.byteSize() > 0) {
            sum.update(data.asByteBuffer());
        }
    }

    int value() {
        return sum == null ? 0 : (int) sum.getValue();
    }

    void reset() {
        if (sum != null) {
            sum.reset();
        }
    }
}
