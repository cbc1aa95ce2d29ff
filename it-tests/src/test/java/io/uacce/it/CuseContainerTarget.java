package io.uacce.it;

import io.uacce.stubs.cuse.HisiZipCuseContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Target {@code cuse-container}: the CUSE daemon in a container started through
 * {@link HisiZipCuseContainer} (Testcontainers), once per JVM because a start takes about ten
 * seconds, and stopped when the JVM exits. The container serves two ZIP devices (removal takes the
 * second), one SEC and one HPRE device ({@code -Duacce.it.cuse.sec=N}, {@code -Duacce.it.cuse.hpre=N}); {@code -Duacce.it.cuse.daemonOptions="--era C --sva 0 ..."} adds daemon options (pass
 * the matching {@code -Duacce.it.era}). Needs dockerd and the imported image:
 * native-stubs/vm/with-docker-cuse.sh. Each test gets a new target on the same container.
 */
final class CuseContainerTarget {
    /** Daemon options for the container (space-separated). */
    static final String OPTIONS = "uacce.it.cuse.daemonOptions";

    /** SEC devices in the container (default 1; 0 leaves the SEC tests skipping, naming the missing device). */
    static final String SEC = "uacce.it.cuse.sec";
    /** HPRE devices in the container (default 1). */
    static final String HPRE = "uacce.it.cuse.hpre";

    private static HisiZipCuseContainer mock;

    private CuseContainerTarget() {
    }

    /**
     * Stops the container after saving the daemon's log (its warnings: ignored doorbells, CQ
     * overflows, failed copies) to {@code daemon.log} in the reports directory, and prints the
     * last lines of it, so that a failure in CI shows what the device saw.
     */
    private static void stop(HisiZipCuseContainer c) {
        try {
            String log = c.getLogs();
            Path dir = Path.of(System.getProperty("uacce.it.reports", "target/conformance-reports/cuse-container"));
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("daemon.log"), log);
            List<String> lines = log.lines().toList();
            System.err.println("[cuse-container] daemon log (" + lines.size() + " lines, last 40; all in "
                    + dir.resolve("daemon.log") + "):");
            lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> System.err.println("  | " + l));
        } catch (IOException | RuntimeException e) {
            System.err.println("[cuse-container] daemon log not saved: " + e);
        } finally {
            c.stop();
        }
    }

    static synchronized ConformanceTarget open() {
        if (mock == null) {
            String opts = System.getProperty(OPTIONS, "").strip();
            HisiZipCuseContainer c = new HisiZipCuseContainer().withDevices(2)
                    .withSecDevices(Integer.getInteger(SEC, 1)).withHpreDevices(Integer.getInteger(HPRE, 1));
            if (!opts.isEmpty()) {
                c.withDaemonOptions(opts.split("\\s+"));
            }
            c.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(c), "hisi-zip-cuse-stop"));
            mock = c;
        }
        String opts = System.getProperty(OPTIONS, "").strip();
        return KernelTargets.cuse("cuse-container", "CUSE daemon in container " + mock.getContainerId().substring(0, 12)
                + (opts.isEmpty() ? "" : " (" + opts + ")"), mock.uacce(), mock.sysfsRoot().toString());
    }
}
