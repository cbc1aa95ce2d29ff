package io.uacce.crypto.internal;

import io.uacce.Uacce;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.request.QueueType;
import io.uacce.request.RequestCodec;
import io.uacce.request.RequestCounters;
import io.uacce.request.RequestPool;
import io.uacce.request.RequestSettings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine's way to its devices for one provider instance and one queue type: the request pool,
 * opened at the first device use (on the provider's host), and the known-answer self-tests, each
 * run once before the first real request it guards. A host without such a device, or a pool that
 * fails to open, makes the link unavailable for good (logged once): AUTO then stays in software,
 * HARDWARE refuses. Shared by the SEC and HPRE device paths. Thread-safe.
 *
 * @param <Q> the engine's request type
 * @param <R> the engine's result type
 */
public final class DeviceLink<Q, R> {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceLink.class);
    private final ProviderContext context;
    private final String engine;
    private final QueueType type;
    private final RequestCodec<Q, R> codec;
    private volatile RequestPool<Q, R> pool;
    /** The pool once opened, kept after the provider's close for its counters. */
    private volatile RequestPool<Q, R> opened;
    private final EngineCounters counters;
    private volatile boolean unavailable;
    private volatile String why = "not opened yet";
    private final Map<Object, Boolean> selfTests = new ConcurrentHashMap<>();

    /**
     * @param engine for logs and messages ("SEC", "HPRE")
     * @param type   the queues the link opens
     */
    public DeviceLink(ProviderContext context, String engine, QueueType type, RequestCodec<Q, R> codec) {
        this.context = context;
        this.engine = engine;
        this.type = type;
        this.codec = codec;
        this.counters = context.devices().engine(engine);
        counters.pool(() -> opened);
    }

    /** True in HARDWARE mode: a request the device does not run is an error, never software. */
    public boolean hardware() {
        return context.mode() == CryptoMode.HARDWARE;
    }

    public QueueType type() {
        return type;
    }

    /** The request pool, opened at the first call; null when the host has no usable device for the type. */
    public RequestPool<Q, R> pool() {
        RequestPool<Q, R> p = pool;
        if (p != null || unavailable) {
            return p;
        }
        synchronized (this) {
            if (pool == null && !unavailable) {
                try {
                    Uacce host = context.host().get();
                    RequestPool<Q, R> opened = RequestPool.open(host, type, codec, RequestSettings
                            .fromSystemProperties("uacce.crypto").withTimeoutMillis(context.settings().timeoutMillis()));
                    if (!context.devices().register(() -> release(opened))) { // the provider was closed
                        opened.close();
                        unavailable = true;
                        why = "the provider is closed";
                        return null;
                    }
                    pool = opened;
                    this.opened = opened;
                    LOG.info("UACCE provider: {} device {} in use for {} queues", engine, pool.device().name(),
                            type.label());
                } catch (RuntimeException e) { // AUTO never fails for want of a device
                    unavailable = true;
                    why = e.getMessage();
                    LOG.info("UACCE provider: no usable {} device for {} queues ({}); those algorithms run in software",
                            engine, type.label(), e.getMessage());
                }
            }
            return pool;
        }
    }

    /** The pool opened so far, without opening one; null before the first use or after the provider's close(). */
    public RequestPool<Q, R> current() {
        return pool;
    }

    /** The provider was closed: no more device use; requests in flight finish or fail into software. */
    private void release(RequestPool<Q, R> p) {
        synchronized (this) {
            unavailable = true;
            why = "the provider is closed";
            pool = null;
        }
        p.close();
    }

    /**
     * Counts one device request without a completion to read: a known-answer one, a success (no bytes)
     * or a failure (no queue now).
     */
    public void count(boolean selfTest, boolean ok) {
        if (selfTest) {
            counters.selfTest();
        } else if (ok) {
            counters.done(0, 0);
        } else {
            counters.failed(null);
        }
    }

    /**
     * Counts one completed device request: a known-answer one; a success ({@code ok}; its operand and
     * result bytes as the codec reports them for JFR); else an error completion under its device status.
     * Allocation-free on success.
     */
    public void completed(boolean selfTest, Q request, R result, boolean ok) {
        if (selfTest) {
            counters.selfTest();
        } else if (ok) {
            long out = codec.resultBytes(request);
            counters.done(codec.bytesIn(request), out >= 0 ? out : codec.bytesOut(result));
        } else {
            counters.statusFailure(codec.status(result));
        }
    }

    /**
     * Counts one device request that failed without a completion (timeout, queue death, fault); a
     * known-answer one counts as such, and as a timeout if it was one.
     */
    public void failed(boolean selfTest, RuntimeException e) {
        if (selfTest) {
            counters.selfTest();
            counters.timedOut(e);
        } else {
            counters.failed(e);
        }
    }

    /** Counts a call AUTO served in software because the device could not (HARDWARE: never counted). */
    public void fallback() {
        if (!hardware()) {
            counters.fallback();
        }
    }

    /** Counts a completed request that used the caller's memory directly. */
    public void zeroCopy() {
        counters.zeroCopy();
    }

    /** The name of the device a request would go to ({@code hisi_hpre-0}), or {@code none}. */
    public String deviceName() {
        RequestPool<Q, R> p = pool();
        if (p == null) {
            return "none";
        }
        try {
            return p.device().name();
        } catch (RuntimeException e) {
            return "none";
        }
    }

    /** Why {@link #pool()} is null (the open failure), for messages. */
    public String unavailableReason() {
        return why;
    }

    /**
     * The outcome of the known-answer test {@code key}: runs {@code test} the first time (a failure is
     * logged once, as a warning naming {@code what}) and remembers it for the life of the provider.
     */
    public boolean selfTest(Object key, String what, BooleanSupplier test) {
        Boolean ok = selfTests.get(key);
        if (ok == null) {
            boolean passed;
            try {
                passed = test.getAsBoolean();
            } catch (RuntimeException e) {
                passed = false;
            }
            ok = selfTests.putIfAbsent(key, passed);
            if (ok == null) {
                ok = passed;
                if (!passed) {
                    LOG.warn("UACCE provider: {} device {} failed the known-answer test of {}; it stays in software",
                            engine, deviceName(), what);
                }
            }
        }
        return ok;
    }

    /** Counters of the pool (tests, dfx); null before the first device use. */
    public RequestCounters counters() {
        RequestPool<Q, R> p = pool;
        return p == null ? null : p.counters();
    }
}
