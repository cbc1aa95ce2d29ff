package io.uacce.reliability.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.uacce.compress.types.Format;
import io.uacce.compress.types.OutputTooSmallException;
import io.uacce.compress.ZipEngine;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Readable forms of what the fuzzers found (their inputs also sit in the seed corpora, replayed by
 * the fuzz tests in regression mode).
 */
class FoundByFuzzingTest {

    private static ZipEngine engine(boolean device) {
        return device ? FuzzEngines.device() : FuzzEngines.software();
    }

    /**
     * DecompressFuzzTest input "empty-stream-into-exact-destination": an empty stream into a
     * 0-byte destination was refused as "destination too small" (zlib makes no progress with no
     * output room at all). Fixed in OneShot: a full fixed destination is offered a spare byte.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anEmptyStreamDecompressesIntoAnEmptyDestination(boolean device) throws Exception {
        for (Format f : Format.values()) {
            byte[] empty = engine(device).compress(f, new byte[0]);
            try (Arena a = Arena.ofConfined()) {
                MemorySegment src = a.allocate(empty.length);
                MemorySegment.copy(empty, 0, src, ValueLayout.JAVA_BYTE, 0, empty.length);
                assertEquals(0, engine(device).decompress(f, src, a.allocate(0)), f.toString());
            }
        }
    }

    /** Same fix: a stream whose output fills the destination exactly, and one byte too little. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aDestinationOfExactlyTheOutputSizeIsEnough(boolean device) throws Exception {
        byte[] plain = new byte[70_000];
        for (int i = 0; i < plain.length; i++) {
            plain[i] = (byte) (i % 251 ^ i >>> 9);
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Deflater def = new Deflater(9);
        try (DeflaterOutputStream o = new DeflaterOutputStream(b, def)) {
            o.write(plain);
        } finally {
            def.end();
        }
        byte[] z = b.toByteArray();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment src = a.allocate(z.length);
            MemorySegment.copy(z, 0, src, ValueLayout.JAVA_BYTE, 0, z.length);
            MemorySegment dst = a.allocate(plain.length);
            assertEquals(plain.length, engine(device).decompress(Format.ZLIB, src, dst));
            assertArrayEquals(plain, dst.toArray(ValueLayout.JAVA_BYTE));
            assertThrows(OutputTooSmallException.class,
                    () -> engine(device).decompress(Format.ZLIB, src, a.allocate(plain.length - 1)));
        }
    }
}
