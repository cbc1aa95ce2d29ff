package io.uacce.qm;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of a {@link QmQueue} and its {@link QmRing}. Immutable; build with {@link #builder()}.
 *
 * <p>Every default can be overridden by a system property, read when {@link #builder()} or
 * {@link #defaults()} is called; an explicit builder call wins over the property.
 *
 * <table>
 * <caption>System properties</caption>
 * <tr><th>Property</th><th>Default</th><th>Meaning</th></tr>
 * <tr><td>{@code uacce.qm.waitMode}</td><td>{@code spin}</td><td>{@code spin} (spin, then yield,
 *     then short parks) or {@code poll} (poll(2) on the queue fd, CQ armed with priority 1)</td></tr>
 * <tr><td>{@code uacce.qm.timeoutMillis}</td><td>5000</td><td>limit of one
 *     {@link QmRing#awaitCompletion} call without any completion arriving</td></tr>
 * <tr><td>{@code uacce.qm.spinIterations}</td><td>20000</td><td>busy polls before yielding</td></tr>
 * <tr><td>{@code uacce.qm.yieldIterations}</td><td>200</td><td>{@code Thread.yield()} polls before
 *     parking</td></tr>
 * <tr><td>{@code uacce.qm.parkMicros}</td><td>50</td><td>length of one park in the last phase</td></tr>
 * <tr><td>{@code uacce.qm.rekickMicros}</td><td>1000</td><td>longest re-kick interval for lost
 *     doorbells (0 = off)</td></tr>
 * <tr><td>{@code uacce.qm.rekickFirstMicros}</td><td>20</td><td>first re-kick interval of a wait;
 *     it doubles after each re-kick up to {@code rekickMicros}</td></tr>
 * <tr><td>{@code uacce.qm.memoryBackedDoorbells}</td><td>the target's</td><td>{@code true}
 *     turns on the measures for doorbells that are plain memory (re-kick, SQ echo), {@code false}
 *     turns them off; unset, the target decides: off for the real kernel ({@code LinuxKernel}:
 *     silicon latches every doorbell write), on where the target declares memory-backed doorbells
 *     (the in-process model, the CUSE mock). The kernel-module stub runs on {@code LinuxKernel}
 *     and latches doorbells like silicon (its default {@code latch=1}); loaded with
 *     {@code latch=0} it needs {@code true}</td></tr>
 * <tr><td>{@code uacce.qm.cqBatch}</td><td>32</td><td>completions reaped before the CQ doorbell is
 *     rung while the device is busy (1 = after every completion, as UADK; at most a quarter of the
 *     CQ depth is used); it is also rung when the
 *     device goes idle, when a wait stops spinning, before poll(2) and before the CQ could look
 *     full to the device</td></tr>
 * </table>
 *
 * <p>The queue context type ({@link #qcType()}, 0 = compress, 1 = decompress for ZIP) has no
 * property: it is a property of each queue.
 */
public final class QmOptions {
    /** How {@link QmRing#awaitCompletion} waits. */
    public enum WaitMode {
        /** Busy-poll the CQ, then {@code Thread.yield()}, then short parks. Lowest latency (UADK default). */
        SPIN,
        /** Block in poll(2) on the queue's fd; the CQ doorbell carries priority 1 to arm the interrupt. */
        POLL
    }

    public static final String PROP_WAIT_MODE = "uacce.qm.waitMode";
    public static final String PROP_TIMEOUT_MILLIS = "uacce.qm.timeoutMillis";
    public static final String PROP_SPIN_ITERATIONS = "uacce.qm.spinIterations";
    public static final String PROP_YIELD_ITERATIONS = "uacce.qm.yieldIterations";
    public static final String PROP_PARK_MICROS = "uacce.qm.parkMicros";
    public static final String PROP_REKICK_MICROS = "uacce.qm.rekickMicros";
    public static final String PROP_REKICK_FIRST_MICROS = "uacce.qm.rekickFirstMicros";
    public static final String PROP_CQ_BATCH = "uacce.qm.cqBatch";
    public static final String PROP_MEMORY_BACKED_DOORBELLS = "uacce.qm.memoryBackedDoorbells";

    private final int qcType;
    private final WaitMode waitMode;
    private final long timeoutNanos;
    private final int spinIterations;
    private final int yieldIterations;
    private final long parkNanos;
    private final long rekickNanos;
    private final long rekickFirstNanos;
    private final int cqBatch;
    private final Boolean memoryBackedDoorbells;

    private QmOptions(Builder b) {
        this.qcType = b.qcType;
        this.waitMode = b.waitMode;
        this.timeoutNanos = b.timeoutNanos;
        this.spinIterations = b.spinIterations;
        this.yieldIterations = b.yieldIterations;
        this.parkNanos = b.parkNanos;
        this.rekickNanos = b.rekickNanos;
        this.rekickFirstNanos = Math.min(b.rekickFirstNanos, b.rekickNanos);
        this.cqBatch = b.cqBatch;
        this.memoryBackedDoorbells = b.memoryBackedDoorbells;
    }

    /** Defaults, with system-property overrides applied. */
    public static QmOptions defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder(false);
        b.qcType = qcType;
        b.waitMode = waitMode;
        b.timeoutNanos = timeoutNanos;
        b.spinIterations = spinIterations;
        b.yieldIterations = yieldIterations;
        b.parkNanos = parkNanos;
        b.rekickNanos = rekickNanos;
        b.rekickFirstNanos = rekickFirstNanos;
        b.cqBatch = cqBatch;
        b.memoryBackedDoorbells = memoryBackedDoorbells;
        return b;
    }

    /** SET_QP_CTX qc_type: 0 = compression queue, 1 = decompression queue (ZIP). Default 0. */
    public int qcType() {
        return qcType;
    }

    public WaitMode waitMode() {
        return waitMode;
    }

    /** Completion wait limit in nanoseconds ({@value #PROP_TIMEOUT_MILLIS}). */
    public long timeoutNanos() {
        return timeoutNanos;
    }

    public int spinIterations() {
        return spinIterations;
    }

    public int yieldIterations() {
        return yieldIterations;
    }

    public long parkNanos() {
        return parkNanos;
    }

    /** Longest re-kick interval in nanoseconds; 0 = off. */
    public long rekickNanos() {
        return rekickNanos;
    }

    /** First re-kick interval of a wait in nanoseconds (at most {@link #rekickNanos()}); it doubles after each re-kick. */
    public long rekickFirstNanos() {
        return rekickFirstNanos;
    }

    public int cqBatch() {
        return cqBatch;
    }

    /**
     * Whether the ring applies the measures for memory-backed doorbells (re-kick after
     * {@link #rekickNanos()}, SQ echo after a CQ doorbell). False unless set: silicon latches
     * every doorbell write and needs neither.
     */
    public boolean memoryBackedDoorbells() {
        return memoryBackedDoorbells != null && memoryBackedDoorbells;
    }

    /** True when {@link #memoryBackedDoorbells()} was set (property or builder), false when the target decides. */
    public boolean memoryBackedDoorbellsSet() {
        return memoryBackedDoorbells != null;
    }

    /** These options with the target's declaration applied, unless they set it themselves. */
    public QmOptions forTarget(boolean targetDeclaresMemoryBackedDoorbells) {
        if (memoryBackedDoorbells != null) {
            return this;
        }
        return toBuilder().memoryBackedDoorbells(targetDeclaresMemoryBackedDoorbells).build();
    }

    @Override
    public String toString() {
        return "QmOptions[qcType=" + qcType + ", waitMode=" + waitMode
                + ", timeout=" + Duration.ofNanos(timeoutNanos)
                + ", spinIterations=" + spinIterations + ", yieldIterations=" + yieldIterations
                + ", park=" + Duration.ofNanos(parkNanos) + ", rekick=" + Duration.ofNanos(rekickFirstNanos) + ".." + Duration.ofNanos(rekickNanos)
                + ", cqBatch=" + cqBatch + ", memoryBackedDoorbells=" + memoryBackedDoorbells + "]";
    }

    /** Builder; every setter validates its argument. */
    public static final class Builder {
        private int qcType;
        private WaitMode waitMode = WaitMode.SPIN;
        private long timeoutNanos = Duration.ofSeconds(5).toNanos();
        private int spinIterations = 20_000;
        private int yieldIterations = 200;
        private long parkNanos = 50_000;
        private long rekickNanos = 1_000_000;
        private long rekickFirstNanos = 20_000;
        private int cqBatch = 32;
        private Boolean memoryBackedDoorbells;

        private Builder() {
            this(true);
        }

        private Builder(boolean readProperties) {
            if (readProperties) {
                String mode = System.getProperty(PROP_WAIT_MODE);
                if (mode != null) {
                    waitMode(parseMode(mode));
                }
                Long t = longProperty(PROP_TIMEOUT_MILLIS);
                if (t != null) {
                    timeout(Duration.ofMillis(t));
                }
                Long s = longProperty(PROP_SPIN_ITERATIONS);
                if (s != null) {
                    spinIterations(toInt(PROP_SPIN_ITERATIONS, s));
                }
                Long y = longProperty(PROP_YIELD_ITERATIONS);
                if (y != null) {
                    yieldIterations(toInt(PROP_YIELD_ITERATIONS, y));
                }
                Long p = longProperty(PROP_PARK_MICROS);
                if (p != null) {
                    park(Duration.ofNanos(p * 1000));
                }
                Long r = longProperty(PROP_REKICK_MICROS);
                if (r != null) {
                    rekick(Duration.ofNanos(r * 1000));
                }
                Long rf = longProperty(PROP_REKICK_FIRST_MICROS);
                if (rf != null) {
                    rekickFirst(Duration.ofNanos(rf * 1000));
                }
                String mb = System.getProperty(PROP_MEMORY_BACKED_DOORBELLS);
                if (mb != null && !mb.isBlank()) {
                    memoryBackedDoorbells = switch (mb.strip().toLowerCase(Locale.ROOT)) {
                        case "true" -> true;
                        case "false" -> false;
                        default -> throw new IllegalArgumentException("system property "
                                + PROP_MEMORY_BACKED_DOORBELLS + "='" + mb + "' is not 'true' or 'false'");
                    };
                }
                Long c = longProperty(PROP_CQ_BATCH);
                if (c != null) {
                    cqBatch(toInt(PROP_CQ_BATCH, c));
                }
            }
        }

        /** 0 = compression, 1 = decompression (the only values SET_QP_CTX accepts). */
        public Builder qcType(int qcType) {
            if (qcType != 0 && qcType != 1) {
                throw new IllegalArgumentException("qcType " + qcType
                        + " is not 0 (compression queue) or 1 (decompression queue)");
            }
            this.qcType = qcType;
            return this;
        }

        public Builder waitMode(WaitMode waitMode) {
            this.waitMode = Objects.requireNonNull(waitMode, "waitMode");
            return this;
        }

        /** Limit of one completion wait; must be positive. */
        public Builder timeout(Duration timeout) {
            this.timeoutNanos = positive("timeout", timeout);
            return this;
        }

        /** Busy polls before the wait starts yielding; 0 or more. */
        public Builder spinIterations(int n) {
            this.spinIterations = nonNegative("spinIterations", n);
            return this;
        }

        /** Yielding polls before the wait starts parking; 0 or more. */
        public Builder yieldIterations(int n) {
            this.yieldIterations = nonNegative("yieldIterations", n);
            return this;
        }

        /** One park in the last phase of a spin wait; must be positive. */
        public Builder park(Duration park) {
            this.parkNanos = positive("park", park);
            return this;
        }

        /** Longest re-kick interval for lost doorbells (default 1 ms); {@link Duration#ZERO} turns re-kicks off. */
        public Builder rekick(Duration interval) {
            Objects.requireNonNull(interval, "rekick");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("rekick interval " + interval + " is negative (use 0 to turn it off)");
            }
            this.rekickNanos = interval.toNanos();
            return this;
        }

        /**
         * First re-kick interval of a wait (default 20 µs); doubles after each re-kick up to the
         * {@link #rekick} interval. Must be positive.
         */
        public Builder rekickFirst(Duration interval) {
            this.rekickFirstNanos = positive("rekickFirst", interval);
            return this;
        }

        /**
         * Declares the doorbells memory-backed (device models) or latched (silicon); unset, the
         * target decides when the queue opens ({@link QmOptions#forTarget}).
         */
        public Builder memoryBackedDoorbells(boolean on) {
            this.memoryBackedDoorbells = on;
            return this;
        }

        /** Completions reaped before the CQ doorbell is rung; 1 or more. */
        public Builder cqBatch(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("cqBatch " + n + " must be at least 1");
            }
            this.cqBatch = n;
            return this;
        }

        public QmOptions build() {
            return new QmOptions(this);
        }

        private static long positive(String what, Duration d) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " " + d + " must be positive");
            }
            return d.toNanos();
        }

        private static int nonNegative(String what, int n) {
            if (n < 0) {
                throw new IllegalArgumentException(what + " " + n + " must not be negative");
            }
            return n;
        }

        private static WaitMode parseMode(String v) {
            return switch (v.strip().toLowerCase(Locale.ROOT)) {
                case "spin" -> WaitMode.SPIN;
                case "poll" -> WaitMode.POLL;
                default -> throw new IllegalArgumentException("system property " + PROP_WAIT_MODE + "='" + v
                        + "' is not 'spin' or 'poll'");
            };
        }

        private static Long longProperty(String prop) {
            String v = System.getProperty(prop);
            if (v == null) {
                return null;
            }
            try {
                long n = Long.parseLong(v.strip());
                if (n < 0) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("system property " + prop + "='" + v
                        + "' is not a non-negative whole number", e);
            }
        }

        private static int toInt(String prop, long v) {
            if (v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("system property " + prop + "=" + v + " is too large");
            }
            return (int) v;
        }
    }
}
