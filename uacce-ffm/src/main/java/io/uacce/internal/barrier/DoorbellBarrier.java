package io.uacce.internal.barrier;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store barrier between the SQE (and CQ bookkeeping) stores and a doorbell store, selected
 * once per JVM from {@code -Duacce.qm.barrier=auto|dmb-oshst|dsb-st|java} (default {@code auto}).
 *
 * <ul>
 *   <li>{@code auto}: {@code dmb-oshst} on aarch64, {@code java} everywhere else (x86-64: TSO, the
 *       fence only stops the JIT; unchanged from before);</li>
 *   <li>{@code dmb-oshst}: aarch64 stub {@code dmb oshst; ret} — the barrier of the Linux kernel's
 *       {@code writel}/{@code writeq} ({@code __iowmb()} = {@code dma_wmb()}), which is what the
 *       kernel's own hisi_qm driver issues before the same SQ and CQ doorbell registers. It orders
 *       all earlier stores before later stores for every observer in the outer-shareable domain,
 *       which contains the device behind the SMMU;</li>
 *   <li>{@code dsb-st}: aarch64 stub {@code dsb st; ret} — UADK's choice; also waits for the earlier
 *       stores to complete, which a doorbell store does not need (slower, same ordering);</li>
 *   <li>{@code java}: {@link VarHandle#fullFence()} ({@code dmb ish} on aarch64: inner-shareable
 *       only).</li>
 * </ul>
 * A stub that cannot be created (executable memory refused, see {@link ExecStub}) falls back to
 * {@code java} with one log line. Calling the stub is an opaque call for the JIT, so no Java store
 * before it is moved after it, nor the doorbell store before it.
 */
public final class DoorbellBarrier {
    /** The system property that selects the barrier. */
    public static final String PROPERTY = "uacce.qm.barrier";

    private static final Logger LOG = LoggerFactory.getLogger(DoorbellBarrier.class);
    private static final int RET = 0xd65f03c0;

    /** The barrier kinds and their aarch64 instruction word (0 = none). */
    public enum Kind {
        JAVA_FENCE("java", 0),
        DMB_OSHST("dmb-oshst", 0xd50332bf),
        DSB_ST("dsb-st", 0xd5033e9f);

        private final String option;
        private final int insn;

        Kind(String option, int insn) {
            this.option = option;
            this.insn = insn;
        }

        /** The property value naming it. */
        public String option() {
            return option;
        }

        /** The stub's machine code (little-endian: barrier, {@code ret}); empty for the Java fence. */
        public byte[] aarch64Code() {
            return insn == 0 ? new byte[0] : littleEndian(insn, RET);
        }
    }

    /** What was selected, the stub (null for the Java fence) and why. */
    public record Selection(Kind kind, ExecStub stub, String reason) {
    }

    /** Makes a stub; {@link ExecStub#create} outside tests. */
    @FunctionalInterface
    interface StubFactory {
        ExecStub create(String name, byte[] code) throws ExecRefusedException;
    }

    private static final Selection SELECTED = select(System.getProperty(PROPERTY, "auto"),
            System.getProperty("os.arch", ""), ExecStub::create);
    private static final MethodHandle STUB = SELECTED.stub() == null ? null : SELECTED.stub().handle();

    private DoorbellBarrier() {
    }

    /** Issues the selected barrier. */
    public static void run() {
        if (STUB == null) {
            VarHandle.fullFence();
            return;
        }
        try {
            STUB.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("doorbell barrier stub failed", t);
        }
    }

    /** The selection of this JVM. */
    public static Selection selected() {
        return SELECTED;
    }

    static Selection select(String option, String arch, StubFactory factory) {
        boolean aarch64 = arch.equals("aarch64") || arch.equals("arm64");
        Kind kind = null;
        String o = option.trim().toLowerCase(Locale.ROOT);
        for (Kind k : Kind.values()) {
            if (k.option().equals(o)) {
                kind = k;
            }
        }
        if (kind == null) {
            if (!o.equals("auto")) {
                LOG.warn("{}={} is not auto, dmb-oshst, dsb-st or java; using auto", PROPERTY, option);
            }
            kind = aarch64 ? Kind.DMB_OSHST : Kind.JAVA_FENCE;
        }
        if (kind == Kind.JAVA_FENCE) {
            return new Selection(kind, null, aarch64 ? PROPERTY + "=java" : "not aarch64 (" + arch + ")");
        }
        if (!aarch64) {
            LOG.info("{}={}: an aarch64 instruction, this is {}; using the Java fence", PROPERTY, kind.option(), arch);
            return new Selection(Kind.JAVA_FENCE, null, kind.option() + " asked for on " + arch);
        }
        try {
            ExecStub stub = factory.create("uacce-doorbell-barrier", kind.aarch64Code());
            return new Selection(kind, stub, "aarch64");
        } catch (ExecRefusedException | RuntimeException e) {
            LOG.warn("uacce: executable memory for the {} doorbell barrier refused ({}); using the Java fence"
                    + " (dmb ish) instead", kind.option(), e.getMessage());
            return new Selection(Kind.JAVA_FENCE, null, "fallback: " + e.getMessage());
        }
    }

    static byte[] littleEndian(int... words) {
        byte[] b = new byte[4 * words.length];
        for (int i = 0; i < words.length; i++) {
            for (int j = 0; j < 4; j++) {
                b[4 * i + j] = (byte) (words[i] >>> (8 * j));
            }
        }
        return b;
    }
}
