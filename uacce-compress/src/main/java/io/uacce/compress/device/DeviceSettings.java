package io.uacce.compress.device;

import io.uacce.compress.zip.WindowSize;
import io.uacce.request.RequestSettings;

/**
 * Tunables of the device engine, from system properties (read once per engine).
 *
 * @param queuesPerDirection compression and decompression queues each ({@value #PROP_QUEUES}, default 1)
 * @param stagingBytes       per-session native staging buffer for heap data, each direction
 *                           ({@value #PROP_STAGING}, default 1 MiB)
 * @param timeoutMillis      longest wait for one request ({@value #PROP_TIMEOUT}, default 30000)
 * @param ssBytes            SS region mapped per queue on no-SVA devices ({@value #PROP_SS}, default 16 MiB)
 * @param window             dw9 window on SQE type 3 ({@value #PROP_WINDOW}, default 32k); type 0 leaves it 0
 */
public record DeviceSettings(int queuesPerDirection, int stagingBytes, long timeoutMillis, long ssBytes,
        WindowSize window) {
    public static final String PROP_QUEUES = "uacce.compress.queues";
    public static final String PROP_STAGING = "uacce.compress.stagingBytes";
    public static final String PROP_TIMEOUT = "uacce.compress.timeoutMillis";
    public static final String PROP_SS = "uacce.compress.ssBytes";
    public static final String PROP_WINDOW = "uacce.compress.window";

    public DeviceSettings {
        if (queuesPerDirection < 1 || queuesPerDirection > 64) {
            throw new IllegalArgumentException(PROP_QUEUES + " must be 1..64, got " + queuesPerDirection);
        }
        if (stagingBytes < 4096 || stagingBytes > (8 << 20)) {
            throw new IllegalArgumentException(PROP_STAGING + " must be 4096..8 MiB, got " + stagingBytes);
        }
        if (timeoutMillis < 1) {
            throw new IllegalArgumentException(PROP_TIMEOUT + " must be >= 1, got " + timeoutMillis);
        }
    }

    /** From system properties. */
    public static DeviceSettings fromSystemProperties() {
        return new DeviceSettings(Integer.getInteger(PROP_QUEUES, 1), Integer.getInteger(PROP_STAGING, 1 << 20),
                Long.getLong(PROP_TIMEOUT, 30_000), Long.getLong(PROP_SS, 16L << 20),
                WindowSize.parse(System.getProperty(PROP_WINDOW, "32k")));
    }

    /** The request layer's settings of each direction's pool. */
    public RequestSettings requestSettings() {
        return new RequestSettings(queuesPerDirection, timeoutMillis, ssBytes, "uacce.compress");
    }

    public DeviceSettings withQueues(int n) {
        return new DeviceSettings(n, stagingBytes, timeoutMillis, ssBytes, window);
    }

    public DeviceSettings withTimeoutMillis(long t) {
        return new DeviceSettings(queuesPerDirection, stagingBytes, t, ssBytes, window);
    }
}
