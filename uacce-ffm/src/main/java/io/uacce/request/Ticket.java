package io.uacce.request;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * The reusable handle of a synchronous request: its result object and its completion state. An
 * engine session keeps one ticket and passes it to every {@link RequestQueue#call}, so a
 * synchronous request allocates nothing. A ticket serves one request at a time.
 *
 * @param <R> the engine's result type
 */
public final class Ticket<R> {
    private final R result;
    /** Written by the completing thread (release), read by the waiter (acquire). */
    private volatile boolean done;
    private RuntimeException failure;
    Thread waiter;
    /** System.nanoTime() of the submit (under the queue's lock): the request's own deadline starts here. */
    long submittedAt;
    /** The JFR event of the request in flight, or null (no recording wants it). */
    DeviceRequestEvent event;
    /** Asynchronous requests: completed with the result, outside every driver lock. */
    final CompletableFuture<R> future;

    public Ticket(R result) {
        this(result, null);
    }

    Ticket(R result, CompletableFuture<R> future) {
        this.result = Objects.requireNonNull(result, "result");
        this.future = future;
    }

    /** The result object {@link RequestCodec#decode} fills. */
    public R result() {
        return result;
    }

    void arm() {
        failure = null;
        done = false;
        waiter = Thread.currentThread();
    }

    boolean done() {
        return done;
    }

    RuntimeException failure() {
        return failure;
    }

    /** Completion: the result is decoded (or {@code error} says why not). No lock is held here. */
    void complete(RuntimeException error) {
        failure = error;
        done = true; // publishes result and failure
        if (future != null) {
            if (error == null) {
                future.complete(result);
            } else {
                future.completeExceptionally(error);
            }
            return;
        }
        Thread w = waiter;
        if (w != null && w != Thread.currentThread()) {
            LockSupport.unpark(w);
        }
    }
}
