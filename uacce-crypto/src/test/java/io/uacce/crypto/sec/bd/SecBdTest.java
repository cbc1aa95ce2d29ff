package io.uacce.crypto.sec.bd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Byte positions of BD2 and BD3 against the spec's byte maps (§2.1, §2.2), computed by hand. */
class SecBdTest {
    private static final ValueLayout.OfLong Q = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt W = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort H = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private static int u8(MemorySegment s, int off) {
        return s.get(ValueLayout.JAVA_BYTE, off) & 0xFF;
    }

    @Test
    void bd2AeadDecrypt() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(128);
            s.fill((byte) 0x5A); // stale results must be overwritten
            SecRequest r = new SecRequest().aead(false, SecCodes.C_ALG_AES, SecCodes.C_MODE_GCM, 2, 0x1000, 0x2000,
                    20, 100, 0x3000, 0x4000, 0, 0x5000, 16);
            SecBd.of(2).encode(r, s, 0xBEEF);
            assertEquals(0x22, u8(s, 0), "type 2 | cipher decrypt (2 << 4) | auth none");
            assertEquals(0x01 | 0x02 | 0x08, u8(s, 1), "seq 1 (auth then cipher), de 1, scene 1");
            assertEquals(16 | 2 << 9 | 6 << 12, s.get(H, 12) & 0xFFFF, "icv 16, key len AES-256, mode GCM");
            assertEquals(2, u8(s, 14), "c_alg AES");
            assertEquals(20, s.get(W, 16), "a_len = AAD");
            assertEquals(100, s.get(W, 20), "c_len");
            assertEquals(20, s.get(H, 26), "cipher_src_offset = AAD");
            assertEquals((short) 0xBEEF, s.get(H, 40), "16-bit tag at 40");
            assertEquals(0x4000, s.get(Q, 56), "a_ivin");
            assertEquals(0x3000, s.get(Q, 64), "a_key = c_key");
            assertEquals(0x5000, s.get(Q, 72), "mac");
            assertEquals(0x4000, s.get(Q, 80), "c_ivin");
            assertEquals(0x3000, s.get(Q, 88), "c_key");
            assertEquals(0x1000, s.get(Q, 96), "src");
            assertEquals(0x2000, s.get(Q, 104), "dst");
            assertEquals(0, s.get(Q, 112), "completion fields cleared");
        }
    }

    @Test
    void bd3DigestAndUnalignedAddresses() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(128);
            SecRequest r = new SecRequest().digest(SecCodes.A_HMAC | SecCodes.A_SHA256, 8, 0x1122334455667788L, 1000,
                    0x0102030405060708L, 0x3000, 32, 0);
            r.dst = 0x1112131415161718L;
            r.cIvin = 0x2122232425262728L;
            r.longADataLenBits = 0x3132333435363738L;
            SecBd.of(3).encode(r, s, 0x7654321);
            assertEquals(3 | 7 << 5, s.get(W, 0), "type 3, scene 7 (stream) for HMAC, de 0");
            assertEquals(0x7654321L, s.get(Q, 8), "64-bit tag at 8");
            assertEquals(0x1122334455667788L, s.get(Q, 16), "src");
            assertEquals(0x3000, s.get(Q, 24), "a_key");
            assertEquals(1 | 8 << 4 | 8 << 9 | 0x11 << 15, s.get(W, 56), "auth calc, mac 8 words, key 8 words, a_alg 0x11");
            assertEquals(1000, s.get(W, 68), "auth_len");
            assertEquals(0x18, u8(s, 76), "dst low byte at 76 (4-aligned only)");
            assertEquals(0x1112131415161718L, s.get(Q, 76));
            assertEquals(0x0102030405060708L, s.get(Q, 84), "mac at 84");
            assertEquals(0x2122232425262728L, s.get(Q, 92), "c_ivin at 92");
            assertEquals(0x3132333435363738L, s.get(Q, 100), "long_a_data_len at 100");
            s.set(H, 112, (short) (1 | 2 << 1 | 3 << 7));
            s.set(ValueLayout.JAVA_BYTE, 114, (byte) 0x2A);
            s.set(ValueLayout.JAVA_BYTE, 121, (byte) 0x11);
            SecResult out = new SecResult();
            SecBd.of(3).decode(s, out);
            assertTrue(out.done);
            assertEquals(2, out.icv);
            assertEquals(3, out.flag);
            assertEquals(0x2A, out.errorType);
            assertEquals(0x11, out.svaStatus);
            assertEquals(0x7654321, out.tag);
            assertEquals(0x2A | 2 << 8, out.status(3));
        }
    }

    @Test
    void bd3CtrSetsTheRolloverModeAndFieldsAreRangeChecked() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(128);
            SecRequest r = new SecRequest().cipher(true, SecCodes.C_ALG_SM4, SecCodes.C_MODE_CTR, 0, 1, 2, 17, 3, 4);
            SecBd.of(3).encode(r, s, 1);
            assertEquals(2, (s.get(W, 56) >>> 25) & 3, "ctr_count_mode 2");
            assertEquals(SecCodes.C_MODE_CTR | SecCodes.C_ALG_SM4 << 4, u8(s, 6));
            assertEquals(3 | 1 << 5 | 1 << 9, s.get(W, 0) & 0x7FF, "type 3, scene 1, de 1");
            r.cipherLength = 1 << 24;
            assertThrows(IllegalArgumentException.class, () -> SecBd.of(3).encode(r, s, 1));
            assertThrows(IllegalArgumentException.class, () -> SecBd.of(4));
        }
    }

    @Test
    void ccmBlocks() {
        byte[] nonce = new byte[12];
        nonce[0] = 9;
        byte[] c = SecCcm.counterBlock(nonce);
        assertEquals(2, c[0], "L' = q - 1 = 2");
        assertEquals(9, c[1]);
        assertEquals(1, c[15]);
        byte[] b0 = SecCcm.b0(nonce, 16, true, 0x0102);
        assertEquals(0x40 | 7 << 3 | 2, b0[0] & 0xFF);
        assertEquals(1, b0[14]);
        assertEquals(2, b0[15]);
    }
}
