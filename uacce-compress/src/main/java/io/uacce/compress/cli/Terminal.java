package io.uacce.compress.cli;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * isatty(3) through FFM. {@code System.console()} cannot tell which of stdin and stdout is a
 * terminal (and on JDK 22+ it returns a console for redirected streams too).
 */
final class Terminal {
    private static final MethodHandle ISATTY = lookup();

    private Terminal() {
    }

    private static MethodHandle lookup() {
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("isatty")
                    .map(a -> linker.downcallHandle(a, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)))
                    .orElse(null);
        } catch (RuntimeException e) { // no native access granted: assume no terminal
            return null;
        }
    }

    /** True when file descriptor {@code fd} is a terminal. */
    static boolean isTerminal(int fd) {
        if (ISATTY == null) {
            return false;
        }
        try {
            return (int) ISATTY.invokeExact(fd) == 1;
        } catch (Throwable t) {
            return false;
        }
    }
}
