package io.uacce.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Uacce;
import io.uacce.compress.types.Format;
import io.uacce.stubs.model.ModelHost;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A caller waiting for a slow device costs little CPU: after its spin and yield phases it parks
 * for longer and longer (issue 13: 64 callers parking 20 µs at a time took the CPU from the
 * model's device threads, whose requests then timed out). Measured as the caller's own CPU time,
 * which host load does not inflate (an overloaded host only makes the parks longer). Measured on
 * an idle 2-core x86-64 host: ~16 ms per second of waiting; ~200 ms with the fixed 20 µs parks.
 */
class WaitCostTest {
    @Test
    void aOneSecondSynchronousWaitUsesLittleCpu() throws Exception {
        var mx = ManagementFactory.getThreadMXBean();
        try (ModelHost model = ModelHost.builder().build();
             ZipEngine zip = ZipEngine.builder().mode(Mode.HARDWARE).host(Uacce.builder().target(model.target()).build())
                     .requestTimeout(Duration.ofSeconds(30)).build()) {
            byte[] data = Corpus.compressible(4096);
            for (int i = 0; i < 200; i++) {
                zip.compress(Format.ZLIB, data); // warm: the JIT's work is not the wait's
            }
            model.devices().get(0).slowCompletions(Duration.ofSeconds(1));
            long cpu0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            byte[] z = zip.compress(Format.ZLIB, data);
            long waited = System.nanoTime() - t0;
            long cpu = mx.getCurrentThreadCpuTime() - cpu0;
            model.devices().get(0).slowCompletions(Duration.ZERO);
            assertArrayEquals(data, JdkZip.decompress(Format.ZLIB, z));
            assertTrue(waited >= 900_000_000L, "the device held the completion back: waited " + waited / 1_000_000 + " ms");
            assertTrue(cpu < 50_000_000L, "the caller used " + cpu / 1_000_000 + " ms of CPU waiting "
                    + waited / 1_000_000 + " ms");
        }
    }
}
