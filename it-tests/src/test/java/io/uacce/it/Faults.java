package io.uacce.it;

import io.uacce.DeviceInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Fault injection of one target. A target that cannot inject a fault says why in
 * {@link #unsupported}; tests needing it are then skipped on that target only.
 */
public interface Faults {

    /** Why {@code fault} cannot be injected on this target, or empty when it can. */
    Optional<String> unsupported(Fault fault);

    void reset(DeviceInfo device);

    void isolate(DeviceInfo device, boolean isolated);

    void exhaustQueues(DeviceInfo device);

    void restoreQueues(DeviceInfo device);

    /**
     * Slows the completions of {@code device} by {@code delay} ({@link Duration#ZERO} turns it off).
     * Targets differ in where the delay falls: the model holds back every completion; the kernel stub
     * and the CUSE daemon let a queue's engine sleep {@code delay} after each SQE it completed, so the
     * first SQE after this call may still complete in time and the next one on that queue is late.
     * Stopping the queue (PUT_Q, release) ends the delay on every target.
     */
    void slowCompletions(DeviceInfo device, Duration delay);

    /**
     * {@link Fault#LATE_WRITES}: {@code device} writes requests' buffers {@code delay} late
     * ({@link Duration#ZERO} turns it off). Set before the queues open (the kernel stub picks its
     * batching at open).
     */
    void lateWrites(DeviceInfo device, Duration delay);

    /**
     * The device a removal test may remove (removal cannot be undone on kernel targets), or
     * empty with the reason in {@link #unsupported}{@code (REMOVE)}.
     */
    Optional<DeviceInfo> removable();

    void remove(DeviceInfo device);

    /** Called once the target exists (kernel targets look up their devices through it). */
    default void attach(ConformanceTarget target) {
    }

    /** Undoes what a test injected, where the target can (called when the target closes). */
    default void undo() {
    }

    /**
     * The last device of {@code target} other than the device under test that lists zlib and
     * passes {@code ok}: the one a removal test may remove on targets where removal is for good.
     */
    static Optional<DeviceInfo> secondDevice(ConformanceTarget target, Predicate<DeviceInfo> ok) {
        if (target == null) {
            return Optional.empty();
        }
        String keep = target.device().name();
        List<DeviceInfo> all = target.host().devices();
        for (int i = all.size() - 1; i >= 0; i--) {
            DeviceInfo d = all.get(i);
            if (!d.name().equals(keep) && d.supports("zlib") && ok.test(d)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** A target without fault injection; every fault is unsupported for {@code reason}. */
    static Faults none(String reason) {
        return new Faults() {
            @Override
            public Optional<String> unsupported(Fault fault) {
                return Optional.of(reason);
            }

            private UnsupportedOperationException no() {
                return new UnsupportedOperationException(reason);
            }

            @Override
            public void reset(DeviceInfo device) {
                throw no();
            }

            @Override
            public void isolate(DeviceInfo device, boolean isolated) {
                throw no();
            }

            @Override
            public void exhaustQueues(DeviceInfo device) {
                throw no();
            }

            @Override
            public void restoreQueues(DeviceInfo device) {
                throw no();
            }

            @Override
            public void slowCompletions(DeviceInfo device, Duration delay) {
                throw no();
            }

            @Override
            public void lateWrites(DeviceInfo device, Duration delay) {
                throw no();
            }

            @Override
            public Optional<DeviceInfo> removable() {
                return Optional.empty();
            }

            @Override
            public void remove(DeviceInfo device) {
                throw no();
            }
        };
    }
}
