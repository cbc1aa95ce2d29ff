package io.uacce.reliability.campaign;

import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wall time per named step of the crypto worker's calls ({@code KillWorker --profile N}): what a
 * request of ours costs against the reference that checks it, under qemu TCG where both are slow.
 */
final class Steps {
    /** A timed step. */
    interface Call<T> {
        T call() throws GeneralSecurityException;
    }

    private final Map<String, long[]> times = new TreeMap<>();

    <T> T time(String step, Call<T> c) throws GeneralSecurityException {
        long t0 = System.nanoTime();
        try {
            return c.call();
        } finally {
            long ns = System.nanoTime() - t0;
            synchronized (this) {
                long[] v = times.computeIfAbsent(step, k -> new long[3]);
                v[0]++;
                v[1] += ns;
                v[2] = Math.max(v[2], ns);
            }
        }
    }

    /** One line per step: calls, mean and max in ms. */
    synchronized String report() {
        StringBuilder b = new StringBuilder();
        times.forEach((k, v) -> b.append(String.format(Locale.ROOT, "PROFILE %-52s %4d calls, mean %9.1f ms, max %9.1f ms%n",
                k, v[0], v[1] / 1e6 / v[0], v[2] / 1e6)));
        return b.toString();
    }
}
