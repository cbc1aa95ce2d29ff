package io.uacce.it;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands each test a fresh {@link ConformanceTarget} (the one {@code -Duacce.it.target} names) and
 * closes it after the test.
 */
public final class TargetExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TargetExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == ConformanceTarget.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        return c.getStore(NS).getOrComputeIfAbsent("target", k -> Targets.open(), ConformanceTarget.class);
    }

    @Override
    public void afterEach(ExtensionContext c) {
        ConformanceTarget t = c.getStore(NS).remove("target", ConformanceTarget.class);
        if (t != null) {
            t.close();
        }
    }
}
