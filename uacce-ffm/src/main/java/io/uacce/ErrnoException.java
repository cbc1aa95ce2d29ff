package io.uacce;

import java.util.Objects;

/**
 * A system call failed: carries the call, the errno number and name, and what it was applied to
 * (a path, a request code such as {@code ioctl 0xC004480A}, a region).
 */
public class ErrnoException extends UacceException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;
    private final String subject;

    public ErrnoException(String call, int errno, String subject) {
        this(call, errno, subject, null);
    }

    /**
     * @param call    the call that failed, e.g. {@code "open"} or {@code "ioctl(SET_QP_CTX)"}
     * @param errno   the errno value the call left
     * @param subject what the call was applied to (path, request code, region), may be empty
     * @param hint    what to do about it, appended to the message; may be {@code null}
     */
    public ErrnoException(String call, int errno, String subject, String hint) {
        super(format(call, errno, subject, hint));
        this.call = Objects.requireNonNull(call);
        this.errno = errno;
        this.subject = subject == null ? "" : subject;
    }

    private static String format(String call, int errno, String subject, String hint) {
        StringBuilder sb = new StringBuilder(call).append(" failed: ")
                .append(Errno.name(errno)).append(" (errno ").append(errno).append(", ")
                .append(Errno.description(errno)).append(')');
        if (subject != null && !subject.isEmpty()) {
            sb.append(" on ").append(subject);
        }
        if (hint != null && !hint.isEmpty()) {
            sb.append(": ").append(hint);
        }
        return sb.toString();
    }

    /** The failed call, e.g. {@code "mmap"}. */
    public String call() {
        return call;
    }

    /** The errno number (Linux generic numbering, identical on x86-64 and arm64). */
    public int errno() {
        return errno;
    }

    /** The symbolic errno name, e.g. {@code "EBUSY"}. */
    public String errnoName() {
        return Errno.name(errno);
    }

    /** What the call was applied to; empty when nothing in particular. */
    public String subject() {
        return subject;
    }
}
