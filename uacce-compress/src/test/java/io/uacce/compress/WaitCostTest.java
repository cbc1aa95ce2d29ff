package io.uacce.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Uacce;
import io.uacce.compress.types.Format;
import io.uacce.stubs.model.ModelHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A caller waiting for a slow device wakes up rarely: after its spin and yield phases it parks
 * for longer and longer (issue 13: 64 callers parking 20 µs at a time took the CPU from the
 * model's device threads, whose requests then timed out). Counted as the caller's voluntary
 * context switches (each park is one; Linux, /proc/thread-self/status), not as a time: an
 * overloaded host only makes the parks longer and the count smaller. Measured on an idle 2-core
 * x86-64 host over a 1 s wait: 912 and 938 now; 9 414 and 9 386 with the fixed 20 µs parks.
 */
class WaitCostTest {
    @Test
    void aOneSecondSynchronousWaitParksAFewThousandTimesAtMost() throws Exception {
        try (ModelHost model = ModelHost.builder().build();
             ZipEngine zip = ZipEngine.builder().mode(Mode.HARDWARE).host(Uacce.builder().target(model.target()).build())
                     .requestTimeout(Duration.ofSeconds(30)).build()) {
            byte[] data = Corpus.compressible(4096);
            for (int i = 0; i < 200; i++) {
                zip.compress(Format.ZLIB, data); // warm: the JIT's work is not the wait's
            }
            model.devices().get(0).slowCompletions(Duration.ofSeconds(1));
            long switches0 = voluntarySwitches();
            long t0 = System.nanoTime();
            byte[] z = zip.compress(Format.ZLIB, data);
            long waited = System.nanoTime() - t0;
            long switches = voluntarySwitches() - switches0;
            model.devices().get(0).slowCompletions(Duration.ZERO);
            assertArrayEquals(data, JdkZip.decompress(Format.ZLIB, z));
            assertTrue(waited >= 900_000_000L, "the device held the completion back: waited " + waited / 1_000_000 + " ms");
            assertTrue(switches < 4_000, "the caller parked " + switches + " times waiting " + waited / 1_000_000 + " ms");
        }
    }

    /** This thread's voluntary context switches, from the kernel's per-thread status file. */
    private static long voluntarySwitches() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        throw new IllegalStateException("no voluntary_ctxt_switches in /proc/thread-self/status");
    }
}
