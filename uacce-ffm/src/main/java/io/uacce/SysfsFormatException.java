package io.uacce;

import java.nio.file.Path;

/**
 * A sysfs attribute is missing or holds something the driver cannot parse. Names the file and the
 * content; usually the sysfs root does not point at a uacce class directory.
 */
public class SysfsFormatException extends UacceException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String content;

    public SysfsFormatException(Path file, String content, String expected) {
        super(format(file, content, expected));
        this.file = file;
        this.content = content;
    }

    private static String format(Path file, String content, String expected) {
        if (content == null) {
            return "sysfs attribute " + file + " is missing (expected " + expected
                    + "); is the sysfs root a uacce class directory (uacce.sysfs.root)?";
        }
        return "cannot parse sysfs attribute " + file + ": content '" + printable(content) + "', expected "
                + expected;
    }

    private static String printable(String s) {
        String t = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return t.replace("\n", "\\n").replace("\r", "\\r").replace("\0", "\\0");
    }

    /** The attribute file. */
    public Path file() {
        return file;
    }

    /** The raw content read, or {@code null} when the file was missing. */
    public String content() {
        return content;
    }
}
