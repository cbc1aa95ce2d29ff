package io.uacce.crypto.hpre.sqe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.security.AlgorithmParameters;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The HPRE SQE codec against the worked facts of the HPRE spec §3. */
class HpreCodecTest {
    static final ValueLayout.OfInt DW = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final HexFormat HEX = HexFormat.of();

    @Test
    void encodeWritesTheSpecWords() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment sqe = a.allocate(64);
            sqe.fill((byte) 0x5A); // the previous request's results must not survive
            HpreRequest r = new HpreRequest().set(HpreAlg.RSA_CRT, 256, 0x1122_3344_5566_7788L, 0xAABB_CCDD_0000_1000L,
                    0x0000_7FFF_0000_2000L);
            HpreCodec.INSTANCE.encode(r, sqe, 0xCAFE);
            assertEquals(0x1 | 1 << 30, sqe.get(DW, 0), "alg 1, done = 1 (TASK_INIT), etype 0");
            assertEquals(31, sqe.get(DW, 4), "RSA-2048: task_len1 = 256/8 - 1 = 0x1F");
            assertEquals(0x5566_7788, sqe.get(DW, 8));
            assertEquals(0x1122_3344, sqe.get(DW, 12));
            assertEquals(0x0000_1000, sqe.get(DW, 16));
            assertEquals(0xAABB_CCDD, sqe.get(DW, 20));
            assertEquals(0x0000_2000, sqe.get(DW, 24));
            assertEquals(0x0000_7FFF, sqe.get(DW, 28));
            assertEquals(0xCAFE, sqe.get(DW, 32), "tag in dw8");
            for (int dw = 9; dw < 16; dw++) {
                assertEquals(0, sqe.get(DW, 4L * dw), "dw" + dw);
            }
            r.set(HpreAlg.SM2_ENCRYPT, 32, 1, 2, 3);
            r.sm2HardwareK = true;
            r.highPerformanceCore = true;
            r.sm2MessageLength = 512;
            HpreCodec.INSTANCE.encode(r, sqe, 7);
            assertEquals(0x14 | 1 << 30, sqe.get(DW, 0));
            assertEquals(3 | 1 << 25 | 1 << 31, sqe.get(DW, 4), "hw_size 32 -> 3; sm2_ksel bit 25; bd_rsv2 bit 31");
            assertEquals(511, sqe.get(DW, 40), "sm2_mlen = length - 1");
        }
    }

    @Test
    void decodeReadsDoneEtypesAndTheVerdict() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment sqe = a.allocate(64);
            HpreRequest r = new HpreRequest().set(HpreAlg.ECDSA_VERIFY, 48, 1, 2, 0);
            HpreCodec.INSTANCE.encode(r, sqe, 9);
            HpreResult res = new HpreResult();
            HpreCodec.INSTANCE.decode(sqe, res);
            assertEquals(1, res.done);
            assertFalse(res.ok(), "done = 1: the device never touched it");
            assertTrue((res.status() & 1 << 25) != 0);
            sqe.set(DW, 0, 0xF | 3 << 30);
            sqe.set(DW, 24, 2);
            HpreCodec.INSTANCE.decode(sqe, res);
            assertTrue(res.ok());
            assertTrue(res.verdict, "dw6 bit 1");
            assertEquals(0, res.status());
            assertEquals(9, res.tag);
            sqe.set(DW, 0, 0xF | 0x2A << 5 | 3 << 30);
            sqe.set(DW, 24, 0);
            HpreCodec.INSTANCE.decode(sqe, res);
            assertEquals(0x2A, res.etype);
            assertFalse(res.verdict);
            assertFalse(HpreCodec.INSTANCE.statusTable().success(res.status()));
            sqe.set(DW, 0, 0xF | (1 << 5) << 16 | 3 << 30);
            HpreCodec.INSTANCE.decode(sqe, res);
            assertEquals(32, res.etype1);
            assertFalse(res.ok(), "UADK also requires etype1 = 0");
            assertTrue(HpreCodec.INSTANCE.statusTable().describe(res.status()).contains("SVA"));
        }
    }

    @Test
    void sizesAndQueueTypes() throws Exception {
        assertEquals(32, HpreOperands.eccSlot(192), "P-192 uses 32-byte slots");
        assertEquals(32, HpreOperands.eccSlot(256));
        assertEquals(48, HpreOperands.eccSlot(384));
        assertEquals(72, HpreOperands.eccSlot(521), "P-521: 72-byte slots, 66 significant bytes");
        assertEquals(72, HpreOperands.eccSlot(448));
        assertEquals(8, HpreCodec.taskLen(72));
        assertThrows(IllegalArgumentException.class, () -> HpreCodec.taskLen(20));
        assertEquals(0, HpreAlg.queueType(HpreAlg.DH));
        assertEquals(1, HpreAlg.queueType(HpreAlg.X_DH_MULTIPLY));
        assertThrows(IllegalArgumentException.class, () -> HpreAlg.queueType(0x7));
        assertEquals(0, HpreCodec.RSA_DH_QUEUE.qcType());
        assertEquals(1, HpreCodec.ECC_QUEUE.qcType());
    }

    @Test
    void operandsAreBigEndianRightAlignedInKeyOrder() throws Exception {
        assertEquals("00000000000102", HEX.formatHex(HpreOperands.slot(BigInteger.valueOf(0x0102), 7)));
        assertThrows(IllegalArgumentException.class, () -> HpreOperands.slot(BigInteger.ONE.shiftLeft(64), 8));
        byte[] crt = HpreOperands.rsaCrtKey(BigInteger.valueOf(1), BigInteger.valueOf(2), BigInteger.valueOf(3),
                BigInteger.valueOf(4), BigInteger.valueOf(5), 16);
        assertEquals("0000000000000002" + "0000000000000001" + "0000000000000004" + "0000000000000003"
                + "0000000000000005", HEX.formatHex(crt), "dq dp q p qinv");
        AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
        ap.init(new ECGenParameterSpec("secp521r1"));
        EcCurve c = EcCurve.of(ap.getParameterSpec(ECParameterSpec.class));
        BigInteger d = BigInteger.valueOf(0x77);
        byte[] priv = HpreOperands.eccPrivateKey(c, d);
        assertEquals(7 * 72, priv.length);
        assertEquals(d, HpreOperands.read(priv, 72, 2), "d is the third slot");
        assertEquals(c.n(), HpreOperands.read(priv, 72, 4));
        assertEquals(0, priv[0], "521-bit p right-aligned: 6 zero bytes first");
        assertEquals(1, priv[6]);
        byte[] pub = HpreOperands.eccPublicKey(c, BigInteger.TEN, BigInteger.TWO);
        assertEquals(8 * 72, pub.length);
        assertEquals(c.b(), HpreOperands.read(pub, 72, 2));
        assertEquals(BigInteger.TWO, HpreOperands.read(pub, 72, 7));
        byte[] in = HpreOperands.verifyInput(c, BigInteger.ONE, BigInteger.TWO, BigInteger.TEN);
        assertEquals(BigInteger.TEN, HpreOperands.read(in, 72, 1), "s before r");
        assertEquals(BigInteger.TWO, HpreOperands.read(in, 72, 2));
    }

    @Test
    void x25519AndX448KeysFollowSection34() {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) 0xFF);
        byte[] key = HpreOperands.xKey(false, k);
        assertEquals(96, key.length);
        assertEquals(HpreOperands.X25519_P, HpreOperands.read(key, 32, 0));
        assertEquals(BigInteger.valueOf(0x01DB41), HpreOperands.read(key, 32, 1), "a24 121665 = 0x01DB41");
        // big-endian form: k[31] &= 248; k[0] &= 127; k[0] |= 64
        assertEquals((byte) 0x7F, key[64]);
        assertEquals((byte) 0xF8, key[95]);
        byte[] key448 = HpreOperands.xKey(true, new byte[56]);
        assertEquals(216, key448.length);
        assertEquals(BigInteger.valueOf(0x98A9), HpreOperands.read(key448, 72, 1), "a24 39081 = 0x98A9");
        assertEquals((byte) 0x80, key448[144 + 16], "k[0] |= 128 at the slot offset (16 zero bytes first)");
        byte[] u = new byte[32];
        u[0] = 9;
        u[31] = (byte) 0x80;
        byte[] in = HpreOperands.xInput(false, u);
        assertEquals(9, in[31]);
        assertEquals(0, in[0], "X25519 masks the top bit of u");
        assertArrayEquals(new byte[] {9, 0, 0, 0}, java.util.Arrays.copyOf(HpreOperands.xOutput(false, in), 4));
        assertEquals(56, HpreOperands.xOutput(true, new byte[72]).length);
    }
}
