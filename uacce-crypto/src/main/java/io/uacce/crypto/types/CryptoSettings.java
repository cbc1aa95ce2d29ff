package io.uacce.crypto.types;

/**
 * Settings of a provider instance.
 *
 * @param mode             where algorithms run ({@value CryptoMode#PROPERTY}, default {@code auto})
 * @param thresholdBytes   in {@link CryptoMode#AUTO}, a request (one {@code doFinal}/{@code digest}) shorter
 *                         than this stays in software because a device round trip costs more
 *                         ({@value #PROP_THRESHOLD}, default {@value #DEFAULT_THRESHOLD}); ignored in
 *                         HARDWARE (everything goes to the device) and SOFTWARE
 * @param timeoutMillis    longest wait for one device request ({@value #PROP_TIMEOUT}, default 30000)
 */
public record CryptoSettings(CryptoMode mode, int thresholdBytes, long timeoutMillis) {
    public static final String PROP_THRESHOLD = "uacce.crypto.threshold";
    public static final String PROP_TIMEOUT = "uacce.crypto.timeoutMillis";
    /** Default size threshold: where a request's software time meets the driver's fixed cost per request (README figures). */
    public static final int DEFAULT_THRESHOLD = 4096;

    public CryptoSettings {
        if (mode == null) {
            throw new IllegalArgumentException("mode must not be null");
        }
        if (thresholdBytes < 0) {
            throw new IllegalArgumentException(PROP_THRESHOLD + " must be >= 0, got " + thresholdBytes);
        }
        if (timeoutMillis < 1) {
            throw new IllegalArgumentException(PROP_TIMEOUT + " must be >= 1, got " + timeoutMillis);
        }
    }

    /** From the system properties (read when a provider instance is created). */
    public static CryptoSettings fromSystemProperties() {
        return new CryptoSettings(CryptoMode.fromSystemProperty(CryptoMode.AUTO),
                Integer.getInteger(PROP_THRESHOLD, DEFAULT_THRESHOLD), Long.getLong(PROP_TIMEOUT, 30_000));
    }

    public CryptoSettings withMode(CryptoMode m) {
        return new CryptoSettings(m, thresholdBytes, timeoutMillis);
    }

    public CryptoSettings withThresholdBytes(int t) {
        return new CryptoSettings(mode, t, timeoutMillis);
    }
}
