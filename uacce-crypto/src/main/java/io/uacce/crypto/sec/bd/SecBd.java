package io.uacce.crypto.sec.bd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Writes a {@link SecRequest} into a 128-byte SQ slot as BD2 (spec §2.1, QM V2) or BD3 (§2.2, V3+)
 * and reads the completion. Every byte of the slot is written (the slot holds the previous results).
 * BD3's {@code data_dst_addr}, {@code mac_addr}, {@code c_ivin_addr} and {@code long_a_data_len}
 * straddle 8-byte boundaries and are written with unaligned accesses.
 */
public final class SecBd {
    public static final int SIZE = 128;
    public static final int TYPE2 = 2;
    public static final int TYPE3 = 3;

    private static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final int type;

    private SecBd(int type) {
        this.type = type;
    }

    /** The codec for a BD type: 2 on QM V2 (Kunpeng 920), 3 on V3 and later (UADK's dispatch, §1.2). */
    public static SecBd of(int type) {
        if (type != TYPE2 && type != TYPE3) {
            throw new IllegalArgumentException("SEC BD type must be 2 or 3, got " + type);
        }
        return new SecBd(type);
    }

    public int type() {
        return type;
    }

    private static final SecBd BD2 = new SecBd(TYPE2);
    private static final SecBd BD3 = new SecBd(TYPE3);

    /** The BD type a queue of this QM generation takes: BD2 on V1/V2, BD3 on V3+ (UADK, §1.2). */
    public static int typeFor(io.uacce.qm.QmVersion version) {
        return version == io.uacce.qm.QmVersion.V3 ? TYPE3 : TYPE2;
    }

    /** The shared codec instance of a type (stateless). */
    static SecBd shared(int type) {
        return type == TYPE2 ? BD2 : BD3;
    }

    /** Writes {@code r} with {@code tag} into the slot. */
    public void encode(SecRequest r, MemorySegment sqe, int tag) {
        sqe.asSlice(0, SIZE).fill((byte) 0);
        if (type == TYPE2) {
            encode2(r, sqe, tag);
        } else {
            encode3(r, sqe, tag);
        }
    }

    private static void check(long value, int bits, String field) {
        if (value < 0 || value >= 1L << bits) {
            throw new IllegalArgumentException("SEC BD field " + field + " = " + value + " does not fit " + bits + " bits");
        }
    }

    private static void checkRequest(SecRequest r) {
        check(r.cipher, 2, "cipher");
        check(r.auth, 2, "auth");
        check(r.cAlg, 4, "c_alg");
        check(r.cMode, 4, "c_mode");
        check(r.cKeyLenCode, 3, "c_key_len");
        check(r.icvLen, 6, "c_icv_len");
        check(r.aAlg, 6, "a_alg");
        check(r.macLenWords, 5, "mac_len");
        check(r.aKeyLenWords, 6, "a_key_len");
        check(r.aiGen, 2, "ai_gen");
        check(r.aPad, 2, "a_pad");
        check(r.scene, 4, "scene");
        check(r.de, 2, "de");
        check(r.seq, 1, "seq");
        check(r.ctrMode, 2, "ctr_count_mode");
        check(r.authLength, 24, "a_len");
        check(r.cipherLength, 24, "c_len");
        check(r.authSrcOffset, 16, "auth_src_offset");
        check(r.cipherSrcOffset, 16, "cipher_src_offset");
    }

    private static void encode2(SecRequest r, MemorySegment s, int tag) {
        checkRequest(r);
        int scene = r.scene == 0 && r.auth != 0 && r.cipher == 0 ? SecCodes.SCENE_BLOCK : r.scene;
        s.set(U8, 0, (byte) (TYPE2 | r.cipher << 4 | r.auth << 6));
        s.set(U8, 1, (byte) (r.seq | r.de << 1 | scene << 3));
        s.set(U8, 5, (byte) (r.aiGen | r.aPad << 2));
        s.set(U8, 7, (byte) (r.invalid ? 0x80 : 0));
        s.set(U32, 8, r.macLenWords | r.aKeyLenWords << 5 | r.aAlg << 11);
        s.set(U16, 12, (short) (r.icvLen | r.cKeyLenCode << 9 | r.cMode << 12));
        s.set(U8, 14, (byte) r.cAlg);
        s.set(U32, 16, (int) r.authLength);
        s.set(U32, 20, (int) r.cipherLength);
        s.set(U16, 24, (short) r.authSrcOffset);
        s.set(U16, 26, (short) r.cipherSrcOffset);
        s.set(U16, 40, (short) tag);
        s.set(U64, 48, r.longADataLenBits);
        s.set(U64, 56, r.aIvin);
        s.set(U64, 64, r.aKey);
        s.set(U64, 72, r.mac);
        s.set(U64, 80, r.cIvin);
        s.set(U64, 88, r.cKey);
        s.set(U64, 96, r.src);
        s.set(U64, 104, r.dst);
    }

    private static void encode3(SecRequest r, MemorySegment s, int tag) {
        checkRequest(r);
        int scene = r.scene;
        if (scene == 0 && r.auth != 0 && r.cipher == 0) {
            scene = r.aAlg == SecCodes.A_AES_GMAC ? SecCodes.SCENE_BLOCK : SecCodes.SCENE_STREAM;
        }
        s.set(U32, 0, TYPE3 | (r.invalid ? 1 << 4 : 0) | scene << 5 | r.de << 9);
        s.set(U16, 4, (short) (r.cipher | r.icvLen << 4 | r.cKeyLenCode << 13));
        s.set(U8, 6, (byte) (r.cMode | r.cAlg << 4));
        s.set(U8, 7, (byte) (r.seq << 6));
        s.set(U64, 8, Integer.toUnsignedLong(tag));
        s.set(U64, 16, r.src);
        s.set(U64, 24, r.aKey);
        s.set(U64, 32, r.aIvin);
        s.set(U64, 48, r.cKey);
        s.set(U32, 56, r.auth | r.aiGen << 2 | r.macLenWords << 4 | r.aKeyLenWords << 9 | r.aAlg << 15
                | r.ctrMode << 25);
        s.set(U16, 64, (short) r.authSrcOffset);
        s.set(U16, 66, (short) r.cipherSrcOffset);
        s.set(U32, 68, (int) r.authLength);
        s.set(U32, 72, (int) r.cipherLength);
        s.set(U64, 76, r.dst);
        s.set(U64, 84, r.mac);
        s.set(U64, 92, r.cIvin);
        s.set(U64, 100, r.longADataLenBits);
        s.set(U8, 108, (byte) r.aPad);
    }

    /** Reads the completion fields of the slot into {@code out}. */
    public void decode(MemorySegment sqe, SecResult out) {
        int doneFlag = Short.toUnsignedInt(sqe.get(U16, 112));
        out.type = sqe.get(U8, 0) & 0xF;
        out.done = (doneFlag & 1) != 0;
        out.icv = (doneFlag >>> 1) & 7;
        out.flag = (doneFlag >>> 7) & 0xF;
        out.errorType = sqe.get(U8, 114) & 0xFF;
        out.warningType = sqe.get(U8, 115) & 0xFF;
        if (type == TYPE3) {
            out.svaStatus = sqe.get(U8, 121) & 0xFF;
            out.tag = (int) sqe.get(U64, 8);
        } else {
            out.svaStatus = 0;
            out.tag = Short.toUnsignedInt(sqe.get(U16, 40));
        }
    }
}
