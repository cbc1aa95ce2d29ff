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
}
