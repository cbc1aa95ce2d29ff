package io.uacce.internal.barrier;

import java.lang.invoke.VarHandle;

/**
 * Figures only (not a test): ns per barrier for the Java fence, an empty stub ({@code ret}: the
 * downcall overhead) and, on aarch64, the dmb-oshst and dsb-st stubs. Run with the test class path:
 * {@code java --enable-native-access=ALL-UNNAMED -cp uacce-ffm/target/classes:uacce-ffm/target/test-classes:<slf4j-api>
 * io.uacce.internal.barrier.BarrierCost [millions]}. Best of five rounds after warm-up.
 */
public final class BarrierCost {
    private BarrierCost() {
    }

    public static void main(String[] args) throws Exception {
        long n = (long) (Double.parseDouble(args.length > 0 ? args[0] : "20") * 1_000_000);
        String arch = System.getProperty("os.arch");
        boolean a64 = arch.equals("aarch64");
        byte[] ret = a64 ? DoorbellBarrier.littleEndian(0xd65f03c0) : new byte[] {(byte) 0xc3};
        report("java fullFence", n, () -> VarHandle.fullFence());
        ExecStub empty = ExecStub.create("uacce-cost-ret", ret);
        report("stub ret (downcall only)", n, empty::call);
        if (a64) {
            for (DoorbellBarrier.Kind k : new DoorbellBarrier.Kind[] {DoorbellBarrier.Kind.DMB_OSHST, DoorbellBarrier.Kind.DSB_ST}) {
                ExecStub s = ExecStub.create("uacce-cost-" + k.option(), k.aarch64Code());
                report("stub " + k.option(), n, s::call);
            }
        }
        System.out.println("selected: " + DoorbellBarrier.selected().kind() + " (" + DoorbellBarrier.selected().reason() + ")");
        report("DoorbellBarrier.run (selected)", n, DoorbellBarrier::run);
    }

    private static void report(String what, long n, Runnable r) {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 6; round++) {
            long t0 = System.nanoTime();
            for (long i = 0; i < n; i++) {
                r.run();
            }
            double ns = (System.nanoTime() - t0) / (double) n;
            if (round > 0) {
                best = Math.min(best, ns);
            }
        }
        System.out.printf("%-34s %8.2f ns/call%n", what, best);
    }
}
