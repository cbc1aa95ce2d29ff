package io.uacce.compress.zip;

import io.uacce.request.RequestCodec;
import io.uacce.request.StatusTable;
import java.lang.foreign.MemorySegment;

/**
 * The ZIP engine's half of the request layer: a {@link ZipRequest} goes into the 128-byte SQE
 * (spec §4.1), the completion comes back as a {@link ZipResult} (§4.5), statuses per §4.6.
 */
public final class ZipCodec implements RequestCodec<ZipRequest, ZipResult> {
    /** One instance serves every queue (it has no state). */
    public static final ZipCodec INSTANCE = new ZipCodec();

    private static final StatusTable STATUSES = new StatusTable() {
        @Override
        public boolean success(int status) {
            return ZipStatus.of(status).success();
        }

        @Override
        public String describe(int status) {
            return ZipStatus.describe(status);
        }
    };

    private ZipCodec() {
    }

    @Override
    public void encode(ZipRequest request, MemorySegment sqe, int tag) {
        request.tag(tag).writeTo(sqe);
    }

    @Override
    public void decode(MemorySegment sqe, ZipResult result) {
        result.readFrom(sqe, result.sqeType());
    }

    @Override
    public int status(ZipResult result) {
        return result.status();
    }

    @Override
    public StatusTable statusTable() {
        return STATUSES;
    }

    @Override
    public long bytesIn(ZipRequest request) {
        return request.inputLength();
    }

    @Override
    public long bytesOut(ZipResult result) {
        return Integer.toUnsignedLong(result.produced());
    }
}
