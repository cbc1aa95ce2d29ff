package io.uacce.stubs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ModelChecksumsTest {
    @Test
    void runningChecksumsEqualOneShot() {
        byte[] data = ModelZipEngineTest.sample(100_003);
        for (int cut : new int[] {0, 1, 7, 65520, 65521, 65522, 100_000, 100_003}) {
            CRC32 c = new CRC32();
            c.update(data);
            Adler32 a = new Adler32();
            a.update(data);
            int crc = ModelChecksums.crc32(ModelChecksums.crc32(0, ByteBuffer.wrap(Arrays.copyOf(data, cut))),
                    ByteBuffer.wrap(Arrays.copyOfRange(data, cut, data.length)));
            int adler = ModelChecksums.adler32(ModelChecksums.adler32(1, ByteBuffer.wrap(Arrays.copyOf(data, cut))),
                    ByteBuffer.wrap(Arrays.copyOfRange(data, cut, data.length)));
            assertEquals((int) c.getValue(), crc, "crc cut " + cut);
            assertEquals((int) a.getValue(), adler, "adler cut " + cut);
        }
        assertEquals(0x12345678, ModelChecksums.crcFromDw31(ModelChecksums.gzipDw31(0x12345678)));
    }
}
