package io.uacce.compress.cli;

import io.uacce.Uacce;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.UacceProvider;
import java.util.Locale;
import java.util.Map;

/**
 * What the crypto commands ({@code digest}, {@code bench -a aes-128-gcm}) share: the {@code UACCE}
 * provider on the system's uacce host, and the CLI's algorithm names. Without a real
 * {@code /dev/hisi_sec2-*} the embedded model gets SEC and HPRE devices ({@code -Duacce.model.engines=zip,sec,hpre}
 * unless set), so the device path runs anywhere.
 */
final class CryptoCli {
    /** CLI name (lower case, as sha256sum/openssl spell them) → JCA MessageDigest name. */
    static final Map<String, String> DIGESTS = Map.ofEntries(Map.entry("md5", "MD5"), Map.entry("sha1", "SHA-1"),
            Map.entry("sha224", "SHA-224"), Map.entry("sha256", "SHA-256"), Map.entry("sha384", "SHA-384"),
            Map.entry("sha512", "SHA-512"), Map.entry("sha512-224", "SHA-512/224"),
            Map.entry("sha512-256", "SHA-512/256"), Map.entry("sm3", "SM3"));

    private CryptoCli() {
    }

    /** The JCA digest name for {@code -a} (CLI names, or JCA names as they are). */
    static String digest(String cli) {
        String k = cli.strip().toLowerCase(Locale.ROOT).replace("sha-", "sha").replace('/', '-');
        String jca = DIGESTS.get(k);
        if (jca == null) {
            throw new IllegalArgumentException("unknown digest '" + cli + "'; one of " + new java.util.TreeSet<>(DIGESTS.keySet()));
        }
        return jca;
    }

    static CryptoMode mode(String m) {
        try {
            return CryptoMode.valueOf(m.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--mode must be auto, hardware or software, not " + m);
        }
    }

    /** A provider in {@code mode} with {@code threshold} on the system host (embedded model with a SEC device). */
    static UacceProvider provider(CryptoMode mode, int threshold) {
        modelWithCryptoEngines();
        CryptoSettings s = CryptoSettings.fromSystemProperties().withMode(mode);
        return new UacceProvider(threshold < 0 ? s : s.withThresholdBytes(threshold), host);
    }

    /**
     * Asks the embedded model (made at the first {@link Uacce#system()}, so call this before) for SEC and HPRE
     * devices beside ZIP, unless {@code uacce.model.engines} says otherwise; only the embedded model reads it.
     */
    static void modelWithCryptoEngines() {
        if (System.getProperty("uacce.model.engines") == null) {
            System.setProperty("uacce.model.engines", "zip,sec,hpre");
        }
    }

    /** Where the crypto commands find their devices: the system's uacce host (tests put a device model here). */
    static volatile java.util.function.Supplier<Uacce> host = Uacce::system;

    /** One line on where the requests ran, from the provider's counters. */
    static String served(UacceProvider p) {
        var s = p.statistics();
        String secs = String.join(", ", Uacce.system().devices().stream().map(d -> d.name())
                .filter(n -> n.startsWith("hisi_sec2-") || n.startsWith("hisi_hpre-")).toList());
        return s.deviceRequests() > 0
                ? "SEC/HPRE device (" + secs + "): " + s.deviceRequests() + " request(s), " + s.deviceFailures()
                        + " failed (redone in software), " + s.selfTestRequests() + " known-answer test(s)"
                : "software (" + (secs.isEmpty() ? "no /dev/hisi_sec2-* or /dev/hisi_hpre-*" : "devices " + secs + " not used: below the"
                        + " threshold, not offered or failed") + ")";
    }
}
