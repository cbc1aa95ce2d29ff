package io.uacce.crypto.types;

import java.util.Locale;

/** Where the provider's algorithms run. */
public enum CryptoMode {
    /** The device when one offers the algorithm and passed its self-test, else software (logged once). */
    AUTO,
    /** Only the device; an algorithm no device offers fails with a message naming device and algorithm. */
    HARDWARE,
    /** Only software (the JDK's providers, or this provider's own code where the JDK lacks the algorithm). */
    SOFTWARE;

    /** The system property that selects the mode of the provider ({@code auto} when unset). */
    public static final String PROPERTY = "uacce.crypto.mode";

    /** The mode the system property asks for, or {@code fallback} when it is unset. */
    public static CryptoMode fromSystemProperty(CryptoMode fallback) {
        String v = System.getProperty(PROPERTY);
        return v == null || v.isBlank() ? fallback : parse(v);
    }

    /** Parses "auto", "hardware" (or "hw", "device"), "software" (or "sw"). */
    public static CryptoMode parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "hardware", "hw", "device" -> HARDWARE;
            case "software", "sw" -> SOFTWARE;
            default -> throw new IllegalArgumentException("unknown crypto mode '" + value
                    + "' (property " + PROPERTY + "): use auto, hardware or software");
        };
    }
}
