package io.uacce.request;

/**
 * An engine's table of device status codes. The layer uses it to count failed completions and to
 * name a status in its messages; the engine decides what a status means for its caller (a
 * data-format error, a bad tag, a retry) and throws its own typed exception.
 */
public interface StatusTable {

    /**
     * True for a status that means the request did its job. Status 0 only, unless the engine's
     * table knows more (ZIP: 0x0D, success with a note).
     */
    default boolean success(int status) {
        return status == 0;
    }

    /** One line: "device status 0x10 (CRC error): what to do". */
    String describe(int status);
}
