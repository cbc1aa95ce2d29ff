/**
 * uacce-ffm: the driver core. Layers, bottom up:
 * <ul>
 *   <li>{@code io.uacce.internal.sys} (not exported): FFM downcalls to libc, errno capture;</li>
 *   <li>{@code io.uacce.spi}: the kernel-ABI seam where device models plug in;</li>
 *   <li>{@code io.uacce}: discovery (sysfs), queue lifecycle, mapped regions, errors;</li>
 *   <li>{@code io.uacce.qm}: the HiSilicon QM ring (SQ/CQ, doorbells, phase bit, stop words).</li>
 *   <li>{@code io.uacce.request}: the engine-neutral request layer (queue pools, slots, completions, timeouts, device memory).</li>
 * </ul>
 */
module io.uacce.ffm {
    requires org.slf4j;
    requires jdk.jfr; // the request layer's JFR events (io.uacce.request.RequestEvents); in every JDK

    exports io.uacce;
    exports io.uacce.qm;
    exports io.uacce.request;
    exports io.uacce.spi;

    uses io.uacce.spi.UacceKernelProvider;
}
