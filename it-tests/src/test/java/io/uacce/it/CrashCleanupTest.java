package io.uacce.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.uacce.DeviceInfo;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jnr.posix.FileStat;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Spec §1.7: a process that dies with a started, mapped queue gives it back. A child JVM opens and
 * starts a queue, reports ready, and is killed with SIGKILL; available_instances must come back
 * within {@code -Duacce.it.crashWaitMillis} (default 10 000 ms).
 */
@ExtendWith(TargetExtension.class)
class CrashCleanupTest {
    private static final int SIGKILL = 9;

    @Test
    void killedProcessGivesItsQueueBack(ConformanceTarget t) throws Exception {
        Need.crashCleanup(t);
        DeviceInfo d = t.device();
        int n0 = d.availableInstances();
        assertTrue(n0 > 0, d.name() + " has no free queue");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.addAll(t.childJvmOptions());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(CrashChild.class.getName());
        cmd.add(d.name());
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        POSIX posix = POSIXFactory.getPOSIX();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    return null;
                }
            }).get(120, TimeUnit.SECONDS);
            assertNotNull(line, "child exited before reporting ready (exit " + (child.isAlive() ? "-" : child.exitValue()) + ")");
            assertTrue(line.startsWith("ready fd="), "child said: " + line);
            int fd = Integer.parseInt(line.substring("ready fd=".length()).strip());
            assertEquals(n0 - 1, d.availableInstances(), "the child's queue is taken");
            if (t.charDeviceNodes()) {
                FileStat held = posix.stat("/proc/" + child.pid() + "/fd/" + fd);
                FileStat node = posix.stat(d.devicePath().toString());
                assertTrue(held.isCharDev(), "the child's fd " + fd + " is a character device");
                assertEquals(node.rdev(), held.rdev(), "the child's fd is " + d.devicePath());
            }
            assertEquals(0, posix.kill((int) child.pid(), SIGKILL), "kill -9 " + child.pid());
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
            assertEquals(128 + SIGKILL, child.exitValue(), "child killed by SIGKILL");
            long limit = Long.getLong("uacce.it.crashWaitMillis", 10_000);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limit);
            int now;
            while ((now = d.availableInstances()) != n0) {
                if (System.nanoTime() > deadline) {
                    fail("available_instances of " + d.name() + " is " + now + ", not back to " + n0 + " within " + limit
                            + " ms after the holder was killed (-Duacce.it.crashWaitMillis)");
                }
                Thread.sleep(10);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
