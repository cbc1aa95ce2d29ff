package io.uacce.compress.device;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;

/**
 * The idle pooled sessions of one format and direction, without a lock: a fixed array of slots
 * that a borrower empties and a returner fills with one compare-and-set each. The scan starts at
 * slot 0, so a single thread keeps reusing the same (cache-warm) session; each CAS hands the
 * reference over whole, so a session is never in two hands (no ABA: slots hold references, not
 * links). The hot path of a synchronous request is one volatile read and one CAS to borrow, and
 * the same to give back (docs/request.md, "Hot path").
 */
final class IdleSessions {
    private final AtomicReferenceArray<DeviceSession> slots;

    IdleSessions(int capacity) {
        this.slots = new AtomicReferenceArray<>(capacity);
    }

    /** An idle session taken out of the pool, or null when there is none. */
    DeviceSession take() {
        for (int i = 0, n = slots.length(); i < n; i++) {
            DeviceSession s = slots.get(i);
            if (s != null && slots.compareAndSet(i, s, null)) {
                return s;
            }
        }
        return null;
    }

    /** Keeps {@code s} if a slot is free; false when the pool is full (the caller frees it). */
    boolean offer(DeviceSession s) {
        for (int i = 0, n = slots.length(); i < n; i++) {
            if (slots.get(i) == null && slots.compareAndSet(i, null, s)) {
                return true;
            }
        }
        return false;
    }

    /** Takes out and returns every idle session that matches {@code which} (control path). */
    List<DeviceSession> drain(Predicate<DeviceSession> which) {
        List<DeviceSession> out = new ArrayList<>();
        for (int i = 0, n = slots.length(); i < n; i++) {
            DeviceSession s = slots.get(i);
            if (s != null && which.test(s) && slots.compareAndSet(i, s, null)) {
                out.add(s);
            }
        }
        return out;
    }
}
