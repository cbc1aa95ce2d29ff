package io.uacce.reliability.campaign;

import io.uacce.stubs.model.ModelDevice;
import io.uacce.stubs.model.ModelHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Injects the model's faults (docs/model.md, "Faults") during a campaign, one every interval on a
 * random device: reset, slow completions (1-50 ms for a while), out-of-order completions, EBUSY at
 * open (every queue taken for a while), CQ overflow (the device misses CQ doorbells for a while, so its
 * CQ fills and the queue stops after the host's CQ grace), and once, after eight faults, the removal
 * of the second device.
 * Recovery time: from a reset or removal to the first success of a request started after it.
 */
final class FaultInjector {
    private static final AtomicLong PENDING_FAULT_AT = new AtomicLong();
    private static final List<Long> RECOVERIES = java.util.Collections.synchronizedList(new ArrayList<>());

    private final ModelHost model;
    private final Duration interval;
    private final SplittableRandom random;
    private final Map<String, Integer> injected = new TreeMap<>();
    private volatile boolean running = true;
    private Thread thread;

    FaultInjector(ModelHost model, Duration interval, long seed) {
        this.model = model;
        this.interval = interval;
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        PENDING_FAULT_AT.set(0);
        RECOVERIES.clear();
    }

    /** Called for each successful request: closes an open recovery window. */
    static void noteSuccess(long startedAt) {
        long at = PENDING_FAULT_AT.get();
        if (at != 0 && startedAt > at && PENDING_FAULT_AT.compareAndSet(at, 0)) {
            RECOVERIES.add(System.nanoTime() - at);
        }
    }

    void start() {
        thread = Thread.ofPlatform().name("campaign-faults").daemon().start(this::loop);
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join();
        for (ModelDevice d : model.devices()) {
            d.slowCompletions(Duration.ZERO);
            d.outOfOrderCompletions(false);
            d.dropCqDoorbells(false);
            d.restoreQueues();
        }
    }

    private void loop() {
        int faults = 0;
        boolean removed = false;
        List<ModelDevice> devices = model.devices();
        try {
            while (running) {
                Thread.sleep(interval.toMillis());
                if (!removed && ++faults > 8 && devices.size() > 1) {
                    removed = true;
                    mark("remove " + devices.get(1).name());
                    devices.get(1).remove();
                    continue;
                }
                ModelDevice d = devices.get(random.nextInt(removed ? 1 : devices.size()));
                switch (random.nextInt(5)) {
                    case 0 -> {
                        mark("reset");
                        d.reset();
                    }
                    case 1 -> {
                        count("slow completions");
                        d.slowCompletions(Duration.ofMillis(1 + random.nextInt(50)));
                        Thread.sleep(interval.toMillis());
                        d.slowCompletions(Duration.ZERO);
                    }
                    case 2 -> {
                        count("out-of-order completions");
                        d.outOfOrderCompletions(true);
                        Thread.sleep(interval.toMillis());
                        d.outOfOrderCompletions(false);
                    }
                    case 3 -> {
                        // on the shallowest device left (its CQ fills first), until it overflows or 5 intervals pass
                        ModelDevice o = devices.stream().filter(x -> !x.removed())
                                .min(java.util.Comparator.comparingInt(ModelDevice::depth)).orElse(d);
                        count("CQ overflow (CQ doorbells missed)");
                        long before = o.overflows();
                        o.dropCqDoorbells(true);
                        long end = System.nanoTime() + 5 * interval.toNanos();
                        while (o.overflows() == before && System.nanoTime() < end) {
                            Thread.sleep(5);
                        }
                        o.dropCqDoorbells(false);
                    }
                    default -> {
                        count("EBUSY at open");
                        d.exhaustQueues();
                        Thread.sleep(interval.toMillis() / 2);
                        d.restoreQueues();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void mark(String what) {
        count(what.startsWith("remove") ? "device removal" : what);
        PENDING_FAULT_AT.compareAndSet(0, System.nanoTime());
    }

    private synchronized void count(String what) {
        injected.merge(what, 1, Integer::sum);
    }

    synchronized String summary() {
        List<Long> r;
        synchronized (RECOVERIES) {
            r = new ArrayList<>(RECOVERIES);
        }
        r.sort(null);
        String rec = r.isEmpty() ? "no recovery windows"
                : String.format(Locale.ROOT, "recovery after reset/removal (%d windows): median %.1f ms, max %.1f ms",
                        r.size(), r.get(r.size() / 2) / 1e6, r.get(r.size() - 1) / 1e6);
        return "injected " + injected + "; " + rec;
    }
}
