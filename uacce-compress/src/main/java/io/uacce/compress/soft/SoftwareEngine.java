package io.uacce.compress.soft;

import io.uacce.compress.engine.Engine;
import io.uacce.compress.engine.Session;
import io.uacce.compress.types.Format;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.Deflater;

/** java.util.zip behind the engine seam. Level 6 (zlib's default), matching the 78 9C header. */
public final class SoftwareEngine implements Engine {
    private final int level;
    /** Asynchronous calls run here (a virtual thread each), never on the common pool. */
    private final ExecutorService executor =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("uacce-soft-zip-", 0).factory());

    public SoftwareEngine() {
        this(Deflater.DEFAULT_COMPRESSION);
    }

    public SoftwareEngine(int level) {
        this.level = level;
    }

    @Override
    public String description() {
        return "software (java.util.zip)";
    }

    @Override
    public boolean hardware() {
        return false;
    }

    @Override
    public boolean supports(Format format) {
        return true;
    }

    @Override
    public Session newSession(Format format, boolean compress) {
        return compress ? new SoftDeflateSession(format, level) : new SoftInflateSession(format);
    }

    @Override
    public ExecutorService executor() {
        return executor;
    }

    /** Stops taking asynchronous work; what runs finishes. */
    @Override
    public void close() {
        executor.shutdown();
    }
}
