package io.uacce.stubs.model;

import java.util.concurrent.ConcurrentHashMap;

/** The stateful streams of one device, by context address. */
final class StreamTable {
    private final ConcurrentHashMap<Long, ZipStream> streams = new ConcurrentHashMap<>();

    /** Starts a stream at {@code ctx}, dropping whatever stream used that context before. */
    ZipStream open(long ctx, ZipStream stream) {
        ZipStream old = streams.put(ctx, stream);
        if (old != null) {
            synchronized (old) {
                old.end();
            }
        }
        return stream;
    }

    ZipStream get(long ctx) {
        return streams.get(ctx);
    }

    /** Ends a finished or failed stream. */
    void close(long ctx, ZipStream stream) {
        if (streams.remove(ctx, stream)) {
            stream.end();
        }
    }

    /** Ends every stream started on a released queue. */
    void closeOwnedBy(ModelQueue queue) {
        streams.forEach((ctx, s) -> {
            if (s.owner == queue) {
                synchronized (s) {
                    close(ctx, s);
                }
            }
        });
    }

    int size() {
        return streams.size();
    }
}
