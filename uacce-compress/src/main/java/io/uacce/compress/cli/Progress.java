package io.uacce.compress.cli;

import java.io.PrintStream;

/** A byte counter on stderr, for large files: only when stderr is a terminal or when asked. */
final class Progress {
    private static final long STEP_NANOS = 250_000_000L;

    private final PrintStream err;
    private final long total;
    private final boolean enabled;
    private long done;
    private long lastPrint;
    private boolean printed;

    Progress(PrintStream err, long total, boolean asked) {
        this.err = err;
        this.total = total;
        this.enabled = asked || System.console() != null && total > 16L << 20;
    }

    void add(long n) {
        done += n;
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastPrint >= STEP_NANOS) {
            lastPrint = now;
            print();
        }
    }

    void end() {
        if (enabled) {
            print();
            err.println();
        }
    }

    private void print() {
        printed = true;
        if (total > 0) {
            err.printf("\r%,d / %,d bytes (%d%%)", done, total, done * 100 / total);
        } else {
            err.printf("\r%,d bytes", done);
        }
        err.flush();
    }

    boolean printed() {
        return printed;
    }
}
