package io.uacce.it;

import io.uacce.Uacce;

/** What every target holds: its name, host, expected era and re-map rule. */
abstract class AbstractTarget implements ConformanceTarget {
    private final String name;
    private final KernelEra era;
    private final boolean remap;
    private Uacce host;

    AbstractTarget(String name, KernelEra era, boolean remap) {
        this.name = name;
        this.era = era;
        this.remap = remap;
    }

    /** Set once by the subclass constructor. */
    final void host(Uacce host) {
        this.host = host;
    }

    /** What kind of host this is, for {@link #description()}. */
    abstract String what();

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return name + ": " + what() + ", " + host.description() + ", expected era " + era + ", remap after munmap "
                + remap;
    }

    @Override
    public final Uacce host() {
        return host;
    }

    @Override
    public final KernelEra era() {
        return era;
    }

    @Override
    public final boolean remapAfterMunmap() {
        return remap;
    }
}
