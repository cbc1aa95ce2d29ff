package io.uacce.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.uacce.DeviceInfo;
import io.uacce.compress.Mode;
import io.uacce.compress.ZipEngine;
import io.uacce.compress.types.Format;
import java.time.Duration;

/**
 * The data path of the public compression API ({@code io.uacce.compress}) on a target: a
 * {@link ZipEngine} in HARDWARE mode on the target's host, so every request really reaches the
 * device (never java.util.zip behind the test's back).
 */
final class DeviceZip {
    /** Limit for anything that could hang on a broken device or malformed input (the VM is slow). */
    static final Duration NO_HANG = Duration.ofSeconds(Long.getLong("uacce.it.noHangSeconds", 120));

    private DeviceZip() {
    }

    /**
     * An engine on the target's device. Skips raw deflate where the device does not list
     * "deflate"; fails when a device lacks zlib or gzip (every hisi_zip device offers both).
     */
    static ZipEngine open(ConformanceTarget t, Format f) {
        DeviceInfo d = t.device();
        if (f == Format.RAW) {
            assumeTrue(d.supports(f.algorithm()), "skipped on target " + t.name() + ": " + d.name()
                    + " does not list \"deflate\" in algorithms " + d.algorithms()
                    + " (raw deflate needs SQE type 3, QM V3 and newer; api " + d.api() + ")");
        } else {
            assertTrue(d.supports(f.algorithm()), d.name() + " must list " + f.algorithm() + ": " + d.algorithms());
        }
        return open(t);
    }

    /** An engine on the target's host in HARDWARE mode; asserts that the device does the work. */
    static ZipEngine open(ConformanceTarget t) {
        ZipEngine zip = ZipEngine.builder().mode(Mode.HARDWARE).host(t.host()).build();
        if (!zip.hardware()) {
            zip.close();
            throw new AssertionError("the engine runs in software (" + zip.description() + ", mode " + zip.mode()
                    + "); the data-path tests need the device: is -D" + Mode.PROPERTY + " set?");
        }
        return zip;
    }

    /** The formats the device under test offers (zlib and gzip always; deflate on V3 and newer). */
    static Format[] offered(ConformanceTarget t) {
        DeviceInfo d = t.device();
        return java.util.Arrays.stream(Format.values()).filter(f -> d.supports(f.algorithm())).toArray(Format[]::new);
    }
}
