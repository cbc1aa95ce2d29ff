package io.uacce.spi;

/**
 * Supplies a {@link KernelTarget} other than the real kernel; found with
 * {@link java.util.ServiceLoader}. The in-process device model of {@code native-stubs} is one.
 *
 * <p>Providers must not throw from their constructor or static initialisers: the driver asks
 * {@link #available()} and skips a provider that says no.
 */
public interface UacceKernelProvider {

    /** The name used to select this provider with {@code -Duacce.target=<name>}, e.g. "model". */
    String name();

    /** Whether this provider can start here; must not throw. */
    default boolean available() {
        return true;
    }

    /**
     * Starts (or returns the already started) target. Called at most once per JVM by the
     * driver's default discovery; the target lives until JVM exit.
     */
    KernelTarget start();
}
