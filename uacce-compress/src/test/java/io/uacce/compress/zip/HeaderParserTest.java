package io.uacce.compress.zip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.compress.types.Format;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class HeaderParserTest {
    private static int feedAll(HeaderParser p, byte[] b, boolean byteByByte) throws DataFormatException {
        MemorySegment s = MemorySegment.ofArray(b);
        int used = 0;
        if (byteByByte) {
            for (int i = 0; i < b.length && !p.done(); i++) {
                used += p.feed(s, i, 1);
            }
        } else {
            used = p.feed(s, 0, b.length);
        }
        return used;
    }

    @Test
    void gzipWithEveryOptionalField() throws Exception {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(new byte[] {0x1F, (byte) 0x8B, 8, 0x1E, 1, 2, 3, 4, 0, 3}); // FHCRC|FEXTRA|FNAME|FCOMMENT
        h.write(new byte[] {3, 0, 'a', 'b', 'c'});
        h.write("name.txt\0".getBytes());
        h.write("comment\0".getBytes());
        CRC32 crc = new CRC32();
        crc.update(h.toByteArray());
        int c = (int) crc.getValue() & 0xFFFF;
        h.write(new byte[] {(byte) c, (byte) (c >> 8)});
        byte[] header = h.toByteArray();
        byte[] withBody = java.util.Arrays.copyOf(header, header.length + 5);
        for (boolean oneByOne : new boolean[] {false, true}) {
            HeaderParser p = new HeaderParser(Format.GZIP);
            assertEquals(header.length, feedAll(p, withBody, oneByOne));
            assertTrue(p.done());
            assertEquals(header.length, p.length());
        }
        header[header.length - 1] ^= 1;
        HeaderParser bad = new HeaderParser(Format.GZIP);
        DataFormatException e = assertThrows(DataFormatException.class, () -> feedAll(bad, header, false));
        assertTrue(e.getMessage().contains("CRC16"), e.getMessage());
    }

    @Test
    void ourOwnHeaderIsTenBytes() throws Exception {
        HeaderParser p = new HeaderParser(Format.GZIP);
        byte[] h = Headers.header(Format.GZIP);
        assertEquals(10, h.length);
        assertEquals(10, feedAll(p, h, false));
        assertTrue(p.done());
        HeaderParser z = new HeaderParser(Format.ZLIB);
        assertEquals(2, feedAll(z, new byte[] {0x78, (byte) 0x9C, 0x55}, false));
        assertTrue(z.done());
        assertTrue(new HeaderParser(Format.RAW).done());
    }

    @Test
    void rejectsBadHeaders() {
        assertThrows(DataFormatException.class, () -> feedAll(new HeaderParser(Format.GZIP), new byte[] {0x1F, (byte) 0x8C}, false));
        assertThrows(DataFormatException.class, () -> feedAll(new HeaderParser(Format.GZIP),
                new byte[] {0x1F, (byte) 0x8B, 7}, false), "method 7");
        assertThrows(DataFormatException.class, () -> feedAll(new HeaderParser(Format.GZIP),
                new byte[] {0x1F, (byte) 0x8B, 8, (byte) 0x80}, false), "reserved flag");
        assertThrows(DataFormatException.class, () -> feedAll(new HeaderParser(Format.ZLIB), new byte[] {0x78, 0x00}, false));
        DataFormatException d = assertThrows(DataFormatException.class,
                () -> feedAll(new HeaderParser(Format.ZLIB), new byte[] {0x78, (byte) 0xBB}, false));
        assertTrue(d.getMessage().contains("dictionary"), d.getMessage());
        HeaderParser partial = new HeaderParser(Format.GZIP);
        assertThrows(DataFormatException.class, () -> feedAll(partial, "PK\3\4".getBytes(), false));
    }

    @Test
    void partialHeaderIsNotDone() throws Exception {
        HeaderParser p = new HeaderParser(Format.GZIP);
        feedAll(p, new byte[] {0x1F, (byte) 0x8B, 8, 0}, false);
        assertFalse(p.done());
    }

    @Test
    void emptyStreamsDecodeWithJavaUtilZip() throws Exception {
        Inflater z = new Inflater();
        z.setInput(Headers.emptyStream(Format.ZLIB));
        assertEquals(0, z.inflate(new byte[10]));
        assertTrue(z.finished(), "zlib empty stream incl. Adler-32 trailer 00 00 00 01");
        z.end();
        Inflater raw = new Inflater(true);
        raw.setInput(Headers.emptyStream(Format.RAW));
        raw.inflate(new byte[10]);
        assertTrue(raw.finished());
        raw.end();
        try (GZIPInputStream g = new GZIPInputStream(new ByteArrayInputStream(Headers.emptyStream(Format.GZIP)))) {
            assertEquals(-1, g.read());
        }
    }
}
