/**
 * (Not exported.) The store barrier before a QM doorbell: on aarch64 a two-instruction stub
 * ({@code dmb oshst; ret}, the ordering of the kernel's {@code writel}) mapped from a memfd
 * read+execute and called through a downcall; elsewhere, and where executable memory is refused,
 * the Java fence. {@link io.uacce.internal.barrier.DoorbellBarrier} selects once per JVM.
 */
package io.uacce.internal.barrier;
