package io.uacce.crypto.sec.bd;

import io.uacce.request.QueueType;
import io.uacce.request.RequestCodec;
import io.uacce.request.StatusTable;
import java.lang.foreign.MemorySegment;

/**
 * The SEC engine's part of the request layer (docs/request.md): writes a {@link SecRequest} as the
 * BD type it names and reads the completion into a {@link SecResult}. Stateless and
 * allocation-free. Queues: every device offering "cipher", "digest" or "aead", qc_type 0 (§1).
 */
public final class SecCodec implements RequestCodec<SecRequest, SecResult> {
    public static final SecCodec INSTANCE = new SecCodec();
    /** The queue type of SEC pools: any SEC device, SET_QP_CTX qc_type always 0. */
    public static final QueueType QUEUE_TYPE = new QueueType(java.util.List.of("cipher", "digest", "aead"), 0, "sec");

    private static final StatusTable STATUS = new StatusTable() {
        @Override
        public String describe(int status) {
            if (status == 0) {
                return "SEC completion OK";
            }
            StringBuilder sb = new StringBuilder("SEC completion failed:");
            if ((status & 0xFF) != 0) {
                sb.append(" error_type 0x").append(Integer.toHexString(status & 0xFF))
                        .append(" (no public table of SEC error types; see the request's lengths, key codes, addresses)");
            }
            if ((status & 0x200) != 0) {
                sb.append(" ICV check failed (tag mismatch)");
            }
            if ((status & 0x1000) != 0) {
                sb.append(" done bit not set (the device did not execute the BD)");
            }
            if ((status & 0x2000) != 0) {
                sb.append(" wrong BD type returned");
            }
            return sb.toString();
        }
    };

    private SecCodec() {
    }

    @Override
    public void encode(SecRequest request, MemorySegment sqe, int tag) {
        SecBd.shared(request.bdType).encode(request, sqe, tag);
    }

    @Override
    public void decode(MemorySegment sqe, SecResult result) {
        SecBd.shared(result.expectedType).decode(sqe, result);
    }

    @Override
    public int status(SecResult result) {
        return result.status();
    }

    @Override
    public StatusTable statusTable() {
        return STATUS;
    }

    /**
     * The operand bytes the BD gives the device (JFR): cipher, the text; digest or MAC, the message;
     * AEAD, AAD and text, and on decryption the tag to verify. Keys and IVs are not counted; an
     * invalid BD (the device does nothing) counts 0.
     */
    @Override
    public long bytesIn(SecRequest r) {
        if (r.invalid) {
            return 0;
        }
        if (aead(r)) {
            return r.authLength + r.cipherLength + (r.cipher == SecCodes.CIPHER_DECRYPT ? r.icvLen : 0);
        }
        return r.cipher != 0 ? r.cipherLength : r.auth != 0 ? r.authLength : 0;
    }

    /**
     * The result bytes of a successful BD (JFR; the device reports no lengths): cipher, the text;
     * digest or MAC, its length (the chaining value for an intermediate long-hash block); AEAD, the
     * text, and on encryption the tag.
     */
    @Override
    public long resultBytes(SecRequest r) {
        if (r.invalid) {
            return 0;
        }
        if (aead(r)) {
            return r.cipherLength + (r.cipher == SecCodes.CIPHER_ENCRYPT ? r.icvLen : 0);
        }
        return r.cipher != 0 ? r.cipherLength : r.auth != 0 ? macBytes(r) : 0;
    }

    private static boolean aead(SecRequest r) {
        return r.cipher != 0 && (r.cMode == SecCodes.C_MODE_CCM || r.cMode == SecCodes.C_MODE_GCM);
    }

    /** mac_len in bytes; 0 words = the algorithm's full length (spec §2.4). */
    private static long macBytes(SecRequest r) {
        if (r.macLenWords != 0) {
            return 4L * r.macLenWords;
        }
        return switch (r.aAlg & ~SecCodes.A_HMAC) {
            case SecCodes.A_SHA1 -> 20;
            case SecCodes.A_MD5 -> 16;
            case SecCodes.A_SHA224, SecCodes.A_SHA512_224 -> 28;
            case SecCodes.A_SHA384 -> 48;
            case SecCodes.A_SHA512 -> 64;
            case SecCodes.A_SHA256, SecCodes.A_SHA512_256, SecCodes.A_SM3, SecCodes.A_HMAC_SM3 -> 32; // 0x25/0x26: no 0x10 bit
            default -> 16; // AES-XCBC-PRF, CMAC, GMAC
        };
    }
}
