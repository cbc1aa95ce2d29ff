package io.uacce.internal.barrier;

import io.uacce.Errno;

/** This process may not create executable memory (the step and errno say what refused it). */
public final class ExecRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    ExecRefusedException(String step, int errno) {
        super(step + " refused: " + Errno.name(errno) + " (" + Errno.description(errno) + ")");
    }

    ExecRefusedException(Throwable cause) {
        super(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }
}
