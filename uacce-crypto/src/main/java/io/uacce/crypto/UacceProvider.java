package io.uacce.crypto;

import io.uacce.crypto.types.SecDeviceException;

import io.uacce.crypto.internal.EngineServices;
import io.uacce.crypto.internal.ProviderContext;
import io.uacce.crypto.internal.ProviderDevices;
import io.uacce.crypto.internal.ServiceRegistry;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.ProviderStatistics;
import java.security.Provider;
import java.security.Security;

/**
 * The {@code UACCE} JCA/JCE provider: ciphers, digests, MACs and AEAD on HiSilicon SEC engines,
 * public-key algorithms on HPRE engines, with exactly the JDK's results in software wherever no
 * device serves a request ({@link CryptoMode}).
 *
 * <p>Found by {@link java.util.ServiceLoader} ({@code provides java.security.Provider}) on the
 * module path and through {@code META-INF/services} on the class path, so the
 * {@code java.security} file can name it ({@code security.provider.1=UACCE}).
 * {@link #install()} puts it first in the JVM's list. Instances are immutable; each SPI object
 * ({@code Cipher}, {@code Mac}, ...) is not thread-safe, as with every JCA provider.
 */
public final class UacceProvider extends Provider {
    private static final long serialVersionUID = 1L;
    /** The provider's name, as in {@code Cipher.getInstance("AES/GCM/NoPadding", "UACCE")}. */
    public static final String NAME = "UACCE";

    private final transient CryptoSettings settings;
    private final transient ProviderJmx jmx = new ProviderJmx(this);
    private final transient ProviderDevices devices = new ProviderDevices(jmx::register);

    /** A provider with the settings of the system properties ({@link CryptoSettings#fromSystemProperties()}). */
    public UacceProvider() {
        this(CryptoSettings.fromSystemProperties());
    }

    /** A provider with explicit settings (tests, applications that do not use system properties). */
    public UacceProvider(CryptoSettings settings) {
        this(settings, io.uacce.Uacce::system);
    }

    /**
     * A provider whose devices come from an explicit uacce host (bring-up, tests on a device model):
     * {@code host} is called once, at the first request that could go to a device.
     */
    public UacceProvider(CryptoSettings settings, java.util.function.Supplier<io.uacce.Uacce> host) {
        super(NAME, "0.1", "UACCE: SEC/HPRE offload through uacce (mode " + settings.mode().name().toLowerCase(
                java.util.Locale.ROOT) + "), JDK-identical software fallback");
        this.settings = settings;
        ProviderContext context = new ProviderContext(this, settings, host, () -> SoftwareOnly.PROVIDER, devices);
        ServiceRegistry registry = new ServiceRegistry(this, this::putService);
        for (EngineServices engine : Engines.ALL) {
            engine.register(registry, context);
        }
    }

    /** The SOFTWARE-mode provider whose SPIs back the device SPIs' software side (made at first use). */
    private static final class SoftwareOnly {
        static final Provider PROVIDER = new UacceProvider(new CryptoSettings(CryptoMode.SOFTWARE, 0, 1));
    }

    /** The settings this instance was built with. */
    public CryptoSettings settings() {
        return settings;
    }

    /**
     * What this instance sent to its devices so far (a snapshot): totals, and per engine
     * ({@link ProviderStatistics#sec()}, {@link ProviderStatistics#hpre()}) bytes, errors by device
     * status, timeouts, queue deaths, software fallbacks and the request layer's counters per queue.
     */
    public ProviderStatistics statistics() {
        return devices.snapshot();
    }

    /**
     * The name of this instance's {@link CryptoProviderMXBean}, e.g.
     * {@code io.uacce:type=CryptoProvider,name=uacce-0}: registered from the first device use until
     * {@link #close()} (never for an instance that opened no device, nor where JMX is unavailable).
     */
    public String jmxName() {
        return jmx.name();
    }

    /**
     * Releases the device queues this instance opened (request pools); afterwards the instance runs
     * in software in AUTO mode and throws {@link SecDeviceException} in HARDWARE mode. For bring-up
     * tools and tests that create many instances; an installed provider normally lives as long as the
     * JVM. Idempotent.
     */
    public void close() {
        jmx.unregister();
        devices.close();
    }

    /**
     * Puts a {@code UACCE} provider first in the JVM's provider list (moving it there if one is
     * already installed) and returns the installed instance.
     */
    public static synchronized Provider install() {
        Provider existing = Security.getProvider(NAME);
        Provider p = existing != null ? existing : new UacceProvider();
        if (existing != null) {
            Security.removeProvider(NAME);
        }
        Security.insertProviderAt(p, 1);
        return p;
    }
}
