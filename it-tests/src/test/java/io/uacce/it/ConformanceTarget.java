package io.uacce.it;

import io.uacce.DeviceInfo;
import io.uacce.Uacce;
import java.util.List;
import java.util.Optional;

/**
 * What the conformance suite runs against: a host of uacce devices plus what only this kind of
 * target can do (fault injection, real device nodes, a child process sharing the devices). The
 * test bodies see nothing else, so they run unchanged on every target. One instance serves one
 * test and is closed after it.
 *
 * <p>Chosen with {@code -Duacce.it.target=model|kmod|cuse|cuse-container|hardware} (default {@code model}); see
 * {@link Targets} and docs/conformance.md.
 */
public interface ConformanceTarget extends AutoCloseable {

    /** "model", "kmod", "cuse", "cuse-container" or "hardware". */
    String name();

    /** One line for reports: what the host is, which roots, which era is expected. */
    String description();

    /** The host the suite discovers devices on and opens queues with (public driver API). */
    Uacce host();

    /**
     * The ZIP device the tests use: {@code -Duacce.it.device=<name>} if given, else the first
     * device (by name) listing zlib, isolated ones included (tests that need a usable one check).
     */
    default DeviceInfo device() {
        String wanted = System.getProperty("uacce.it.device");
        List<DeviceInfo> all = host().devices();
        for (DeviceInfo d : all) {
            if (wanted != null ? d.name().equals(wanted) : d.supports("zlib")) {
                return d;
            }
        }
        throw new AssertionError("no " + (wanted != null ? "device named " + wanted : "device listing zlib")
                + " on target " + description() + "; devices found: " + all);
    }

    /**
     * The SEC device the crypto tests use: {@code -Duacce.it.secDevice=<name>} if given, else the first
     * device named {@code hisi_sec2-N}; empty when the target has none (the tests then skip, naming it).
     */
    default Optional<DeviceInfo> secDevice() {
        return engineDevice("uacce.it.secDevice", "hisi_sec2-");
    }

    /** The HPRE device, as {@link #secDevice()}: {@code -Duacce.it.hpreDevice} or the first {@code hisi_hpre-N}. */
    default Optional<DeviceInfo> hpreDevice() {
        return engineDevice("uacce.it.hpreDevice", "hisi_hpre-");
    }

    private Optional<DeviceInfo> engineDevice(String property, String prefix) {
        String wanted = System.getProperty(property);
        return host().devices().stream()
                .filter(d -> wanted != null ? d.name().equals(wanted) : d.name().startsWith(prefix)).findFirst();
    }

    /** The PUT_Q era the target is expected to show. */
    KernelEra era();

    /** Whether a region may be mapped again after munmap (K-fix-2023 and later; before: EEXIST). */
    boolean remapAfterMunmap();

    /** Fault injection (maybe none, with the reason). */
    Faults faults();

    /**
     * Raw {@code mmap}/{@code munmap} of queue regions as the target itself answers them (the
     * system call, or the CUSE daemon's side channel since CUSE nodes have no mmap).
     */
    default RawRegions rawRegions() {
        return RawRegions.of(host().kernel());
    }

    /** Why a killed child process cannot be observed giving its queue back here, or empty. */
    Optional<String> noCrashCleanup();

    /** Whether device nodes are real character devices (kernel targets) rather than placeholders. */
    boolean charDeviceNodes();

    /**
     * The {@code -D} options a child JVM needs to reach the same devices (used by the crash test).
     */
    List<String> childJvmOptions();

    /** Ends one test: closes the model host, or undoes injected faults on kernel targets. */
    @Override
    void close();
}
