package io.uacce.stubs.model;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/**
 * The page size the model uses when its configuration names none: this system's
 * ({@code sysconf(_SC_PAGESIZE)}, the model's own downcall), else the property
 * {@code uacce.model.pageSize}, else 4096 where neither can be had. On a 16 KiB or 64 KiB arm64
 * kernel the model then reports the region sizes and offsets a real device there would.
 */
final class SystemPage {
    /** Overrides the system page size for the embedded "model" target (4096, 16384 or 65536). */
    static final String PROPERTY = "uacce.model.pageSize";
    private static final int SC_PAGESIZE = 30; // Linux, all architectures

    private SystemPage() {
    }

    /** The configured page size for the shared "model" target: the property, else {@link #system()}. */
    static long configured() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) {
            return system();
        }
        try {
            return Long.parseLong(p.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + "=" + p + ": expected 4096, 16384 or 65536", e);
        }
    }

    /** This system's page size; 4096 where it cannot be asked. */
    static long system() {
        try {
            Linker linker = Linker.nativeLinker();
            MethodHandle sysconf = linker.downcallHandle(linker.defaultLookup().find("sysconf").orElseThrow(),
                    FunctionDescriptor.of(JAVA_LONG, JAVA_INT));
            long page = (long) sysconf.invokeExact(SC_PAGESIZE);
            return page > 0 && Long.bitCount(page) == 1 ? page : 4096;
        } catch (Throwable t) {
            return 4096;
        }
    }
}
