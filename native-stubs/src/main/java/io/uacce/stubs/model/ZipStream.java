package io.uacce.stubs.model;

import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The device-internal state of one stateful stream (what real silicon keeps in the 64 KiB context
 * area): the compressor or decompressor, and the trailer bytes in flight. Keyed by the context
 * address of the SQE. Checksum and isize are NOT kept here: they travel in the SQE (dw30/dw31).
 */
final class ZipStream {
    final ModelQueue owner;
    final boolean compress;
    final ZipFormat format;
    final Deflater deflater;
    final Inflater inflater;
    /** Compression: the deflate data is complete; decompression: the final block was decoded. */
    boolean dataDone;
    /** Compression: trailer bytes still to be written; decompression: trailer bytes collected. */
    byte[] trailer = new byte[0];
    int trailerPos;
    long totalOut;

    ZipStream(ModelQueue owner, boolean compress, ZipFormat format, int level) {
        this.owner = owner;
        this.compress = compress;
        this.format = format;
        this.deflater = compress ? new Deflater(level, true) : null;
        this.inflater = compress ? null : new Inflater(true);
        if (!compress) {
            trailer = new byte[format.trailerLength];
        }
    }

    void end() {
        if (deflater != null) {
            deflater.end();
        }
        if (inflater != null) {
            inflater.end();
        }
    }
}
