package io.uacce.compress;

import java.util.Locale;

/** Where compression runs. */
public enum Mode {
    /** The device when one offers the algorithm, else java.util.zip (said once in the log). */
    AUTO,
    /** Only the device; fails with a clear message when there is none. */
    HARDWARE,
    /** Only java.util.zip. */
    SOFTWARE;

    /** The system property that forces a mode for every engine built without an explicit one. */
    public static final String PROPERTY = "uacce.compress.mode";

    /** The mode the system property asks for, or {@code fallback} when it is unset. */
    public static Mode fromSystemProperty(Mode fallback) {
        String v = System.getProperty(PROPERTY);
        return v == null || v.isBlank() ? fallback : parse(v);
    }

    /** Parses "auto", "hardware" (or "hw", "device"), "software" (or "sw"). */
    public static Mode parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "hardware", "hw", "device" -> HARDWARE;
            case "software", "sw" -> SOFTWARE;
            default -> throw new IllegalArgumentException("unknown compression mode '" + value
                    + "' (property " + PROPERTY + "): use auto, hardware or software");
        };
    }
}
