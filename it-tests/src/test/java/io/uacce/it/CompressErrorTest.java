package io.uacce.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.compress.ZipEngine;
import io.uacce.compress.ZipInflater;
import io.uacce.compress.types.Format;
import io.uacce.compress.types.OutputTooSmallException;
import java.io.ByteArrayInputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Device statuses as the public compression API shows them: a one-shot destination too small is
 * an {@link OutputTooSmallException} with positions unchanged; garbage, truncated, corrupt and
 * trailing input are a {@link DataFormatException} (one-shot, ZipInflater) or {@link ZipException}
 * (streams) — never a hang (each under a {@link DeviceZip#NO_HANG} guard) and never a partial
 * result passed off as whole.
 */
@ExtendWith(TargetExtension.class)
class CompressErrorTest {

    @ParameterizedTest
    @EnumSource(Format.class)
    void oneShotIntoATooSmallDestination(Format f, ConformanceTarget t) {
        byte[] data = ZipCorpus.random(5000, 21);
        try (ZipEngine zip = DeviceZip.open(t, f)) {
            assertTimeoutPreemptively(DeviceZip.NO_HANG, () -> {
                ByteBuffer src = ByteBuffer.allocateDirect(data.length).put(data).flip();
                ByteBuffer tiny = ByteBuffer.allocateDirect(64).position(4);
                assertThrows(OutputTooSmallException.class, () -> zip.compress(f, src, tiny), "compress into 60 bytes");
                assertEquals(0, src.position(), "source position unchanged after OutputTooSmallException");
                assertEquals(4, tiny.position(), "destination position unchanged after OutputTooSmallException");

                byte[] theirs = ZipCorpus.jdkCompress(f, data);
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment in = arena.allocate(theirs.length);
                    MemorySegment.copy(MemorySegment.ofArray(theirs), 0, in, 0, theirs.length);
                    MemorySegment small = arena.allocate(data.length - 1);
                    assertThrows(OutputTooSmallException.class, () -> zip.decompress(f, in, small),
                            "decompress " + data.length + " bytes into " + small.byteSize());
                    // the engine is still good afterwards: the same call with room succeeds
                    MemorySegment room = arena.allocate(data.length);
                    assertEquals(data.length, zip.decompress(f, in, room));
                    assertArrayEquals(data, room.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
                }
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void garbageAndEmptyInput(Format f, ConformanceTarget t) {
        byte[] ones = new byte[1000];
        Arrays.fill(ones, (byte) 0xFF); // raw deflate: BTYPE 11 (reserved) in the first byte
        byte[] noise = ZipCorpus.random(4096, 22);
        noise[0] = (byte) 0xFF; // no zlib/gzip header, reserved block type
        try (ZipEngine zip = DeviceZip.open(t, f)) {
            assertTimeoutPreemptively(DeviceZip.NO_HANG, () -> {
                for (byte[] bad : new byte[][] {ones, noise}) {
                    assertThrows(DataFormatException.class, () -> zip.decompress(f, bad), "one-shot garbage");
                    assertInputStreamRejects(zip, f, bad, "garbage");
                    assertInflaterRejects(zip, f, bad, "garbage");
                }
                assertThrows(DataFormatException.class, () -> zip.decompress(f, new byte[0]), "empty input is truncated");
                assertInputStreamRejects(zip, f, new byte[0], "empty input");
                assertInflaterNotFinished(zip, f, new byte[0], 1, "empty input");
            });
        }
    }

    /** Every prefix of a stream (a sample of cut points) is an error, never a shorter result. */
    @ParameterizedTest
    @EnumSource(Format.class)
    void truncatedInput(Format f, ConformanceTarget t) {
        byte[] data = Payloads.text(23, 20_000);
        try (ZipEngine zip = DeviceZip.open(t, f)) {
            byte[] whole = zip.compress(f, data);
            assertTimeoutPreemptively(DeviceZip.NO_HANG, () -> {
                for (int cut = 0; cut < whole.length; cut += cut < 12 ? 1 : Math.max(1, whole.length / 16)) {
                    byte[] part = Arrays.copyOf(whole, cut);
                    String what = f + " cut at " + cut + " of " + whole.length;
                    assertThrows(DataFormatException.class, () -> zip.decompress(f, part), what);
                    assertInputStreamRejects(zip, f, part, what);
                    assertInflaterNotFinished(zip, f, part, data.length, what);
                }
                assertArrayEquals(data, zip.decompress(f, whole), "the whole stream still decodes");
            });
        }
    }

    /**
     * A flipped bit (zlib/gzip: checksums) is reported, or the data come back exact (a bit
     * deflate does not use); the trailer itself must never be accepted wrong.
     */
    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"ZLIB", "GZIP"})
    void corruptInput(Format f, ConformanceTarget t) {
        byte[] data = Payloads.text(24, 30_000);
        try (ZipEngine zip = DeviceZip.open(t, f)) {
            byte[] whole = zip.compress(f, data);
            assertTimeoutPreemptively(DeviceZip.NO_HANG, () -> {
                int caught = 0;
                int tried = 0;
                for (int pos = f.headerLength(); pos < whole.length; pos += Math.max(1, whole.length / 24)) {
                    byte[] bad = whole.clone();
                    bad[pos] ^= 0x10;
                    tried++;
                    try {
                        assertArrayEquals(data, zip.decompress(f, bad), f + ": flip at " + pos + " passed off wrong data");
                    } catch (DataFormatException expected) {
                        caught++;
                    }
                }
                assertTrue(caught >= tried - 2, f + ": only " + caught + " of " + tried + " flipped bits reported");
                byte[] badTrailer = whole.clone();
                badTrailer[whole.length - f.trailerLength()] ^= 1; // first checksum byte
                assertThrows(DataFormatException.class, () -> zip.decompress(f, badTrailer), "wrong checksum");
                assertInputStreamRejects(zip, f, badTrailer, "wrong checksum");
                assertInflaterRejects(zip, f, badTrailer, "wrong checksum");
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void trailingGarbage(Format f, ConformanceTarget t) {
        try (ZipEngine zip = DeviceZip.open(t, f)) {
            byte[] s = ZipCorpus.concat(zip.compress(f, "hello, device".getBytes()), new byte[] {1, 2, 3});
            assertTimeoutPreemptively(DeviceZip.NO_HANG, () -> {
                assertThrows(DataFormatException.class, () -> zip.decompress(f, s), "bytes after the end of the stream");
                assertInputStreamRejects(zip, f, s, "bytes after the end of the stream");
                try (ZipInflater i = zip.newInflater(f)) { // like Inflater: one stream, the rest remains
                    i.setInput(s);
                    byte[] out = new byte[64];
                    int n = 0;
                    for (int step = 0; step < 64 && !i.finished(); step++) {
                        n += i.inflate(out, n, out.length - n);
                    }
                    assertTrue(i.finished(), "ZipInflater ends at the stream's end");
                    assertEquals("hello, device", new String(out, 0, n));
                    assertEquals(3, i.getRemaining(), "the trailing bytes remain, not consumed as data");
                }
            });
        }
    }

    /** The async forms complete exceptionally with the same typed errors. */
    @Test
    void asyncErrorsAreTyped(ConformanceTarget t) throws Exception {
        Format f = Format.GZIP;
        try (ZipEngine zip = DeviceZip.open(t, f); Arena arena = Arena.ofShared()) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> zip.decompressAsync(f,
                    new byte[] {(byte) 0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, (byte) 0xFF, 1, 2})
                    .get(DeviceZip.NO_HANG.toSeconds(), TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof DataFormatException, "cause: " + e.getCause());
            byte[] data = ZipCorpus.random(5000, 25);
            MemorySegment src = arena.allocate(data.length);
            MemorySegment.copy(MemorySegment.ofArray(data), 0, src, 0, data.length);
            ExecutionException small = assertThrows(ExecutionException.class,
                    () -> zip.compressAsync(f, src, arena.allocate(64)).get(DeviceZip.NO_HANG.toSeconds(), TimeUnit.SECONDS));
            assertTrue(small.getCause() instanceof OutputTooSmallException, "cause: " + small.getCause());
        }
    }

    /** The InputStream wrapper rejects {@code bad} with a ZipException that says why. */
    private static void assertInputStreamRejects(ZipEngine zip, Format f, byte[] bad, String what) {
        ZipException z = assertThrows(ZipException.class,
                () -> zip.decompressingStream(f, new ByteArrayInputStream(bad)).readAllBytes(), "input stream: " + what);
        assertTrue(z.getMessage() != null && !z.getMessage().isBlank(), "the ZipException says why: " + what);
    }

    /** ZipInflater rejects {@code bad} with a DataFormatException (a stall fails the test instead). */
    private static void assertInflaterRejects(ZipEngine zip, Format f, byte[] bad, String what) {
        assertThrows(DataFormatException.class,
                () -> CompressRoundTripTest.inflate(zip, f, bad, 1000, 4096), "ZipInflater: " + what);
    }

    /** A truncated stream never makes a ZipInflater say finished, whatever it handed out so far. */
    private static void assertInflaterNotFinished(ZipEngine zip, Format f, byte[] part, int whole, String what) {
        try (ZipInflater i = zip.newInflater(f)) {
            i.setInput(part);
            byte[] out = new byte[whole + 1];
            int n = 0;
            try {
                for (int step = 0; step < 64 && !i.finished(); step++) {
                    n += i.inflate(out, n, out.length - n);
                }
            } catch (DataFormatException expected) {
                return;
            }
            assertFalse(i.finished(), "ZipInflater says finished on a truncated stream (" + n + " bytes out): " + what);
        }
    }
}
