package io.uacce.reliability.campaign;

import java.util.SplittableRandom;

/**
 * The campaign's data: one compressible (word-like text) and one incompressible buffer of the
 * largest request size; a request takes a slice of one of them, so every result can be checked
 * against java.util.zip without keeping copies.
 */
final class CampaignData {
    private static final String[] WORDS = ("uacce queue doorbell completion phase ring deflate inflate zlib gzip "
            + "kunpeng accelerator request timeout device model stream header trailer checksum window").split(" ");

    final byte[] text;
    final byte[] random;

    CampaignData(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        text = new byte[size];
        int i = 0;
        while (i < size) {
            byte[] w = (WORDS[r.nextInt(WORDS.length)] + (r.nextInt(8) == 0 ? ".\n" : " ")).getBytes();
            int n = Math.min(w.length, size - i);
            System.arraycopy(w, 0, text, i, n);
            i += n;
        }
        random = new byte[size];
        r.nextBytes(random);
    }

    /** Request sizes: 2 % empty, 78 % up to 64 KiB, 18 % up to 1 MiB, 2 % up to {@code max}. */
    static int size(SplittableRandom r, int max) {
        double p = r.nextDouble();
        int s;
        if (p < 0.02) {
            s = 0;
        } else if (p < 0.80) {
            s = 1 + r.nextInt(64 << 10);
        } else if (p < 0.98) {
            s = (64 << 10) + r.nextInt(960 << 10);
        } else {
            s = (1 << 20) + r.nextInt(Math.max(1, max - (1 << 20)));
        }
        return Math.min(s, max);
    }
}
