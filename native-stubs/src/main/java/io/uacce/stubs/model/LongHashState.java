package io.uacce.stubs.model;

import java.nio.ByteBuffer;
import org.bouncycastle.crypto.ExtendedDigest;
import org.bouncycastle.crypto.digests.EncodableDigest;
import org.bouncycastle.crypto.digests.LongDigest;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.digests.SHA512tDigest;

/**
 * The long-hash chaining value of the model's SEC engine (§S2.5) and its way into and out of the
 * "silicon" (BouncyCastle's digests, through their encoded state). Device format [our choice for
 * the spec's open point]: the H words in the digest's output byte order — big-endian for SHA-1/SHA-2,
 * little-endian for MD5 — the whole internal state: SHA-1 20 bytes, MD5 16, SHA-224/256 32,
 * SHA-384/512 (and /224, /256) 64. BouncyCastle's encoded state (1.7x/1.8x): general digests
 * {@code xBuf[4] xBufOff byteCount(8) H(4 each) ...}, long digests {@code xBuf[8] xBufOff
 * byteCount1(8) byteCount2(8) H(8 each) ...}, all big-endian; only byteCount and H are replaced in
 * the encoded state of a fresh digest, which holds no pending input.
 */
final class LongHashState {
    private LongHashState() {
    }

    private static boolean wide(int aAlg) {
        int a = aAlg & 0x0F;
        return a >= 4 && a <= 7;
    }

    private static int words(int aAlg) {
        return switch (aAlg & 0x0F) {
            case 0 -> 5;
            case 2 -> 4;
            default -> 8;
        };
    }

    /** Bytes of the chaining value in device memory. */
    static int bytes(int aAlg) {
        return words(aAlg) * (wide(aAlg) ? 8 : 4);
    }

    private static int hOffset(int aAlg) {
        return wide(aAlg) ? 28 : 16;
    }

    /** The chaining value of {@code d} (no pending partial block) in the device format. */
    static byte[] of(int aAlg, ExtendedDigest d) {
        ByteBuffer enc = ByteBuffer.wrap(((EncodableDigest) d).getEncodedState());
        ByteBuffer out = ByteBuffer.allocate(bytes(aAlg));
        int at = hOffset(aAlg);
        for (int i = 0; i < words(aAlg); i++) {
            if (wide(aAlg)) {
                out.putLong(enc.getLong(at + 8 * i));
            } else if ((aAlg & 0x0F) == 2) {
                out.putInt(Integer.reverseBytes(enc.getInt(at + 4 * i)));
            } else {
                out.putInt(enc.getInt(at + 4 * i));
            }
        }
        return out.array();
    }

    /** A digest continuing from {@code state} after {@code prior} bytes (whole blocks) were hashed. */
    static ExtendedDigest resume(int aAlg, byte[] state, long prior) {
        ExtendedDigest fresh = (ExtendedDigest) SecEngine.hash(aAlg);
        ByteBuffer enc = ByteBuffer.wrap(((EncodableDigest) fresh).getEncodedState());
        ByteBuffer in = ByteBuffer.wrap(state);
        int at = hOffset(aAlg);
        if (fresh instanceof LongDigest) {
            enc.putLong(12, prior).putLong(20, 0);
        } else {
            enc.putLong(8, prior);
        }
        for (int i = 0; i < words(aAlg); i++) {
            if (wide(aAlg)) {
                enc.putLong(at + 8 * i, in.getLong());
            } else if ((aAlg & 0x0F) == 2) {
                enc.putInt(at + 4 * i, Integer.reverseBytes(in.getInt()));
            } else {
                enc.putInt(at + 4 * i, in.getInt());
            }
        }
        byte[] e = enc.array();
        return switch (aAlg & 0x0F) {
            case 0 -> new SHA1Digest(e);
            case 1 -> new SHA256Digest(e);
            case 2 -> new MD5Digest(e);
            case 3 -> new SHA224Digest(e);
            case 4 -> new SHA384Digest(e);
            case 5 -> new SHA512Digest(e);
            default -> new SHA512tDigest(e);
        };
    }
}
