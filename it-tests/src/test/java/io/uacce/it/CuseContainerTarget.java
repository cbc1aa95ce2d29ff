package io.uacce.it;

import io.uacce.stubs.cuse.HisiZipCuseContainer;
/**
 * Target {@code cuse-container}: the CUSE daemon in a container started through
 * {@link HisiZipCuseContainer} (Testcontainers), once per JVM because a start takes about ten
 * seconds, and stopped when the JVM exits. The container serves two devices (removal takes the
 * second); {@code -Duacce.it.cuse.daemonOptions="--era C --sva 0 ..."} adds daemon options (pass
 * the matching {@code -Duacce.it.era}). Needs dockerd and the imported image:
 * native-stubs/vm/with-docker-cuse.sh. Each test gets a new target on the same container.
 */
final class CuseContainerTarget {
    /** Daemon options for the container (space-separated). */
    static final String OPTIONS = "uacce.it.cuse.daemonOptions";

    private static HisiZipCuseContainer mock;

    private CuseContainerTarget() {
    }

    static synchronized ConformanceTarget open() {
        if (mock == null) {
            String opts = System.getProperty(OPTIONS, "").strip();
            HisiZipCuseContainer c = new HisiZipCuseContainer().withDevices(2);
            if (!opts.isEmpty()) {
                c.withDaemonOptions(opts.split("\\s+"));
            }
            c.start();
            Runtime.getRuntime().addShutdownHook(new Thread(c::stop, "hisi-zip-cuse-stop"));
            mock = c;
        }
        String opts = System.getProperty(OPTIONS, "").strip();
        return KernelTargets.cuse("cuse-container", "CUSE daemon in container " + mock.getContainerId().substring(0, 12)
                + (opts.isEmpty() ? "" : " (" + opts + ")"), mock.uacce(), mock.sysfsRoot().toString());
    }
}
