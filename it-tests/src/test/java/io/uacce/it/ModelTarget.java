package io.uacce.it;

import io.uacce.DeviceInfo;
import io.uacce.Uacce;
import io.uacce.stubs.model.AddressMode;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelDevice;
import io.uacce.stubs.model.ModelHost;
import io.uacce.stubs.model.PutQueueEra;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The in-process device model ({@code io.uacce.stubs.model}): a fresh {@link ModelHost} per test,
 * configured to the expected era, re-map rule, QM api and page size, with three devices
 * {@code hisi_zip-0}, {@code hisi_sec2-1} and {@code hisi_hpre-2}; faults through {@link ModelDevice}.
 */
final class ModelTarget extends AbstractTarget {
    private final ModelHost model;

    ModelTarget() {
        super("model", Targets.era(KernelEra.B), Targets.remapAfterMunmap(true));
        ModelApi api = ModelApi.valueOf(System.getProperty("uacce.it.model.api", "V2").strip().toUpperCase(Locale.ROOT));
        String pageProperty = System.getProperty("uacce.it.model.pageSize", "").strip();
        AddressMode mode = AddressMode.valueOf(System.getProperty("uacce.it.model.addressMode", "SVA").strip()
                .toUpperCase(Locale.ROOT));
        ModelHost.Builder b = ModelHost.builder()
                .putQueueEra(PutQueueEra.valueOf(era().name()))
                .remapAfterMunmap(remapAfterMunmap())
                .device(s -> s.api(api).addressMode(mode))
                // beside the ZIP device (the first device, the one the ZIP tests use): a SEC and an HPRE
                // device of the same generation, as on a Kunpeng machine (names share one index, §2.3)
                .device(s -> s.engine(EngineKind.SEC).api(api).addressMode(mode))
                .device(s -> s.engine(EngineKind.HPRE).api(api).addressMode(mode));
        if (!pageProperty.isEmpty()) { // default: the system's page size
            b.pageSize(Long.parseLong(pageProperty));
        }
        this.model = b.build();
        host(Uacce.builder().target(model.target()).build());
    }

    @Override
    String what() {
        return "in-process device model";
    }

    @Override
    public Faults faults() {
        return new ModelFaults();
    }

    @Override
    public Optional<String> noCrashCleanup() {
        return Optional.of("the in-process model lives inside the test JVM: a killed child process would take"
                + " its own model with it, so there is nothing shared to watch (runs on kmod, cuse, hardware)");
    }

    @Override
    public boolean charDeviceNodes() {
        return false;
    }

    @Override
    public List<String> childJvmOptions() {
        throw new UnsupportedOperationException(noCrashCleanup().orElseThrow());
    }

    @Override
    public void close() {
        model.close();
    }

    private final class ModelFaults implements Faults {
        private ModelDevice dev(DeviceInfo d) {
            return model.device(d.name());
        }

        @Override
        public Optional<String> unsupported(Fault fault) {
            return Optional.empty();
        }

        @Override
        public void reset(DeviceInfo device) {
            dev(device).reset();
        }

        @Override
        public void isolate(DeviceInfo device, boolean isolated) {
            dev(device).isolate(isolated);
        }

        @Override
        public void exhaustQueues(DeviceInfo device) {
            dev(device).exhaustQueues();
        }

        @Override
        public void restoreQueues(DeviceInfo device) {
            dev(device).restoreQueues();
        }

        @Override
        public void slowCompletions(DeviceInfo device, Duration delay) {
            dev(device).slowCompletions(delay);
        }

        @Override
        public void lateWrites(DeviceInfo device, Duration delay) {
            dev(device).lateWrites(delay);
        }

        @Override
        public Optional<DeviceInfo> removable() {
            return Optional.of(device()); // a fresh host per test: removing the test device is fine
        }

        @Override
        public void remove(DeviceInfo device) {
            dev(device).remove();
        }
    }
}
