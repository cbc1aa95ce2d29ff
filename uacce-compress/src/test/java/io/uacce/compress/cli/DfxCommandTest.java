package io.uacce.compress.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Uacce;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelHost;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code dfx --engine sec|hpre}: the provider's counters after the self-check workload, one line each, exact. */
class DfxCommandTest {
    private static String run(int expectedExit, String... args) {
        return DigestCommandTest.run(expectedExit, args);
    }

    /** The "name value" lines. */
    private static Map<String, Long> counters(String out) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] w = line.trim().split("\\s+");
            if (w.length == 2 && w[1].matches("\\d+")) {
                m.put(w[0], Long.parseLong(w[1]));
            }
        }
        return m;
    }

    private static String onModel(ModelApi hpreApi, String... args) {
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.SEC).api(ModelApi.V3))
                .device(d -> d.engine(EngineKind.HPRE).api(hpreApi)).build()) {
            Uacce uacce = Uacce.builder().target(host.target()).build();
            var old = CryptoCli.host;
            CryptoCli.host = () -> uacce;
            try {
                return run(0, args);
            } finally {
                CryptoCli.host = old;
            }
        }
    }

    @Test
    void secLinesCountTheWorkload() {
        String out = onModel(ModelApi.V3, "dfx", "--count", "--engine", "sec", "-n", "2", "-b", "4096");
        Map<String, Long> c = counters(out);
        assertTrue(out.startsWith("engine: SEC"), out);
        assertTrue(out.contains("jmx: io.uacce:type=CryptoProvider,name=uacce-"), out);
        assertEquals(6, c.get("requests"), out); // 2 × (AES-CBC encrypt, decrypt, SHA-256)
        assertEquals(2 * 3 * 4096, c.get("bytes_in"), out);
        assertEquals(2 * (4096 + 4096 + 32), c.get("bytes_out"), out);
        assertEquals(3, c.get("self_tests"), out); // SHA-256 'abc'; AES-CBC both ways
        assertEquals(0, c.get("failures"), out);
        assertEquals(0, c.get("software_fallbacks"), out);
        assertTrue(c.get("inflight_max") >= 1, out);
        assertTrue(out.matches("(?s).*\nsec_queues\\s+send 9 recv 9 status_fail 0 fail 0 dead 0 inflight_max \\d+ rekick \\d+\n.*"), out);
        assertTrue(out.contains("hisi_sec2-0 qn "), out);
        assertFalse(out.contains("compress_queues"), "--engine sec prints no ZIP lines");
    }

    @Test
    void hpreLinesCountRsaAndEcdhOrItsFallback() {
        String out = onModel(ModelApi.V3, "dfx", "--engine", "hpre", "-n", "2");
        Map<String, Long> c = counters(out);
        assertTrue(out.startsWith("engine: HPRE"), out);
        assertEquals(4, c.get("requests"), out); // 2 × (RSA-2048 public, P-256 ECDH)
        assertEquals(2 * 256 + 2 * 64, c.get("bytes_in"), out); // the RSA block; the peer point (x, y)
        assertEquals(0, c.get("software_fallbacks"), out);
        assertTrue(out.contains("hpre_queues "), out);

        out = onModel(ModelApi.V2, "dfx", "--engine", "hpre", "-n", "2");
        c = counters(out);
        assertEquals(2, c.get("requests"), out);
        assertEquals(2, c.get("software_fallbacks"), "V2: no ECC queues, ECDH in software\n" + out);
    }

    @Test
    void theDefaultStaysZip() {
        String out = run(0, "dfx", "-n", "1", "-b", "4096", "-m", "software");
        assertTrue(out.contains("compress_queues") && out.contains("bytes_in"), out);
        assertFalse(out.contains("software_fallbacks                 0\nself_tests"), out);
        assertFalse(out.contains("engine: SEC"), out);
    }
}
