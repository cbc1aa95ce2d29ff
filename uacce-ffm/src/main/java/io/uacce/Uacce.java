package io.uacce;

import io.uacce.spi.KernelTarget;
import io.uacce.spi.UacceKernel;
import io.uacce.spi.UacceKernelProvider;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host of uacce devices: one kernel (real or modelled), the sysfs class directory that lists
 * its devices and the directory holding their nodes. Entry point of the driver: discover
 * ({@link #devices}, {@link #select}) and {@link #open} queues.
 *
 * <p>{@link #system()} is the default host, configured by system properties:
 * {@code uacce.target} = {@code auto} (default) | {@code linux} | a provider name such as
 * {@code model}; {@code uacce.sysfs.root} (default {@code /sys/class/uacce});
 * {@code uacce.dev.root} (default {@code /dev}). In {@code auto} mode the real kernel is used
 * when the sysfs root lists a device or a {@code hisi_zip-*} node exists; otherwise the first
 * available {@link UacceKernelProvider}; otherwise the real kernel, which then has no devices.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Uacce {

    private static final Logger LOG = LoggerFactory.getLogger(Uacce.class);

    private final UacceKernel kernel;
    private final Path sysfsRoot;
    private final Path devRoot;
    private final String description;
    private final NumaTopology numa;

    private Uacce(Builder b) {
        this.kernel = b.kernel;
        this.sysfsRoot = b.sysfsRoot;
        this.devRoot = b.devRoot;
        this.description = b.description != null ? b.description
                : kernel.name() + ", sysfs " + sysfsRoot + ", dev " + devRoot;
        this.numa = new NumaTopology(b.nodeRoot,
                b.currentNode != null ? b.currentNode : NumaTopology::callingThreadNode);
    }

    /** Resolved once; a failure is remembered (never an ExceptionInInitializerError). */
    private static final class SystemHolder {
        static final Object SYSTEM = resolveOnce(System::getProperty);
    }

    /** The host, or the typed failure to remember (nothing escapes: this runs in a static initialiser). */
    static Object resolveOnce(java.util.function.UnaryOperator<String> properties) {
        try {
            return TargetResolver.resolve(properties, loadProviders());
        } catch (UacceException e) {
            return e;
        } catch (IllegalCallerException e) {
            return new UacceException("native access is not enabled for the uacce driver (" + e.getMessage()
                    + "): run with --enable-native-access=io.uacce.ffm (module path) or ALL-UNNAMED (class path)", e);
        } catch (RuntimeException | LinkageError e) {
            return new UacceException("the uacce host could not be set up: " + e, e);
        }
    }

    /** The host of {@link #resolveOnce}, or its remembered failure thrown anew (a fresh stack each call). */
    static Uacce hostOrThrow(Object resolved) {
        if (resolved instanceof Uacce u) {
            return u;
        }
        UacceException e = (UacceException) resolved;
        throw new UacceException(e.getMessage(), e);
    }

    /**
     * The default host, chosen once per JVM from the system properties (see the class comment).
     * A failure is remembered: every call throws the same typed error again.
     *
     * @throws UacceException when {@code uacce.target} names a provider that is absent or fails,
     *                        or native access is not granted
     */
    public static Uacce system() {
        return hostOrThrow(SystemHolder.SYSTEM);
    }

    static List<UacceKernelProvider> loadProviders() {
        List<UacceKernelProvider> out = new ArrayList<>();
        Iterator<UacceKernelProvider> it = ServiceLoader.load(UacceKernelProvider.class).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return out;
                }
                out.add(it.next());
            } catch (ServiceConfigurationError e) {
                LOG.warn("skipping a UacceKernelProvider that cannot be loaded: {}", e.getMessage());
            }
        }
    }

    /**
     * The real Linux kernel ABI (FFM system calls), for targets that run on it and change one
     * call, such as a mock device that serves its regions another way. Its raw calls need the
     * caller's native access when called from outside this module (rule 7 of issue 8).
     */
    public static UacceKernel linuxKernel() {
        return LinuxKernel.get();
    }

    /** A builder; without settings it describes the real kernel with the default roots. */
    public static Builder builder() {
        return new Builder();
    }

    /** The kernel behind this host. */
    public UacceKernel kernel() {
        return kernel;
    }

    /** The sysfs class directory (one sub-directory per device). */
    public Path sysfsRoot() {
        return sysfsRoot;
    }

    /** The directory holding the device nodes. */
    public Path devRoot() {
        return devRoot;
    }

    /** For logs: which kernel or model, which roots. */
    public String description() {
        return description;
    }

    /** The page size of the kernel; region offsets are multiples of it. */
    public long pageSize() {
        return kernel.pageSize();
    }

    /**
     * Every device in the sysfs root, isolated ones included, in name order ({@code hisi_zip-2}
     * before {@code hisi_zip-10}). Empty when the root does not exist.
     *
     * @throws SysfsFormatException when a device's attributes cannot be read as uacce attributes
     */
    public List<DeviceInfo> devices() {
        List<DeviceInfo> out = new ArrayList<>();
        if (!Files.isDirectory(sysfsRoot)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(sysfsRoot)) {
            for (Path p : ds) {
                if (Files.isDirectory(p)) {
                    try {
                        out.add(DeviceInfo.read(p, devRoot));
                    } catch (DeviceRemovedException gone) {
                        // removed after the listing: not a device any more
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new UacceException("cannot list the uacce sysfs root " + sysfsRoot + ": " + e, e);
        }
        out.sort(Comparator.comparing(DeviceInfo::name, Uacce::compareNames));
        return out;
    }

    /**
     * Usable devices (not isolated, {@code dev_state} not negative) with a line of
     * {@code algorithms} equal to {@code algorithm}.
     */
    public List<DeviceInfo> devices(String algorithm) {
        Objects.requireNonNull(algorithm, "algorithm");
        return devices().stream().filter(d -> d.usable() && d.supports(algorithm)).toList();
    }

    /**
     * Picks a device for {@code algorithm} as UADK does: among usable devices with free queues
     * ({@code available_instances > 0}), the one whose NUMA node is nearest to the node of the
     * calling thread's CPU, then the one with most free queues, then the first by name.
     */
    public Optional<DeviceInfo> select(String algorithm) {
        int here = numa.currentNode();
        record Candidate(DeviceInfo device, int distance, int free) {
        }
        return devices(algorithm).stream()
                .map(d -> new Candidate(d, numa.distance(here, d.numaNode()), d.availableInstances()))
                .filter(c -> c.free > 0)
                .min(Comparator.comparingInt(Candidate::distance)
                        .thenComparing(Comparator.comparingInt(Candidate::free).reversed())
                        .thenComparing(c -> c.device.name(), Uacce::compareNames))
                .map(Candidate::device);
    }

    /**
     * Like {@link #select} but fails with a message that says what was looked for, where, what was
     * found and what to do.
     *
     * @throws NoDeviceException when no device qualifies
     */
    public DeviceInfo selectOrThrow(String algorithm) {
        Optional<DeviceInfo> d = select(algorithm);
        if (d.isPresent()) {
            return d.get();
        }
        throw new NoDeviceException(NoDeviceReport.explain(this, algorithm, devices()));
    }

    /**
     * Opens a queue on {@code device}: {@code open(O_RDWR | O_CLOEXEC)} of its node; one open
     * file is one hardware queue pair, taken from the device at once.
     *
     * @throws ErrnoException with a hint (EBUSY: no free queue, ENOENT, EACCES, ...)
     */
    public UacceQueue open(DeviceInfo device) {
        return UacceQueue.open(kernel, device);
    }

    @Override
    public String toString() {
        return "Uacce[" + description + "]";
    }

    /** Natural order of device names: "hisi_zip-2" before "hisi_zip-10". */
    static int compareNames(String a, String b) {
        int da = trailingDigits(a);
        int db = trailingDigits(b);
        int c = a.substring(0, da).compareTo(b.substring(0, db));
        if (c != 0) {
            return c;
        }
        String na = a.substring(da);
        String nb = b.substring(db);
        c = Integer.compare(na.length(), nb.length());
        return c != 0 ? c : na.compareTo(nb);
    }

    private static int trailingDigits(String s) {
        int i = s.length();
        while (i > 0 && Character.isDigit(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    /** Builds a host from a {@link KernelTarget} or from a kernel and two roots. */
    public static final class Builder {
        private UacceKernel kernel;
        private Path sysfsRoot = Path.of(TargetResolver.DEFAULT_SYSFS_ROOT);
        private Path devRoot = Path.of(TargetResolver.DEFAULT_DEV_ROOT);
        private String description;
        private Path nodeRoot = NumaTopology.DEFAULT_NODE_ROOT;
        private IntSupplier currentNode;

        private Builder() {
        }

        /** Kernel, sysfs root, dev root and description from a target (e.g. a device model). */
        public Builder target(KernelTarget target) {
            this.kernel = target.kernel();
            this.sysfsRoot = target.sysfsRoot();
            this.devRoot = target.devRoot();
            this.description = target.description();
            return this;
        }

        /** The kernel; default the real Linux kernel. */
        public Builder kernel(UacceKernel kernel) {
            this.kernel = Objects.requireNonNull(kernel, "kernel");
            return this;
        }

        /** The sysfs class directory; default {@code /sys/class/uacce}. */
        public Builder sysfsRoot(Path sysfsRoot) {
            this.sysfsRoot = Objects.requireNonNull(sysfsRoot, "sysfsRoot");
            return this;
        }

        /** The device-node directory; default {@code /dev}. */
        public Builder devRoot(Path devRoot) {
            this.devRoot = Objects.requireNonNull(devRoot, "devRoot");
            return this;
        }

        /** The line {@link #description()} returns; default built from the kernel and roots. */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /**
         * The directory with {@code node<N>/distance} files used to rank devices by NUMA
         * distance; default {@code /sys/devices/system/node}.
         */
        public Builder numaNodeRoot(Path nodeRoot) {
            this.nodeRoot = Objects.requireNonNull(nodeRoot, "nodeRoot");
            return this;
        }

        /**
         * Where the calling thread runs, as a NUMA node number (-1 = unknown); default
         * {@code getcpu()}. For device models and tests.
         */
        public Builder currentNode(IntSupplier currentNode) {
            this.currentNode = Objects.requireNonNull(currentNode, "currentNode");
            return this;
        }

        public Uacce build() {
            if (kernel == null) {
                kernel = LinuxKernel.get();
            }
            return new Uacce(this);
        }
    }
}
