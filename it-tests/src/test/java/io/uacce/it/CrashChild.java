package io.uacce.it;

import io.uacce.DeviceInfo;
import io.uacce.qm.QmQueue;

/**
 * The child process of {@link CrashCleanupTest}: opens and starts a queue on the device named by
 * its argument (on the target its {@code -D} options name), prints {@code ready fd=<fd>} and
 * waits to be killed. Never exits by itself (a 10-minute cap guards against a lost parent).
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        ConformanceTarget t = Targets.open();
        DeviceInfo d = t.host().devices().stream().filter(x -> x.name().equals(args[0])).findFirst()
                .orElseThrow(() -> new IllegalStateException("child: no device " + args[0] + " on " + t.description()));
        QmQueue q = QmQueue.open(t.host(), d); // mapped, started: the kernel must tear all of it down
        int fd = q.queue().fd();
        keep(q);
        System.out.println("ready fd=" + fd);
        System.out.flush();
        Thread.sleep(600_000);
        System.exit(3);
    }

    private static Object kept;

    private static void keep(Object queue) {
        kept = queue; // reachable until the process dies: no cleaner may release it
    }
}
