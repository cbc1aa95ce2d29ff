package io.uacce.stubs.model;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The model's own reading of a 128-byte SEC BD (spec §2.1 BD2, §2.2 BD3), field by field from the
 * byte maps; unaligned little-endian accesses because BD3 puts 64-bit addresses at 76, 84, 92, 100.
 * Only the completion fields (done_flag, error_type, warning_type, BD3 hac_sva_status) are written.
 */
final class SecBdView {
    static final ValueLayout.OfByte B = ValueLayout.JAVA_BYTE;
    static final ValueLayout.OfShort H = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt W = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong Q = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    final int type;
    final boolean invalid;
    final int scene;
    final int de;
    final int cipher;
    final int auth;
    final int seq;
    final int aiGen;
    /** 1 = no padding (an intermediate long-hash block). */
    final int aPad;
    final int macLenWords;
    final int aKeyLenWords;
    final int aAlg;
    final int cIcvLen;
    final int cWidth;
    final int cKeyLen;
    final int cMode;
    final int cAlg;
    final int ctrMode;
    final long aLen;
    final long cLen;
    final int authSrcOffset;
    final int cipherSrcOffset;
    final long longADataLen;
    final long aIvin;
    final long aKey;
    final long mac;
    final long cIvin;
    final long cKey;
    final long src;
    final long dst;
    final boolean sgl;

    private SecBdView(MemorySegment s) {
        type = s.get(B, 0) & 0xF;
        if (type == 2) {
            int b0 = s.get(B, 0) & 0xFF, b1 = s.get(B, 1) & 0xFF, b5 = s.get(B, 5) & 0xFF;
            cipher = (b0 >>> 4) & 3;
            auth = (b0 >>> 6) & 3;
            seq = b1 & 1;
            de = (b1 >>> 1) & 3;
            scene = (b1 >>> 3) & 0xF;
            sgl = (b1 >>> 7) != 0 || ((s.get(B, 2) >>> 2) & 7) != 0;
            aiGen = b5 & 3;
            aPad = (b5 >>> 2) & 3;
            invalid = (s.get(B, 7) & 0x80) != 0;
            int mka = s.get(W, 8);
            macLenWords = mka & 0x1F;
            aKeyLenWords = (mka >>> 5) & 0x3F;
            aAlg = (mka >>> 11) & 0x3F;
            int ik = s.get(H, 12) & 0xFFFF;
            cIcvLen = ik & 0x3F;
            cWidth = (ik >>> 6) & 7;
            cKeyLen = (ik >>> 9) & 7;
            cMode = (ik >>> 12) & 0xF;
            cAlg = s.get(B, 14) & 0xF;
            ctrMode = 0;
            aLen = s.get(W, 16) & 0xFFFFFFL;
            cLen = s.get(W, 20) & 0xFFFFFFL;
            authSrcOffset = s.get(H, 24) & 0xFFFF;
            cipherSrcOffset = s.get(H, 26) & 0xFFFF;
            longADataLen = s.get(Q, 48);
            aIvin = s.get(Q, 56);
            aKey = s.get(Q, 64);
            mac = s.get(Q, 72);
            cIvin = s.get(Q, 80);
            cKey = s.get(Q, 88);
            src = s.get(Q, 96);
            dst = s.get(Q, 104);
        } else {
            int p = s.get(W, 0);
            invalid = ((p >>> 4) & 1) != 0;
            scene = (p >>> 5) & 0xF;
            de = (p >>> 9) & 3;
            sgl = ((p >>> 11) & 7) != 0 || ((p >>> 14) & 7) != 0 || ((p >>> 17) & 7) != 0;
            int ck = s.get(H, 4) & 0xFFFF;
            cipher = ck & 3;
            cIcvLen = (ck >>> 4) & 0x3F;
            cWidth = (ck >>> 10) & 7;
            cKeyLen = (ck >>> 13) & 7;
            int ma = s.get(B, 6) & 0xFF;
            cMode = ma & 0xF;
            cAlg = ma >>> 4;
            seq = (s.get(B, 7) >>> 6) & 1;
            src = s.get(Q, 16);
            aKey = s.get(Q, 24);
            aIvin = s.get(Q, 32);
            cKey = s.get(Q, 48);
            int amk = s.get(W, 56);
            auth = amk & 3;
            aiGen = (amk >>> 2) & 3;
            macLenWords = (amk >>> 4) & 0x1F;
            aKeyLenWords = (amk >>> 9) & 0x3F;
            aAlg = (amk >>> 15) & 0x3F;
            ctrMode = (amk >>> 25) & 3;
            authSrcOffset = s.get(H, 64) & 0xFFFF;
            cipherSrcOffset = s.get(H, 66) & 0xFFFF;
            aLen = s.get(W, 68) & 0xFFFFFFL;
            cLen = s.get(W, 72) & 0xFFFFFFL;
            dst = s.get(Q, 76);
            mac = s.get(Q, 84);
            cIvin = s.get(Q, 92);
            longADataLen = s.get(Q, 100);
            aPad = s.get(B, 108) & 3;
        }
    }

    static SecBdView of(MemorySegment sqe) {
        return new SecBdView(sqe);
    }

    /** Writes the completion: done = 1, icv, flag, error_type; BD3 also the SVA status byte. */
    static void complete(MemorySegment sqe, int icv, int flag, int error, int svaStatus) {
        int doneFlag = 1 | (icv & 7) << 1 | (flag & 0xF) << 7;
        sqe.set(H, 112, (short) doneFlag);
        sqe.set(B, 114, (byte) error);
        sqe.set(B, 115, (byte) 0);
        if ((sqe.get(B, 0) & 0xF) == 3) {
            sqe.set(B, 121, (byte) svaStatus);
        }
    }
}
