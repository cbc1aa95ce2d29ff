package io.uacce.compress.zip;

/** dw9[15:12]: history window of the engine (spec §4.2). The kernel driver uses 16 KiB. */
public enum WindowSize {
    W4K(0, 4096), W8K(1, 8192), W16K(2, 16384), W24K(3, 24576), W32K(4, 32768);

    private final int code;
    private final int bytes;

    WindowSize(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    public int code() {
        return code;
    }

    public int bytes() {
        return bytes;
    }

    /** Parses "4k".."32k" or a byte count. */
    public static WindowSize parse(String s) {
        String v = s.strip().toLowerCase(java.util.Locale.ROOT);
        for (WindowSize w : values()) {
            if (v.equals(w.bytes / 1024 + "k") || v.equals(Integer.toString(w.bytes))) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown window size '" + s + "': use 4k, 8k, 16k, 24k or 32k");
    }
}
