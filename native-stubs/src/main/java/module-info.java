/**
 * Stand-ins for silicon and the kernel driver. The Java in-process device model lives here;
 * the C kernel-module stub and CUSE daemon live beside it under native-stubs/kmod, cuse, engine.
 */
module io.uacce.stubs {
    requires transitive io.uacce.ffm; // the API hands out KernelTarget, Uacce
    requires org.slf4j;
    // optional: only io.uacce.stubs.cuse (the CUSE mock in a container) needs them
    requires static testcontainers;
    requires static com.github.dockerjava.api;
    // optional: the SEC engine's "silicon" (a SEC device needs BouncyCastle on the path)
    requires static org.bouncycastle.provider;

    exports io.uacce.stubs.model;
    exports io.uacce.stubs.cuse;

    provides io.uacce.spi.UacceKernelProvider with io.uacce.stubs.model.ModelKernelProvider,
            io.uacce.stubs.cuse.CuseKernelProvider;
}
