package io.uacce.internal.sys;

/**
 * A system call failed: the call, the errno it left and what it was applied to. The syscall
 * layer's own error type (it imports nothing above it); the layer above ({@code io.uacce},
 * {@code LinuxKernel}) turns it into the public {@code io.uacce.ErrnoException} with the errno's
 * name and text.
 */
public final class SyscallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;
    private final String subject;

    public SyscallException(String call, int errno, String subject) {
        super(call + " failed: errno " + errno + (subject == null || subject.isEmpty() ? "" : " on " + subject));
        this.call = call;
        this.errno = errno;
        this.subject = subject == null ? "" : subject;
    }

    /** The failed call, e.g. {@code "mmap"}. */
    public String call() {
        return call;
    }

    /** The errno number (Linux generic numbering). */
    public int errno() {
        return errno;
    }

    /** What the call was applied to; empty when nothing in particular. */
    public String subject() {
        return subject;
    }
}
