package io.uacce.compress.device;

import io.uacce.DeviceInfo;
import io.uacce.Uacce;
import io.uacce.compress.Format;
import io.uacce.compress.OutputTooSmallException;
import io.uacce.compress.ZipEngine;
import io.uacce.compress.engine.Engine;
import io.uacce.compress.engine.OneShot;
import io.uacce.compress.engine.Session;
import io.uacce.compress.zip.Headers;
import io.uacce.qm.QmVersion;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.zip.DataFormatException;

/**
 * ZIP compression on a uacce device. Sessions (context buffer, staging buffers, queue) are
 * pooled, so a one-shot call on native memory allocates nothing on the Java heap.
 */
public final class DeviceEngine implements Engine {
    private static final int POOL_LIMIT = 64;

    private final Uacce host;
    private final DeviceInfo device;
    private final QmVersion version;
    private final DeviceSettings settings;
    private final QueuePool pool;
    @SuppressWarnings("unchecked")
    private final ArrayDeque<DeviceSession>[] idle = new ArrayDeque[Format.values().length * 2];

    private DeviceEngine(Uacce host, DeviceInfo device, DeviceSettings settings) {
        this.host = host;
        this.device = device;
        this.version = QmVersion.fromApi(device.api());
        this.settings = settings;
        this.pool = new QueuePool(host, algorithmOf(device), settings);
        for (int i = 0; i < idle.length; i++) {
            idle[i] = new ArrayDeque<>();
        }
    }

    /**
     * An engine on the host's best ZIP device (UADK selection: nearest NUMA node, most free queues).
     *
     * @throws io.uacce.NoDeviceException when no device offers zlib or gzip
     */
    public static DeviceEngine open(Uacce host, DeviceSettings settings) {
        DeviceInfo d = host.select("gzip").or(() -> host.select("zlib")).orElseGet(() -> host.selectOrThrow("gzip"));
        DeviceEngine e = new DeviceEngine(host, d, settings);
        e.pool.next(true); // open the first compression queues now: fail early, not at first use
        return e;
    }

    private static String algorithmOf(DeviceInfo d) {
        return d.supports("gzip") ? "gzip" : "zlib";
    }

    DeviceSettings settings() {
        return settings;
    }

    /** Staging size: the setting, but at most 1/32 of the SS region on no-SVA devices. */
    int stagingBytes(DeviceQueue q) {
        int size = settings.stagingBytes();
        return q.memory instanceof SsMemory ? (int) Math.max(4096, Math.min(size, settings.ssBytes() / 32)) : size;
    }

    /** Device memory for a session; when the SS region is full, idle pooled sessions give theirs back first. */
    MemorySegment allocate(DeviceQueue q, long size) {
        try {
            return q.memory.allocate(size);
        } catch (io.uacce.UacceException full) {
            for (ArrayDeque<DeviceSession> stack : idle) {
                synchronized (stack) {
                    stack.removeIf(s -> {
                        if (s.queue == q) {
                            s.free();
                            return true;
                        }
                        return false;
                    });
                }
            }
            return q.memory.allocate(size);
        }
    }

    /** The device chosen at start (further queues may land on other devices). */
    public DeviceInfo device() {
        return device;
    }

    @Override
    public String description() {
        return "device " + device.name() + " (" + device.api() + ", " + (device.sva() ? "SVA" : "no-SVA") + ", node "
                + device.numaNode() + ") via " + host.description() + "; queues " + pool.describe();
    }

    @Override
    public boolean hardware() {
        return true;
    }

    @Override
    public boolean supports(Format format) {
        if (!device.supports(format.algorithm())) {
            return false;
        }
        return format != Format.RAW || version == QmVersion.V3; // raw deflate: SQE type 3 only
    }

    @Override
    public Session newSession(Format format, boolean compress) {
        return borrow(format, compress);
    }

    DeviceSession borrow(Format format, boolean compress) {
        ArrayDeque<DeviceSession> stack = idle[format.ordinal() * 2 + (compress ? 0 : 1)];
        synchronized (stack) {
            DeviceSession s = stack.pollFirst();
            while (s != null && !s.queue.alive()) {
                s = stack.pollFirst();
            }
            if (s != null) {
                return s;
            }
        }
        return new DeviceSession(this, pool.next(compress), format, compress);
    }

    void giveBack(DeviceSession s) {
        ArrayDeque<DeviceSession> stack = idle[s.format.ordinal() * 2 + (s.compress ? 0 : 1)];
        if (s.queue.alive()) {
            s.reset();
            synchronized (stack) {
                if (stack.size() < POOL_LIMIT) {
                    stack.addFirst(s);
                    return;
                }
            }
        }
        s.free();
    }

    @Override
    public long compress(Format format, MemorySegment src, MemorySegment dst) {
        if (src.byteSize() == 0) {
            byte[] e = Headers.emptyStream(format);
            if (dst.byteSize() < e.length) {
                throw new OutputTooSmallException("the destination holds " + dst.byteSize() + " bytes; the "
                        + format.algorithm() + " form of empty input needs " + e.length);
            }
            MemorySegment.copy(MemorySegment.ofArray(e), 0, dst, 0, e.length);
            return e.length;
        }
        DeviceSession s = borrow(format, true);
        try {
            long n = s.compressBlock(src, dst);
            if (n >= 0) {
                return n;
            }
            s.reset();
            return OneShot.toSegment(s, format, true, src, dst);
        } catch (DataFormatException e) {
            throw new IllegalStateException("compression reported a data-format error", e);
        } finally {
            s.close();
        }
    }

    @Override
    public byte[] compress(Format format, MemorySegment src) {
        if (src.byteSize() <= settings.stagingBytes()) {
            byte[] out = new byte[(int) ZipEngine.maxCompressedLength(format, src.byteSize())];
            return Arrays.copyOf(out, (int) compress(format, src, MemorySegment.ofArray(out)));
        }
        return Engine.super.compress(format, src);
    }

    @Override
    public void close() {
        for (ArrayDeque<DeviceSession> stack : idle) {
            synchronized (stack) {
                stack.forEach(DeviceSession::free);
                stack.clear();
            }
        }
        pool.close();
    }
}
