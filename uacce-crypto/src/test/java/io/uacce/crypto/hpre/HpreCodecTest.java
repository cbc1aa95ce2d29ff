package io.uacce.crypto.hpre;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.crypto.hpre.HpreOperands.Curve;
import io.uacce.crypto.hpre.HpreOperands.XCurve;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The HPRE SQE and operand formats against the facts stated in the spec (§3). */
class HpreCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private static int dw(byte[] sqe, int n) {
        return ByteBuffer.wrap(sqe).order(ByteOrder.LITTLE_ENDIAN).getInt(4 * n);
    }

    @Test
    void algCodesAndQueueTypes() {
        assertEquals(0x0, HpreAlg.RSA_NCRT.code());
        assertEquals(0x1, HpreAlg.RSA_CRT.code());
        assertEquals(0x5, HpreAlg.DH.code());
        assertEquals(0xD, HpreAlg.ECC_MUL.code());
        assertEquals(0xE, HpreAlg.ECDSA_SIGN.code());
        assertEquals(0xF, HpreAlg.ECDSA_VERIFY.code());
        assertEquals(0x10, HpreAlg.X_DH_MUL.code());
        assertEquals(0x15, HpreAlg.SM2_DECRYPT.code());
        for (HpreAlg a : HpreAlg.values()) {
            assertEquals(a.code() <= 5 ? 0 : 1, a.qcType(), a.name());
            assertEquals(a, HpreAlg.of(a.code()));
        }
        assertNull(HpreAlg.of(0x6));
    }

    @Test
    void requestLayout() {
        byte[] sqe = new byte[HpreSqe.SIZE + 16];
        java.util.Arrays.fill(sqe, (byte) 0x5A);
        // RSA-2048 CRT: task_len1 = 256/8 - 1 = 31 (0x1F)
        HpreSqe.encode(HpreSqe.Request.of(HpreAlg.RSA_CRT, 256, 0x1122334455667788L, 0x0102030405060708L,
                0xA0A1A2A3A4A5A6A7L, 0xCAFEBABE12345678L), sqe, 8);
        ByteBuffer b = ByteBuffer.wrap(sqe, 8, 64).slice().order(ByteOrder.LITTLE_ENDIAN);
        int dw0 = b.getInt(0);
        assertEquals(0x1, dw0 & 0x1F, "alg");
        assertEquals(1, dw0 >>> 30, "done = 1 (TASK_INIT)");
        assertEquals(0, (dw0 >>> 5) & 0x1FFFFFF, "etype/etype1 cleared");
        assertEquals(0x1F, b.getInt(4), "dw1 = task_len1 only");
        assertEquals(0x1122334455667788L, b.getLong(8), "key at dw2-3");
        assertEquals(0x55667788, b.getInt(8), "key low word first");
        assertEquals(0x0102030405060708L, b.getLong(16), "in at dw4-5");
        assertEquals(0xA0A1A2A3A4A5A6A7L, b.getLong(24), "out at dw6-7");
        assertEquals(0xCAFEBABE12345678L, b.getLong(32), "tag at dw8-9");
        for (int i = 40; i < 64; i++) {
            assertEquals(0, b.get(i), "byte " + i);
        }
        assertEquals(0x5A, sqe[7]);
        assertEquals(0x5A, sqe[72], "nothing written past the slot");
    }

    @Test
    void sm2AndHintBits() {
        byte[] s = HpreSqe.encode(new HpreSqe.Request(HpreAlg.SM2_ENCRYPT, 32, 0, 0, 0, 0, true, true, 512));
        assertEquals(0x14, dw(s, 0) & 0x1F);
        assertEquals(3, dw(s, 1) & 0xFF, "ECC hw_size 32 -> task_len1 3");
        assertEquals(1, (dw(s, 1) >>> 25) & 1, "sm2_ksel bit 25");
        assertEquals(1, dw(s, 1) >>> 31, "bd_rsv2 bit 31");
        assertEquals(511, dw(s, 10) & 0x1FF, "sm2_mlen = length - 1");
        assertEquals(8, HpreOperands.taskLen1(72), "P-521/X448 slot 72 -> 8");
        assertEquals(5, HpreOperands.taskLen1(48));
        assertEquals(63, HpreOperands.taskLen1(512), "RSA-4096");
        assertThrows(IllegalArgumentException.class, () -> HpreSqe.Request.of(HpreAlg.RSA_NCRT, 12, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new HpreSqe.Request(HpreAlg.SM2_SIGN, 32, 0, 0, 0, 0, false, false, 513));
    }

    private static byte[] completion(int alg, int done, int etype, int etype1, int dw6) {
        byte[] s = new byte[64];
        ByteBuffer b = ByteBuffer.wrap(s).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, alg | etype << 5 | etype1 << 16 | done << 30);
        b.putInt(24, dw6);
        b.putLong(32, 0x7766554433221100L);
        return s;
    }

    @Test
    void completionDecode() {
        HpreSqe.Completion ok = HpreSqe.decode(completion(0xF, 3, 0, 0, 0b10), 0);
        assertTrue(ok.ok());
        assertTrue(ok.verified(), "verdict in dw6 bit 1");
        assertEquals(0x7766554433221100L, ok.tag());
        assertNull(ok.error());
        HpreSqe.Completion bad = HpreSqe.decode(completion(0xF, 3, 0, 0, 0b01), 0);
        assertTrue(bad.ok());
        assertFalse(bad.verified(), "bit 0 is not the verdict");
        HpreSqe.Completion untouched = HpreSqe.decode(completion(0x0, 1, 0, 0, 0), 0);
        assertFalse(untouched.ok());
        assertTrue(untouched.error().contains("done=1"));
        HpreSqe.Completion err = HpreSqe.decode(completion(0x1, 3, 0x7FF, 0, 0), 0);
        assertEquals(0x7FF, err.etype());
        assertFalse(err.ok());
        assertTrue(err.error().contains("etype 0x7ff"));
        HpreSqe.Completion sva = HpreSqe.decode(completion(0xD, 3, 0, 1 << 5, 0), 0);
        assertEquals(0x20, sva.etype1());
        assertTrue(sva.svaError());
        assertFalse(sva.ok(), "etype1 != 0 fails (UADK)");
        assertNotNull(sva.error());
        HpreSqe.Completion e1 = HpreSqe.decode(completion(0xD, 3, 0, 0x3FFF, 0), 0);
        assertEquals(0x3FFF, e1.etype1(), "14-bit etype1");
        assertEquals(0, e1.etype());
    }

    @Test
    void slotsAreBigEndianRightAligned() {
        assertArrayEquals(HEX.parseHex("00000000000102"), HpreOperands.slot(BigInteger.valueOf(0x102), 7));
        assertEquals(32, HpreOperands.eccSlot(192), "P-192 uses 32-byte slots");
        assertEquals(32, HpreOperands.eccSlot(256));
        assertEquals(48, HpreOperands.eccSlot(384));
        assertEquals(72, HpreOperands.eccSlot(521));
        assertEquals(72, HpreOperands.eccSlot(448));
        BigInteger p521 = BigInteger.TWO.pow(521).subtract(BigInteger.ONE);
        byte[] s = HpreOperands.slot(p521, 72);
        assertEquals(0, s[5]);
        assertEquals(0x01, s[6], "66 significant bytes right-aligned in 72");
        assertEquals(p521, HpreOperands.get(s, 0, 72));
        assertThrows(IllegalArgumentException.class, () -> HpreOperands.slot(BigInteger.TWO.pow(64), 8));
        assertThrows(IllegalArgumentException.class, () -> HpreOperands.slot(BigInteger.ONE.negate(), 8));
    }

    @Test
    void rsaLayouts() {
        BigInteger e = BigInteger.valueOf(65537), n = new BigInteger("c0ffee", 16), d = BigInteger.valueOf(3);
        byte[] pub = HpreOperands.rsaPublicKey(e, n, 8);
        assertArrayEquals(HEX.parseHex("0000000000010001" + "0000000000c0ffee"), pub, "e then n");
        assertArrayEquals(HEX.parseHex("0000000000000003" + "0000000000c0ffee"), HpreOperands.rsaPrivateKey(d, n, 8));
        byte[] crt = HpreOperands.rsaCrtKey(BigInteger.valueOf(1), BigInteger.valueOf(2), BigInteger.valueOf(3),
                BigInteger.valueOf(4), BigInteger.valueOf(5), 16);
        assertArrayEquals(HEX.parseHex("0000000000000001" + "0000000000000002" + "0000000000000003"
                + "0000000000000004" + "0000000000000005"), crt, "dq dp q p qinv, k/2 each");
        assertArrayEquals(HEX.parseHex("0007" + "0017"), HpreOperands.dhKey(BigInteger.valueOf(7),
                BigInteger.valueOf(23), 2), "x then p");
    }

    private static final Curve TOY = new Curve(BigInteger.valueOf(1), BigInteger.valueOf(2), BigInteger.valueOf(3),
            BigInteger.valueOf(4), BigInteger.valueOf(5), BigInteger.valueOf(6));

    private static BigInteger[] slotsOf(byte[] buf, int w) {
        BigInteger[] r = new BigInteger[buf.length / w];
        for (int i = 0; i < r.length; i++) {
            r[i] = HpreOperands.get(buf, i, w);
        }
        return r;
    }

    private static BigInteger[] ints(int... v) {
        BigInteger[] r = new BigInteger[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = BigInteger.valueOf(v[i]);
        }
        return r;
    }

    @Test
    void eccLayouts() {
        // p=1 a=2 b=3 n=4 Gx=5 Gy=6 (labels only), slot 32
        assertArrayEquals(ints(1, 2, 9, 3, 4, 5, 6), slotsOf(HpreOperands.eccPrivateKey(TOY, BigInteger.valueOf(9)), 32),
                "p a d b n Gx Gy: d third");
        assertArrayEquals(ints(1, 2, 9, 3, 4), slotsOf(HpreOperands.eccMulKey(TOY, BigInteger.valueOf(9)), 32));
        assertArrayEquals(ints(1, 2, 3, 4, 5, 6, 7, 8),
                slotsOf(HpreOperands.eccPublicKey(TOY, BigInteger.valueOf(7), BigInteger.valueOf(8)), 32));
        assertArrayEquals(ints(10, 12, 11), slotsOf(HpreOperands.ecdsaVerifyInput(TOY, BigInteger.valueOf(10),
                BigInteger.valueOf(11), BigInteger.valueOf(12)), 32), "verify input e s r (s before r)");
        assertArrayEquals(ints(10, 13), slotsOf(HpreOperands.ecdsaSignInput(TOY, BigInteger.valueOf(10),
                BigInteger.valueOf(13)), 32), "sign input e k");
        assertArrayEquals(ints(21, 22), HpreOperands.ecdsaSignOutput(TOY, HpreOperands.slots(32, ints(21, 22))),
                "sign output r s");
        assertThrows(IllegalArgumentException.class, () -> HpreOperands.eccPrivateKey(TOY, BigInteger.ONE), "d <= 1");
        assertThrows(IllegalArgumentException.class,
                () -> HpreOperands.ecdsaSignInput(TOY, BigInteger.ZERO, BigInteger.ONE), "e = 0");
        assertThrows(IllegalArgumentException.class,
                () -> HpreOperands.ecdsaSignInput(TOY, BigInteger.ONE, BigInteger.ZERO), "k = 0");
    }

    /** RFC 7748 §5 decodeScalar25519 on the little-endian form, written from the RFC. */
    private static BigInteger rfcClamp25519(byte[] k) {
        byte[] c = k.clone();
        c[0] &= (byte) 248;
        c[31] &= 127;
        c[31] |= 64;
        return new BigInteger(1, HpreOperands.reverse(c));
    }

    private static BigInteger rfcClamp448(byte[] k) {
        byte[] c = k.clone();
        c[0] &= (byte) 252;
        c[55] |= (byte) 128;
        return new BigInteger(1, HpreOperands.reverse(c));
    }

    @Test
    void x25519Key() {
        // RFC 7748 §5.2 first test vector scalar
        byte[] k = HEX.parseHex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
        byte[] key = HpreOperands.xKey(XCurve.X25519, k);
        assertEquals(96, key.length, "p a k, 32 bytes each");
        BigInteger[] s = slotsOf(key, 32);
        assertEquals(BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19)), s[0]);
        assertEquals(BigInteger.valueOf(0x01DB41), s[1], "a24 = 121665");
        assertEquals(rfcClamp25519(k), s[2], "clamped, big-endian");
        byte[] all = new byte[32];
        java.util.Arrays.fill(all, (byte) 0xFF);
        assertEquals(rfcClamp25519(all), HpreOperands.get(HpreOperands.xKey(XCurve.X25519, all), 2, 32));
    }

    @Test
    void x448Key() {
        byte[] k = new byte[56];
        java.util.Arrays.fill(k, (byte) 0xFF);
        byte[] key = HpreOperands.xKey(XCurve.X448, k);
        assertEquals(3 * 72, key.length, "72-byte slots");
        BigInteger[] s = slotsOf(key, 72);
        assertEquals(BigInteger.TWO.pow(448).subtract(BigInteger.TWO.pow(224)).subtract(BigInteger.ONE), s[0]);
        assertEquals(BigInteger.valueOf(0x98A9), s[1], "a24 = 39081");
        assertEquals(rfcClamp448(k), s[2]);
        java.util.Arrays.fill(k, (byte) 0);
        assertEquals(rfcClamp448(k), HpreOperands.get(HpreOperands.xKey(XCurve.X448, k), 2, 72));
        assertEquals(BigInteger.TWO.pow(447), rfcClamp448(k));
    }

    @Test
    void xInputAndOutput() {
        byte[] u = HEX.parseHex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c");
        byte[] in = HpreOperands.xInput(XCurve.X25519, u);
        byte[] masked = u.clone();
        masked[31] &= 127;
        assertEquals(new BigInteger(1, HpreOperands.reverse(masked)), new BigInteger(1, in), "top bit masked, BE");
        byte[] out = HpreOperands.slot(new BigInteger(1, HpreOperands.reverse(u)), 32);
        assertArrayEquals(u, HpreOperands.xOutput(XCurve.X25519, out), "output reversed back");
        assertThrows(IllegalArgumentException.class, () -> HpreOperands.xInput(XCurve.X25519, new byte[32]), "u = 0");
        byte[] p = HpreOperands.reverse(HpreOperands.slot(HpreOperands.P25519, 32));
        assertThrows(IllegalArgumentException.class, () -> HpreOperands.xInput(XCurve.X25519, p), "u = p");
        byte[] u448 = new byte[56];
        u448[0] = 5;
        byte[] in448 = HpreOperands.xInput(XCurve.X448, u448);
        assertEquals(72, in448.length);
        assertEquals(5, in448[71], "56 significant bytes right-aligned in 72");
        byte[] p448 = HpreOperands.reverse(HpreOperands.slot(HpreOperands.P448, 56));
        assertThrows(IllegalArgumentException.class, () -> HpreOperands.xInput(XCurve.X448, p448), "u = p");
        assertArrayEquals(u448, HpreOperands.xOutput(XCurve.X448, in448));
    }
}
