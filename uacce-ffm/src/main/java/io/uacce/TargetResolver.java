package io.uacce;

import io.uacce.spi.KernelTarget;
import io.uacce.spi.UacceKernelProvider;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the default host from the system properties {@code uacce.target},
 * {@code uacce.sysfs.root} and {@code uacce.dev.root}.
 */
final class TargetResolver {

    static final String TARGET = "uacce.target";
    static final String SYSFS_ROOT = "uacce.sysfs.root";
    static final String DEV_ROOT = "uacce.dev.root";
    static final String DEFAULT_SYSFS_ROOT = "/sys/class/uacce";
    static final String DEFAULT_DEV_ROOT = "/dev";

    private static final Logger LOG = LoggerFactory.getLogger(Uacce.class);

    private TargetResolver() {
    }

    /**
     * @param properties looks up a property, {@code null} when unset
     * @param providers  the providers to consider, in ServiceLoader order
     */
    static Uacce resolve(UnaryOperator<String> properties, Iterable<UacceKernelProvider> providers) {
        String target = value(properties, TARGET, "auto").toLowerCase(Locale.ROOT);
        Path sysfs = Path.of(value(properties, SYSFS_ROOT, DEFAULT_SYSFS_ROOT));
        Path dev = Path.of(value(properties, DEV_ROOT, DEFAULT_DEV_ROOT));
        return switch (target) {
            case "linux" -> linux(sysfs, dev, "uacce.target=linux");
            case "auto" -> auto(sysfs, dev, providers);
            default -> named(target, providers);
        };
    }

    private static String value(UnaryOperator<String> properties, String key, String dflt) {
        String v = properties.apply(key);
        return v == null || v.isBlank() ? dflt : v.strip();
    }

    private static Uacce linux(Path sysfs, Path dev, String why) {
        return Uacce.builder().kernel(LinuxKernel.get()).sysfsRoot(sysfs).devRoot(dev)
                .description("linux kernel (" + why + "), sysfs " + sysfs + ", dev " + dev).build();
    }

    private static Uacce auto(Path sysfs, Path dev, Iterable<UacceKernelProvider> providers) {
        if (hasEntries(sysfs, "*") || hasEntries(dev, "hisi_zip-*")) {
            return linux(sysfs, dev, "auto: devices present");
        }
        for (UacceKernelProvider p : providers) {
            String name = safeName(p);
            try {
                if (!p.available()) {
                    continue;
                }
                KernelTarget t = p.start();
                LOG.info("uacce.target=auto: no uacce device under {} or {}; using provider '{}': {}",
                        sysfs, dev, name, t.description());
                return fromTarget(t, "provider '" + name + "' (auto)");
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("uacce.target=auto: provider '{}' failed to start ({}), trying the next one", name,
                        e.toString());
                LOG.debug("provider '{}' start failure", name, e);
            }
        }
        return linux(sysfs, dev, "auto: no device and no device model found");
    }

    private static Uacce named(String target, Iterable<UacceKernelProvider> providers) {
        List<String> seen = new ArrayList<>();
        for (UacceKernelProvider p : providers) {
            String name = safeName(p);
            seen.add(name);
            if (!name.equalsIgnoreCase(target)) {
                continue;
            }
            if (!p.available()) {
                throw new UacceException("uacce.target=" + target + ": provider '" + name
                        + "' says it cannot run here (available() is false)");
            }
            try {
                return fromTarget(p.start(), "provider '" + name + "' (uacce.target)");
            } catch (IllegalCallerException e) {
                throw new UacceException("uacce.target=" + target + ": provider '" + name + "' was refused native"
                        + " access (" + e.getMessage() + "): run with --enable-native-access naming the driver's"
                        + " modules (io.uacce.ffm,io.uacce.stubs) or ALL-UNNAMED on the class path", e);
            } catch (RuntimeException e) {
                throw new UacceException("uacce.target=" + target + ": provider '" + name + "' failed to start: "
                        + e.getMessage(), e);
            }
        }
        throw new UacceException("uacce.target=" + target + ": no UacceKernelProvider with that name on the"
                + " class or module path (found: " + (seen.isEmpty() ? "none" : String.join(", ", seen))
                + "); use 'auto', 'linux', or put the provider's jar (native-stubs for 'model') on the path");
    }

    private static Uacce fromTarget(KernelTarget t, String why) {
        return Uacce.builder().target(t).description(t.description() + " [" + why + "], sysfs "
                + t.sysfsRoot() + ", dev " + t.devRoot()).build();
    }

    private static String safeName(UacceKernelProvider p) {
        try {
            return p.name();
        } catch (RuntimeException e) {
            return p.getClass().getName();
        }
    }

    private static boolean hasEntries(Path dir, String glob) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            return ds.iterator().hasNext();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
