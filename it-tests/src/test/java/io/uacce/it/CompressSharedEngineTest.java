package io.uacce.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.uacce.compress.ZipEngine;
import io.uacce.compress.types.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many threads share one engine (its queues, sessions and staging buffers): one-shot, streaming
 * and async calls of every offered format interleave, and every output is checked against
 * java.util.zip both ways.
 */
@ExtendWith(TargetExtension.class)
class CompressSharedEngineTest {
    private static final int THREADS = Integer.getInteger("uacce.it.threads", 8);
    private static final int OPS = 12;

    @Test
    void threadsShareOneEngine(ConformanceTarget t) throws Exception {
        Format[] formats = DeviceZip.offered(t);
        try (ZipEngine zip = DeviceZip.open(t)) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int k = 0; k < THREADS; k++) {
                    int thread = k;
                    results.add(pool.submit(() -> work(zip, formats, thread)));
                }
                for (Future<Integer> r : results) {
                    assertEquals(OPS, r.get(10, TimeUnit.MINUTES)); // a thread's failed assertion fails here
                }
            } finally {
                pool.shutdownNow();
                pool.awaitTermination(1, TimeUnit.MINUTES);
            }
        }
    }

    private static int work(ZipEngine zip, Format[] formats, int thread) throws Exception {
        int done = 0;
        for (int i = 0; i < OPS; i++) {
            Format f = formats[(thread + i) % formats.length];
            long seed = thread * 1000L + i;
            byte[] in = (i & 1) == 0 ? Payloads.text(seed, 1 + 4093 * i + 97 * thread) : ZipCorpus.random(1 + 2311 * i, seed);
            String what = "thread " + thread + " op " + i + " " + f + " " + in.length + " bytes";
            byte[] ours = switch (i % 3) {
                case 0 -> zip.compress(f, in);
                case 1 -> CompressRoundTripTest.deflate(zip, f, in, 8192, 4096);
                default -> zip.compressAsync(f, in).get(DeviceZip.NO_HANG.toSeconds(), TimeUnit.SECONDS);
            };
            assertArrayEquals(in, ZipCorpus.jdkDecompress(f, ours, "our " + what), what);
            byte[] theirs = ZipCorpus.jdkCompress(f, in);
            byte[] back = switch (i % 3) {
                case 0 -> CompressRoundTripTest.inflate(zip, f, theirs, 4096, 8192);
                case 1 -> zip.decompressAsync(f, theirs).get(DeviceZip.NO_HANG.toSeconds(), TimeUnit.SECONDS);
                default -> zip.decompress(f, theirs);
            };
            assertArrayEquals(in, back, "java.util.zip -> ours: " + what);
            done++;
        }
        return done;
    }
}
