package io.uacce.crypto.internal;

/**
 * What one engine (SEC, HPRE, ...) contributes to the {@code UACCE} provider. Implementations
 * live in the engine's own package and are listed in {@code io.uacce.crypto.Engines.ALL}.
 */
public interface EngineServices {
    /** Short name for logs and messages, e.g. {@code "sec"}. */
    String name();

    /** Adds this engine's services (algorithms, aliases, OIDs, attributes) to the registry. */
    void register(ServiceRegistry registry, ProviderContext context);
}
