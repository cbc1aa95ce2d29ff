package io.uacce;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/** Reading and parsing one sysfs attribute file. Package-private helper of discovery. */
final class SysfsAttribute {

    private SysfsAttribute() {
    }

    /**
     * The content of a sysfs file, or {@code null} when it is absent or cannot be read (sysfs
     * reports a driver without the operation as a read error, e.g. ENODEV).
     */
    static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** A required text attribute, stripped. */
    static String requiredText(Path file) {
        String s = read(file);
        if (s == null) {
            throw new SysfsFormatException(file, null, "a text value");
        }
        return s.strip();
    }

    /** A required unsigned decimal ("%u", "%lu"). */
    static long requiredUnsigned(Path file) {
        String s = read(file);
        if (s == null) {
            throw new SysfsFormatException(file, null, "an unsigned decimal number");
        }
        return parseUnsigned(file, s);
    }

    /** An optional unsigned decimal; {@code dflt} when the file is absent. */
    static long optionalUnsigned(Path file, long dflt) {
        String s = read(file);
        return s == null ? dflt : parseUnsigned(file, s);
    }

    /** An optional signed decimal ("%d"). */
    static OptionalInt optionalInt(Path file) {
        String s = read(file);
        return s == null ? OptionalInt.empty() : OptionalInt.of(parseInt(file, s));
    }

    static long parseUnsigned(Path file, String content) {
        String t = content.strip();
        if (t.isEmpty() || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SysfsFormatException(file, content, "an unsigned decimal number");
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new SysfsFormatException(file, content, "an unsigned decimal number below 2^63");
        }
    }

    static int parseInt(Path file, String content) {
        try {
            return Integer.parseInt(content.strip());
        } catch (NumberFormatException e) {
            throw new SysfsFormatException(file, content, "a signed 32-bit decimal number");
        }
    }
}
