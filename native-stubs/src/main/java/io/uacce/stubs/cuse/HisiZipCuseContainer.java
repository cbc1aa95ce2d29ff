package io.uacce.stubs.cuse;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.Volume;
import io.uacce.Uacce;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * The CUSE mock daemon of {@code native-stubs/cuse} in a container, in the manner of
 * Testcontainers' database containers: {@code /dev/hisi_zip-N} nodes appear on the Docker host
 * (the container gets {@code /dev/cuse}), the sysfs tree and the region files go to a shared
 * directory of the host, and {@link #uacce()} gives a driver host that uses them.
 *
 * <pre>{@code
 * try (HisiZipCuseContainer mock = new HisiZipCuseContainer().withDevices(2)) {
 *     mock.start();
 *     Uacce host = mock.uacce();
 *     ...
 * }
 * }</pre>
 *
 * <p>Needs a Docker host whose kernel has CUSE ({@code /dev/cuse}) and on which this JVM runs
 * (the nodes and the shared directory must be local): in this project, the qemu VM of
 * {@code native-stubs/vm/with-docker-cuse.sh}, which also imports the image
 * ({@value #DEFAULT_IMAGE}, built by {@code make -C native-stubs/cuse image}). The container
 * runs with {@code --network none}, {@code --device /dev/cuse}, the host PID namespace and
 * CAP_SYS_PTRACE: the daemon reads and writes the client's buffers with process_vm_readv/writev
 * on the pid CUSE reports (SVA emulation). Stopping sends SIGTERM first, so the daemon removes
 * its nodes and its sysfs tree.
 */
public class HisiZipCuseContainer extends GenericContainer<HisiZipCuseContainer> {

    /** The image imported from the rootfs tar of {@code native-stubs/cuse/image/build-rootfs.sh}. */
    public static final String DEFAULT_IMAGE = "hisi-zip-cuse:latest";
    static final String DAEMON = "/usr/local/bin/hisi_zip_cuse";
    static final String SHARED = "/shared";

    private final Path cuseControl;
    private final Path devRoot;
    private Path sharedDir;
    private boolean ownSharedDir;
    private int devices = 1;
    private int sec;
    private int hpre;
    private int firstId;
    private final List<String> daemonOptions = new ArrayList<>();

    /** The default image. */
    public HisiZipCuseContainer() {
        this(DockerImageName.parse(DEFAULT_IMAGE));
    }

    public HisiZipCuseContainer(DockerImageName image) {
        this(image, Path.of("/dev/cuse"), Path.of("/dev"));
    }

    HisiZipCuseContainer(DockerImageName image, Path cuseControl, Path devRoot) {
        super(image);
        this.cuseControl = cuseControl;
        this.devRoot = devRoot;
        withNetworkMode("none");
        // the bind is added here rather than with withFileSystemBind: that one makes Testcontainers
        // check file mounting with a helper image, which cannot be pulled without a registry
        withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                .withDevices(Device.parse(cuseControl.toString()))
                .withPidMode("host")
                .withCapAdd(Capability.SYS_PTRACE)
                .withBinds(new Bind(sharedDir.toString(), new Volume(SHARED), AccessMode.rw)));
        waitingFor(new NodesWait().withStartupTimeout(Duration.ofSeconds(60)));
    }

    /** Number of devices {@code hisi_zip-<first>} ... (default 1). */
    public HisiZipCuseContainer withDevices(int count) {
        if (count < 1 || count > 16) {
            throw new IllegalArgumentException("1..16 devices, got " + count);
        }
        this.devices = count;
        return self();
    }

    /**
     * Also {@code count} SEC devices {@code hisi_sec2-M} (daemon option {@code --sec}), numbered
     * after the ZIP devices (default 0).
     */
    public HisiZipCuseContainer withSecDevices(int count) {
        this.sec = requireExtra(count);
        return self();
    }

    /** Also {@code count} HPRE devices {@code hisi_hpre-M} (daemon option {@code --hpre}), after the SEC ones (default 0). */
    public HisiZipCuseContainer withHpreDevices(int count) {
        this.hpre = requireExtra(count);
        return self();
    }

    private int requireExtra(int count) {
        if (count < 0 || count > 8) {
            throw new IllegalArgumentException("0..8 devices, got " + count);
        }
        return count;
    }

    /** N of the first {@code hisi_zip-N} (default 0). */
    public HisiZipCuseContainer withFirstId(int id) {
        this.firstId = id;
        return self();
    }

    /** openEuler no-SVA mode (flags 0x80, SS region + GET_SS_DMA) instead of SVA. */
    public HisiZipCuseContainer withoutSva() {
        return withDaemonOptions("--sva", "0");
    }

    /** More daemon options ({@code hisi_zip_cuse --help}: --queues, --api, --era, ...). */
    public HisiZipCuseContainer withDaemonOptions(String... options) {
        Collections.addAll(daemonOptions, options);
        return self();
    }

    /** The shared directory (sysfs tree, region files); default a new temporary directory. */
    public HisiZipCuseContainer withSharedDirectory(Path dir) {
        this.sharedDir = dir.toAbsolutePath();
        this.ownSharedDir = false;
        return self();
    }

    /** The sysfs root for the driver ({@code -Duacce.sysfs.root}, {@code Uacce.builder().sysfsRoot}). */
    public Path sysfsRoot() {
        requireShared();
        return sharedDir.resolve("sysfs");
    }

    /** Where the nodes appear: {@code /dev} of the Docker host. */
    public Path devRoot() {
        return devRoot;
    }

    /** {@code /dev/hisi_zip-N} of every ZIP device, then the SEC and HPRE devices' nodes. */
    public List<Path> devicePaths() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < devices + sec + hpre; i++) {
            out.add(devRoot.resolve(deviceName(i)));
        }
        return out;
    }

    /** The first device's node. */
    public Path devicePath() {
        return devicePaths().get(0);
    }

    /** A driver host on this mock: the real kernel with the mock's region files ({@link CuseKernel}). */
    public Uacce uacce() {
        return Uacce.builder().kernel(new CuseKernel(sysfsRoot())).sysfsRoot(sysfsRoot()).devRoot(devRoot).build();
    }

    /** The daemon's names: ZIP devices first, then SEC, then HPRE, numbered on from the first id. */
    private String deviceName(int i) {
        String kind = i < devices ? "hisi_zip-" : i < devices + sec ? "hisi_sec2-" : "hisi_hpre-";
        return kind + (firstId + i);
    }

    private void requireShared() {
        if (sharedDir == null) {
            throw new IllegalStateException("the container is not started: no shared directory yet");
        }
    }

    @Override
    protected void configure() {
        List<String> cmd = new ArrayList<>(List.of(DAEMON, "--dir", SHARED, "--devices", String.valueOf(devices),
                "--first-id", String.valueOf(firstId), "--sec", String.valueOf(sec), "--hpre", String.valueOf(hpre)));
        cmd.addAll(daemonOptions);
        withCommand(cmd.toArray(String[]::new));
    }

    @Override
    public void start() {
        if (!Files.exists(cuseControl)) {
            throw new IllegalStateException("no " + cuseControl + ": the kernel of this Docker host has no CUSE"
                    + " (modprobe cuse; CONFIG_CUSE). Run inside the project's VM:"
                    + " native-stubs/vm/with-docker-cuse.sh -- <command>");
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("no Docker: Testcontainers found no Docker daemon (DOCKER_HOST="
                    + System.getenv("DOCKER_HOST") + "). Run inside the project's VM with"
                    + " native-stubs/vm/with-docker-cuse.sh, which starts dockerd and sets DOCKER_HOST,"
                    + " TESTCONTAINERS_RYUK_DISABLED, TESTCONTAINERS_CHECKS_DISABLE, TESTCONTAINERS_HOST_OVERRIDE");
        }
        for (Path node : devicePaths()) {
            if (Files.exists(node)) {
                throw new IllegalStateException(node + " exists already: another stub (kernel module or CUSE"
                        + " daemon) serves that name; stop it or use withFirstId");
            }
        }
        if (sharedDir == null) {
            try {
                sharedDir = Files.createTempDirectory("hisi-zip-cuse");
                ownSharedDir = true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        super.start();
    }

    /** SIGTERM first (the daemon removes its nodes and sysfs tree), then the usual removal. */
    @Override
    public void stop() {
        String id = getContainerId();
        if (id != null && isRunning()) {
            try {
                getDockerClient().stopContainerCmd(id).withTimeout(10).exec();
            } catch (RuntimeException e) {
                logger().warn("docker stop {} failed: {}", id, e.toString());
            }
        }
        super.stop();
        awaitNodesGone();
        if (ownSharedDir && sharedDir != null) {
            deleteTree(sharedDir);
            sharedDir = null;
            ownSharedDir = false;
        }
    }

    private void awaitNodesGone() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (devicePaths().stream().anyMatch(Files::exists)) {
            if (System.nanoTime() > deadline) {
                logger().warn("device nodes {} still exist 10 s after the container stopped", devicePaths());
                return;
            }
            sleep(20);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }

    /** Ready when every node exists and its sysfs tree is published (the daemon writes it after). */
    private final class NodesWait extends AbstractWaitStrategy {
        @Override
        protected void waitUntilReady() {
            long deadline = System.nanoTime() + startupTimeout.toNanos();
            while (true) {
                boolean ready = true;
                for (int i = 0; i < devices + sec + hpre; i++) {
                    ready &= Files.exists(devRoot.resolve(deviceName(i)))
                            && Files.exists(sysfsRoot().resolve(deviceName(i)).resolve("api"));
                }
                if (ready) {
                    return;
                }
                if (!isRunning()) {
                    throw new IllegalStateException("the CUSE daemon container exited before its nodes appeared;"
                            + " its log:\n" + getLogs());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no " + devicePaths() + " with sysfs trees under " + sysfsRoot()
                            + " within " + startupTimeout + "; container log:\n" + getLogs());
                }
                sleep(20);
            }
        }
    }
}
