/**
 * Stand-ins for silicon and the kernel driver. The Java in-process device model lives here;
 * the C kernel-module stub and CUSE daemon live beside it under native-stubs/kmod, cuse, engine.
 */
module io.uacce.stubs {
    requires io.uacce.ffm;
    requires org.slf4j;

    exports io.uacce.stubs.model;

    provides io.uacce.spi.UacceKernelProvider with io.uacce.stubs.model.ModelKernelProvider;
}
