package io.uacce.crypto.internal;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Collects the services engines contribute. Each service is created by a factory (no reflection:
 * the SPI classes sit in unexported packages), carries its aliases (OIDs as both {@code 1.2.3}
 * and {@code OID.1.2.3}, as the JDK's providers register them) and attributes.
 */
public final class ServiceRegistry {
    private final Provider provider;
    private final Consumer<Provider.Service> sink;
    private final Map<String, String> seen;
    private final java.util.function.Predicate<String> keep;

    public ServiceRegistry(Provider provider, Consumer<Provider.Service> sink) {
        this(provider, sink, new HashMap<>(), c -> true);
    }

    private ServiceRegistry(Provider provider, Consumer<Provider.Service> sink, Map<String, String> seen,
            java.util.function.Predicate<String> keep) {
        this.provider = provider;
        this.sink = sink;
        this.seen = seen;
        this.keep = keep;
    }

    /**
     * A view that registers only the services whose SPI class name passes {@code implClassName}
     * (the others are dropped silently); same provider, same duplicate check.
     */
    public ServiceRegistry filtered(java.util.function.Predicate<String> implClassName) {
        return new ServiceRegistry(provider, sink, seen, c -> keep.test(c) && implClassName.test(c));
    }

    /** Starts a service of JCA type {@code type} (e.g. "Cipher") and standard name {@code algorithm}. */
    public Builder service(String type, String algorithm) {
        return new Builder(type, algorithm);
    }

    /** One service being described; {@link #add} registers it. */
    public final class Builder {
        private final String type;
        private final String algorithm;
        private final List<String> aliases = new ArrayList<>();
        private final Map<String, String> attributes = new LinkedHashMap<>();

        private Builder(String type, String algorithm) {
            this.type = type;
            this.algorithm = algorithm;
        }

        public Builder alias(String... names) {
            aliases.addAll(List.of(names));
            return this;
        }

        /** An object identifier alias, registered as "1.2.3" and "OID.1.2.3". */
        public Builder oid(String oid) {
            aliases.add(oid);
            aliases.add("OID." + oid);
            return this;
        }

        public Builder attribute(String name, String value) {
            attributes.put(name, value);
            return this;
        }

        /**
         * Registers the service; {@code implClass} is the SPI class (its name is what JCA reports),
         * {@code factory} makes one fresh SPI instance per {@code getInstance}.
         */
        public void add(Class<?> implClass, Supplier<?> factory) {
            if (!keep.test(implClass.getName())) {
                return;
            }
            for (String name : concat()) {
                String key = type + "." + name.toUpperCase(Locale.ROOT);
                String old = seen.putIfAbsent(key, algorithm);
                if (old != null) {
                    throw new IllegalStateException("UACCE provider: " + type + " name " + name
                            + " registered twice (for " + old + " and " + algorithm + ")");
                }
            }
            sink.accept(new FactoryService(provider, type, algorithm, implClass.getName(),
                    List.copyOf(aliases), Collections.unmodifiableMap(new LinkedHashMap<>(attributes)), factory));
        }

        private List<String> concat() {
            List<String> all = new ArrayList<>(aliases);
            all.add(algorithm);
            return all;
        }
    }

    private static final class FactoryService extends Provider.Service {
        private final Supplier<?> factory;

        FactoryService(Provider p, String type, String algorithm, String className, List<String> aliases,
                Map<String, String> attributes, Supplier<?> factory) {
            super(p, type, algorithm, className, aliases, attributes);
            this.factory = factory;
        }

        @Override
        public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
            if (constructorParameter != null) {
                throw new java.security.InvalidParameterException(getType() + "." + getAlgorithm()
                        + " of provider UACCE takes no constructor parameter");
            }
            try {
                return factory.get();
            } catch (RuntimeException e) {
                throw new NoSuchAlgorithmException("UACCE: cannot create " + getType() + "." + getAlgorithm()
                        + ": " + e.getMessage(), e);
            }
        }
    }
}
