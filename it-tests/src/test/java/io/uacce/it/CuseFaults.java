package io.uacce.it;

import io.uacce.DeviceInfo;
import io.uacce.spi.UacceKernel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fault injection of the CUSE mock daemon (native-stubs/cuse): the mock-only ioctl
 * {@code HZC_MOCK_FAULT} ({@code _IOW('W', 0x62, u32)}), sent on a queue fd of the device that
 * this class opens for the purpose and closes again. Queue exhaustion is done as "someone else"
 * would: by holding every free queue open. Isolation and held queues are undone after every
 * test; removal cannot be undone (the daemon keeps refusing opens), so only a second device is
 * removed, as on the kernel stub. Slow completions use the mock-only ioctl {@code HZC_MOCK_DELAY}
 * ({@code _IOW('W', 0x63, u32)} microseconds, the daemon's counterpart of the kernel stub's
 * writable {@code delay_us}) and are switched off again after the test.
 */
final class CuseFaults implements Faults {
    static final long MOCK_FAULT = 0x40045762L;
    static final long MOCK_DELAY = 0x40045763L;
    static final int RESET = 1;
    static final int ISOLATE = 3;
    static final int UNISOLATE = 4;
    static final int REMOVE = 7;

    private final UacceKernel kernel;
    private final Map<DeviceInfo, List<Integer>> held = new LinkedHashMap<>();
    private final Set<DeviceInfo> isolated = new LinkedHashSet<>();
    private final Set<DeviceInfo> slowed = new LinkedHashSet<>();
    private ConformanceTarget target;

    CuseFaults(UacceKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public void attach(ConformanceTarget target) {
        this.target = target;
    }

    @Override
    public Optional<String> unsupported(Fault fault) {
        if (fault == Fault.REMOVE && removable().isEmpty()) {
            return Optional.of("removal cannot be undone on the CUSE daemon, so the suite removes only a second"
                    + " device: start it with --devices 2 (docs/conformance.md)");
        }
        return Optional.empty();
    }

    /** Sends fault {@code code} through a queue fd of its own (the daemon takes it from any fd). */
    private void send(DeviceInfo device, int code) {
        send(device, MOCK_FAULT, code);
    }

    /** Sends a mock-only ioctl with a u32 argument through a queue fd of its own. */
    private void send(DeviceInfo device, long request, int value) {
        int fd = kernel.open(device.devicePath().toString());
        try (Arena a = Arena.ofConfined()) {
            MemorySegment arg = a.allocate(ValueLayout.JAVA_INT);
            arg.set(ValueLayout.JAVA_INT, 0, value);
            kernel.ioctl(fd, request, arg);
        } finally {
            kernel.close(fd);
        }
    }

    @Override
    public void reset(DeviceInfo device) {
        send(device, RESET);
    }

    @Override
    public void isolate(DeviceInfo device, boolean on) {
        send(device, on ? ISOLATE : UNISOLATE);
        if (on) {
            isolated.add(device);
        } else {
            isolated.remove(device);
        }
    }

    @Override
    public void exhaustQueues(DeviceInfo device) {
        List<Integer> fds = held.computeIfAbsent(device, d -> new ArrayList<>());
        for (int n = device.availableInstances(); n > 0; n--) {
            fds.add(kernel.open(device.devicePath().toString()));
        }
    }

    @Override
    public void restoreQueues(DeviceInfo device) {
        List<Integer> fds = held.remove(device);
        if (fds != null) {
            fds.forEach(kernel::close); // CUSE releases synchronously (fuse_sync_release)
        }
    }

    @Override
    public void slowCompletions(DeviceInfo device, Duration delay) {
        send(device, MOCK_DELAY, Math.toIntExact(delay.toNanos() / 1000));
        if (delay.isZero()) {
            slowed.remove(device);
        } else {
            slowed.add(device);
        }
    }

    /** The daemon sleeps its delay after each SQE (one SQE per round then): the next SQE runs late. */
    @Override
    public void lateWrites(DeviceInfo device, Duration delay) {
        slowCompletions(device, delay);
    }

    @Override
    public Optional<DeviceInfo> removable() {
        return Faults.secondDevice(target, d -> true);
    }

    @Override
    public void remove(DeviceInfo device) {
        send(device, REMOVE);
    }

    /** Gives held queues back and lifts isolation after a test. */
    @Override
    public void undo() {
        for (DeviceInfo d : List.copyOf(held.keySet())) {
            restoreQueues(d);
        }
        for (DeviceInfo d : List.copyOf(isolated)) {
            isolate(d, false);
        }
        for (DeviceInfo d : List.copyOf(slowed)) {
            slowCompletions(d, Duration.ZERO);
        }
    }
}
