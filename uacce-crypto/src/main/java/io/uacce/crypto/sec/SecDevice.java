package io.uacce.crypto.sec;

import io.uacce.Uacce;
import io.uacce.crypto.internal.ProviderContext;
import io.uacce.crypto.sec.bd.SecBd;
import io.uacce.crypto.sec.bd.SecCodec;
import io.uacce.crypto.sec.bd.SecCodes;
import io.uacce.crypto.sec.bd.SecRequest;
import io.uacce.crypto.sec.bd.SecResult;
import io.uacce.request.RequestPool;
import io.uacce.request.RequestQueue;
import io.uacce.request.RequestSettings;
import io.uacce.request.Ticket;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SEC devices of one provider instance: a request pool opened at the first device use, and a
 * known-answer self-test per algorithm before the algorithm's first real request. A device that is
 * absent, fails to open or gives a wrong known answer is not used (logged once); callers then stay
 * in software. Thread-safe.
 */
final class SecDevice {
    private static final Logger LOG = LoggerFactory.getLogger(SecDevice.class);
    private static final HexFormat HEX = HexFormat.of();
    /** Known answers for "abc" (FIPS 180-4 examples, RFC 1321, GB/T 32905-2016 appendix A). */
    private static final Map<Integer, String> ABC = Map.of(
            SecCodes.A_SHA1, "a9993e364706816aba3e25717850c26c9cd0d89d",
            SecCodes.A_SHA224, "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7",
            SecCodes.A_SHA256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            SecCodes.A_SHA384, "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
            SecCodes.A_SHA512, "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
            SecCodes.A_SHA512_224, "4634270f707b6a54daae7530460842e20e37ed265ceee9a43e8924aa",
            SecCodes.A_SHA512_256, "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23",
            SecCodes.A_MD5, "900150983cd24fb0d6963f7d28e17f72",
            SecCodes.A_SM3, "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");

    private final ProviderContext context;
    private volatile RequestPool<SecRequest, SecResult> pool;
    private volatile boolean unavailable;
    private final Map<Integer, Boolean> selfTests = new ConcurrentHashMap<>();

    SecDevice(ProviderContext context) {
        this.context = context;
    }

    private RequestPool<SecRequest, SecResult> pool() {
        RequestPool<SecRequest, SecResult> p = pool;
        if (p != null || unavailable) {
            return p;
        }
        synchronized (this) {
            if (pool == null && !unavailable) {
                try {
                    Uacce host = context.host().get();
                    pool = RequestPool.open(host, SecCodec.QUEUE_TYPE, SecCodec.INSTANCE,
                            RequestSettings.fromSystemProperties("uacce.crypto").withTimeoutMillis(
                                    context.settings().timeoutMillis()));
                    LOG.info("UACCE provider: SEC device {} in use", pool.device().name());
                } catch (RuntimeException e) { // AUTO never fails for want of a device
                    unavailable = true;
                    LOG.info("UACCE provider: no usable SEC device ({}); the SEC algorithms run in software", e.getMessage());
                }
            }
            return pool;
        }
    }

    /**
     * The digest of {@code data[off, off+len)} computed on the device, or {@code null} when no device
     * (or no device that passed this algorithm's self-test) can do it: the caller computes it in software.
     */
    byte[] digest(int aAlg, int digestLength, byte[] data, int off, int len) {
        if (len > SecCodes.MAX_DATA_LENGTH || pool() == null) {
            return null;
        }
        Boolean ok = selfTests.get(aAlg);
        if (ok == null) {
            byte[] abc = {'a', 'b', 'c'};
            byte[] got = run(aAlg, digestLength, abc, 0, 3);
            ok = got != null && HEX.formatHex(got).equals(ABC.get(aAlg));
            if (!ok) {
                LOG.warn("UACCE provider: SEC device {} failed the known-answer test of a_alg 0x{} (got {}); this"
                        + " algorithm stays in software", pool.device().name(), Integer.toHexString(aAlg),
                        got == null ? "an error" : HEX.formatHex(got));
            }
            selfTests.put(aAlg, ok);
        }
        return ok ? run(aAlg, digestLength, data, off, len) : null;
    }

    /** Counters of the pool (tests); null before the first device use. */
    io.uacce.request.RequestCounters counters() {
        RequestPool<SecRequest, SecResult> p = pool;
        return p == null ? null : p.counters();
    }

    private byte[] run(int aAlg, int digestLength, byte[] data, int off, int len) {
        RequestQueue<SecRequest, SecResult> q;
        try {
            q = pool.next();
        } catch (RuntimeException e) {
            LOG.debug("UACCE provider: no SEC queue now ({}); software", e.getMessage());
            return null;
        }
        int type = SecBd.typeFor(q.version());
        if (len == 0 && type == SecBd.TYPE2) {
            return null; // V2 has no zero-length single-block hash (§2.4)
        }
        MemorySegment src = q.memory().allocate(Math.max(1, len));
        MemorySegment mac = q.memory().allocate(64);
        try {
            MemorySegment.copy(data, off, src, ValueLayout.JAVA_BYTE, 0, len);
            SecRequest r = new SecRequest();
            r.bdType = type;
            r.digest(aAlg, digestLength / 4, q.memory().deviceAddress(src), len, q.memory().deviceAddress(mac), 0, 0, 0);
            SecResult res = new SecResult();
            res.expectedType = type;
            SecResult done = q.call(r, new Ticket<>(res));
            if (!done.ok(type)) {
                LOG.debug("UACCE provider: {}; software", SecCodec.INSTANCE.statusTable().describe(done.status()));
                return null;
            }
            return mac.asSlice(0, digestLength).toArray(ValueLayout.JAVA_BYTE);
        } catch (RuntimeException e) { // timeout, stopped queue, device fault: never a wrong result
            LOG.debug("UACCE provider: SEC request failed ({}); software", e.getMessage());
            return null;
        } finally {
            q.memory().free(src);
            q.memory().free(mac);
        }
    }
}
