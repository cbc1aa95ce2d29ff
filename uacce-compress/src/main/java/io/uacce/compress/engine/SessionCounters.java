package io.uacce.compress.engine;

/** The byte counters every session keeps; subclasses call {@link #account} once per step. */
public abstract class SessionCounters implements Session {
    private long consumed;
    private long produced;
    private long totalIn;
    private long totalOut;

    /** Records one step's counts. */
    protected final void account(long in, long out) {
        consumed = in;
        produced = out;
        totalIn += in;
        totalOut += out;
    }

    /** Zeroes every counter (new stream). */
    protected final void resetCounters() {
        consumed = produced = totalIn = totalOut = 0;
    }

    @Override
    public final long consumed() {
        return consumed;
    }

    @Override
    public final long produced() {
        return produced;
    }

    @Override
    public final long totalIn() {
        return totalIn;
    }

    @Override
    public final long totalOut() {
        return totalOut;
    }
}
