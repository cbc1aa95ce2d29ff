package io.uacce.compress.zip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The SQE encoder and decoder, field by field against spec §4.1-4.2. */
class ZipRequestTest {
    private final MemorySegment sqe = Arena.ofAuto().allocate(ZipSqe.SIZE, 64);

    private int dw(int i) {
        return sqe.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 4L * i);
    }

    @Test
    void statelessZlibOnType0() {
        sqe.fill((byte) 0x5A); // the encoder must clear stale bytes of a reused slot
        new ZipRequest().sqeType(SqeType.TYPE0).requestType(RequestType.ZLIB).stateless()
                .source(0x1234_5678_9ABC_DEF0L, 4096).destination(0x0000_7FFF_0000_1000L, 8192).tag(0xCAFE)
                .writeTo(sqe);
        assertEquals(0, dw(0), "consumed cleared");
        assertEquals(0, dw(1), "produced cleared");
        assertEquals(0, dw(3), "status cleared");
        assertEquals(4096, dw(4), "dw4 input_data_length");
        // dw7: bit 27 new stream, bit 26 stream mode 0, bit 25 finish, [31:28] type 0
        assertEquals(0x0A00_0000, dw(7));
        // dw9: request type 0x02, buffer type 0 (flat), window not set on type 0
        assertEquals(0x02, dw(9));
        assertEquals(0xCAFE, dw(13), "type 0 tag in dw13");
        assertEquals(0, dw(26), "type 0 leaves dw26");
        assertEquals(8192, dw(14), "dw14 dest_avail_out");
        assertEquals(0x9ABC_DEF0, dw(18), "source_addr_l");
        assertEquals(0x1234_5678, dw(19), "source_addr_h");
        assertEquals(0x0000_1000, dw(20), "dest_addr_l");
        assertEquals(0x0000_7FFF, dw(21), "dest_addr_h");
        assertEquals(0, dw(22), "no stream context");
        assertEquals(0, dw(23));
        for (int i : new int[] {2, 5, 6, 8, 10, 11, 12, 15, 16, 17, 24, 25, 27, 28, 29, 30, 31}) {
            assertEquals(0, dw(i), "dw" + i + " zero");
        }
    }

    @Test
    void statefulGzipOnType3WithWindowAndCarriedState() {
        ZipRequest r = new ZipRequest().sqeType(SqeType.TYPE3).requestType(RequestType.GZIP)
                .window(WindowSize.W32K).stateful(0x10_0040L, true, false).source(0x2000, 100)
                .destination(0x3000, 300).tag(7);
        r.writeTo(sqe);
        // type 3, new stream, stream mode, no finish
        assertEquals(0x3C00_0000, dw(7));
        assertEquals(0x4003, dw(9), "gzip, flat, window code 4 (32 KiB) in [15:12]");
        assertEquals(7, dw(26), "type 3 tag in dw26");
        assertEquals(0, dw(27), "tag high half 0");
        assertEquals(0, dw(13), "dw13 free on type 3");
        assertEquals(0x10_0040, dw(22), "stream_ctx_addr_l (buffer + 64)");

        // the device answers: results and stream words in the same slot
        ZipSqe.dw(sqe, ZipSqe.DW_CONSUMED, 100);
        ZipSqe.dw(sqe, ZipSqe.DW_PRODUCED, 42);
        ZipSqe.dw(sqe, ZipSqe.DW_STATUS, 0x113);
        ZipSqe.dw(sqe, ZipSqe.DW_CTX0, 0x81);
        ZipSqe.dw(sqe, ZipSqe.DW_CTX1, 0x111);
        ZipSqe.dw(sqe, ZipSqe.DW_CTX2, 0x222);
        ZipSqe.dw(sqe, ZipSqe.DW_ISIZE, 100);
        ZipSqe.dw(sqe, ZipSqe.DW_CHECKSUM, 0xDEAD_BEEF);
        ZipResult res = new ZipResult().readFrom(sqe, SqeType.TYPE3);
        assertEquals(100, res.consumed());
        assertEquals(42, res.produced());
        assertEquals(0x13, res.status());
        assertTrue(res.lastBlock(), "dw3 bit 8");
        assertEquals(1, res.ctxState(), "ctx_st = ctx_dw0[3:0]");
        assertEquals(7, res.tag());
        assertEquals(0x3C00_0000, res.flags());
        assertEquals(0x03, res.requestCode());

        r.carry(res);
        r.stateful(0x10_0040L, false, true).source(0x2100, 50);
        r.writeTo(sqe);
        assertEquals(0x3600_0000, dw(7), "type 3, stream mode, finish, not new");
        assertEquals(0x81, dw(15), "ctx_dw0 carried");
        assertEquals(0x111, dw(28), "ctx_dw1 carried");
        assertEquals(0x222, dw(29), "ctx_dw2 carried");
        assertEquals(100, dw(30), "isize carried");
        assertEquals(0xDEAD_BEEF, dw(31), "checksum carried");

        r.stateful(0x10_0040L, true, true);
        r.writeTo(sqe);
        assertEquals(0, dw(15), "a new stream starts from zero words");
        assertEquals(0, dw(31));
    }

    @Test
    void emptyInputCarriesTheDestinationAsSource() {
        new ZipRequest().stateless().source(0x1111, 0).destination(0x2222, 64).writeTo(sqe);
        assertEquals(0x2222, dw(18));
        assertEquals(0, dw(4));
    }

    @Test
    void limits() {
        ZipRequest r = new ZipRequest();
        assertThrows(IllegalArgumentException.class, () -> r.source(0, ZipSqe.MAX_BUFFER + 1));
        r.destination(0, 1L << 30).writeTo(sqe);
        assertEquals(ZipSqe.MAX_BUFFER, dw(14), "dest_avail_out clamped to 8 MiB");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ZipRequest().sqeType(SqeType.TYPE0).requestType(RequestType.DEFLATE));
        assertTrue(e.getMessage().contains("type 3"), e.getMessage());
        new ZipRequest().sqeType(SqeType.TYPE3).requestType(RequestType.DEFLATE).writeTo(sqe);
        assertEquals(0x01, dw(9) & 0xFF);
    }

    @Test
    void requestTypeCodes() {
        assertEquals(0x01, RequestType.DEFLATE.code());
        assertEquals(0x02, RequestType.ZLIB.code());
        assertEquals(0x03, RequestType.GZIP.code());
        assertEquals(0x04, RequestType.LZ4.code());
        assertEquals(0x43, RequestType.LZ77_ZSTD.code());
        assertEquals(RequestType.GZIP, RequestType.fromCode(3));
        assertEquals(null, RequestType.fromCode(0x55));
        assertEquals(2, WindowSize.W16K.code());
        assertEquals(WindowSize.W24K, WindowSize.parse("24k"));
    }

    @Test
    void statusCodes() {
        assertEquals(ZipStatus.OK, ZipStatus.of(0));
        assertTrue(ZipStatus.of(0x0D).success(), "negative compression is success");
        assertFalse(ZipStatus.of(0x0E).success());
        assertEquals(ZipStatus.CHECKSUM_ERROR, ZipStatus.of(0x10));
        assertTrue(ZipStatus.of(0x13).success());
        assertEquals(ZipStatus.UNKNOWN, ZipStatus.of(0x77));
        String d = ZipStatus.describe(0x10);
        assertTrue(d.contains("0x10") && d.contains("checksum") && d.contains("intact"), d);
        assertTrue(ZipStatus.describe(0x77).contains("0x77"));
    }

    @Test
    void gzipChecksumRepresentation() {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("hello, device".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        int c = (int) crc.getValue();
        int dw31 = GzipChecksum.deviceFromCrc(c);
        assertEquals(Integer.reverse(~dw31), c, "crc = bitrev(~dw31) (spec 4.8)");
        assertEquals(c, GzipChecksum.crcFromDevice(dw31));
        assertEquals(0xFFFF_FFFF, GzipChecksum.deviceFromCrc(0), "empty data");
    }
}
