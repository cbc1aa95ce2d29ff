package io.uacce.compress.cli;

import io.uacce.compress.ZipEngine;
import io.uacce.compress.ZipStatistics;
import io.uacce.compress.types.Format;
import io.uacce.request.RequestCounters;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dfx --count}, after UADK's {@code uadk_tool dfx --count}: the engine's counters (API calls,
 * bytes, errors by device status, timeouts, software fallbacks, device retries) and each queue's (device
 * requests submitted/completed, failed by status, failed without completion, out of service, in-flight
 * high-water mark, re-kicks). Counters
 * belong to a process: this command opens an engine, optionally sends a self-check workload through
 * it, and prints them; a running service shows the same figures through JMX (ZipEngineMXBean).
 * {@code --engine sec|hpre|all} does the same for the {@code UACCE} provider's engines ({@link CryptoDfx};
 * JMX: CryptoProviderMXBean); the default, {@code zip}, prints what it always printed.
 */
@Command(name = "dfx", mixinStandardHelpOptions = true,
        description = "Print the engine's and each queue's counters (like uadk_tool dfx --count), after an optional self-check workload.")
final class DfxCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Option(names = "--count", description = "print the counters (the default)")
    boolean count = true;

    @Option(names = {"-n", "--requests"}, description = "self-check round trips per format before printing (default: ${DEFAULT-VALUE})",
            defaultValue = "16")
    int requests;

    @Option(names = {"-b", "--block"}, description = "bytes per self-check request (default: ${DEFAULT-VALUE})", defaultValue = "65536")
    int block;

    @Option(names = "--engine", description = "zip, sec, hpre or all (default: ${DEFAULT-VALUE}); sec and hpre run"
            + " their self-check through the UACCE provider (AES-128-CBC, SHA-256; RSA-2048, P-256 ECDH)",
            defaultValue = "zip")
    String engineName;

    @Override
    public Integer call() throws Exception {
        String which = engineName.strip().toLowerCase(java.util.Locale.ROOT);
        if (!java.util.List.of("zip", "sec", "hpre", "all").contains(which)) {
            throw new IllegalArgumentException("--engine must be zip, sec, hpre or all, not " + engineName);
        }
        if (!which.equals("zip")) {
            CryptoCli.modelWithCryptoEngines(); // before the ZIP engine of "all" makes the system host
        }
        int bad = which.equals("sec") || which.equals("hpre") ? 0 : zip();
        if (!which.equals("zip")) {
            io.uacce.crypto.types.CryptoMode mode = CryptoCli.mode(engine.mode.name());
            io.uacce.crypto.UacceProvider p = CryptoCli.provider(mode, 0);
            try {
                for (String e : which.equals("all") ? java.util.List.of("sec", "hpre") : java.util.List.of(which)) {
                    int wrong = new CryptoDfx(p, requests, block).run(e);
                    var s = p.statistics();
                    CryptoDfx.print(p, e.equals("sec") ? s.sec() : s.hpre(), mode);
                    if (wrong > 0) {
                        System.out.println("self-check: " + wrong + " " + e + " results were wrong");
                    }
                    bad += wrong;
                }
            } finally {
                p.close();
            }
        }
        return bad == 0 ? 0 : 1;
    }

    private int zip() throws Exception {
        int bad = 0;
        try (ZipEngine zip = engine.open()) {
            byte[] data = new byte[block];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) ("uacce dfx self-check ".charAt(i % 21) ^ (i >>> 12));
            }
            for (Format f : Format.values()) {
                for (int i = 0; i < requests; i++) {
                    if (!Arrays.equals(data, zip.decompress(f, zip.compress(f, data)))) {
                        bad++;
                    }
                }
            }
            print(zip.statistics(), zip.jmxName());
        }
        if (bad > 0) {
            System.out.println("self-check: " + bad + " round trips gave wrong data");
        }
        return bad;
    }

    private static void print(ZipStatistics s, String jmx) {
        System.out.println("engine: " + s.description() + (s.hardware() ? "" : " (software)"));
        System.out.println("jmx: " + jmx);
        System.out.printf("%-34s %d%n", "requests", s.requests());
        System.out.printf("%-34s %d%n", "bytes_in", s.bytesIn());
        System.out.printf("%-34s %d%n", "bytes_out", s.bytesOut());
        System.out.printf("%-34s %d%n", "errors", s.errors());
        s.errorsByStatus().forEach((st, n) -> System.out.printf("%-34s %d%n", "errors_status_" + st, n));
        System.out.printf("%-34s %d%n", "timeouts", s.timeouts());
        System.out.printf("%-34s %d%n", "software_fallbacks", s.softwareFallbacks());
        System.out.printf("%-34s %d%n", "device_retries", s.deviceRetries());
        line("compress_queues", s.compressQueues());
        line("decompress_queues", s.decompressQueues());
        s.queues().forEach(DfxCommand::line);
    }

    static void line(String name, RequestCounters c) {
        System.out.printf("%-34s send %d recv %d status_fail %d fail %d dead %d inflight_max %d rekick %d%n", name,
                c.submitted(), c.completed(), c.statusFailures(), c.failed(), c.queueDeaths(), c.inflightHighWater(),
                c.rekicks());
    }
}
