package io.uacce.compress.device;

import io.uacce.compress.Format;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.zip.DataFormatException;

/**
 * An asynchronous stateless request. Runs on the reaper when the device completes it: moves the
 * output into place, gives the session back and completes the future. When one request was not
 * enough (0x0E with clamped room, more gzip members) the stream path finishes the job on the
 * common pool, never on the reaper (it would wait for itself).
 */
final class BlockTicket extends Ticket {
    final CompletableFuture<Long> future = new CompletableFuture<>();
    private final DeviceEngine engine;
    private final DeviceSession session;
    private final Format format;
    private final MemorySegment src;
    private final MemorySegment dst;

    BlockTicket(DeviceEngine engine, DeviceSession session, MemorySegment src, MemorySegment dst) {
        this.engine = engine;
        this.session = session;
        this.format = session.format;
        this.src = src;
        this.dst = dst;
    }

    @Override
    boolean async() {
        return true;
    }

    @Override
    void onComplete() {
        RuntimeException error = failure();
        long n;
        try {
            if (error != null) {
                throw error;
            }
            n = session.finishBlock(result);
        } catch (RuntimeException | DataFormatException e) {
            session.close();
            future.completeExceptionally(e);
            return;
        }
        session.close();
        if (n != DeviceSession.FALL_BACK) {
            future.complete(n);
            return;
        }
        boolean compress = session.compress;
        CompletableFuture.runAsync(() -> {
            try {
                future.complete(compress ? engine.compress(format, src, dst) : engine.decompress(format, src, dst));
            } catch (DataFormatException e) {
                future.completeExceptionally(new CompletionException(e));
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        }, ForkJoinPool.commonPool());
    }
}
