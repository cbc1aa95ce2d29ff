package io.uacce.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Uacce;
import io.uacce.UacceException;
import io.uacce.compress.types.Format;
import io.uacce.spi.KernelTarget;
import io.uacce.spi.UacceKernel;
import io.uacce.stubs.model.ModelHost;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/**
 * Rule 6 (issue 8): AUTO falls back to software on any failure to reach the device path (here
 * native access refused at the first system call, as a JVM run with --illegal-native-access=deny
 * does), and HARDWARE reports it as a typed error that says what to do.
 */
class DevicePathFailureTest {
    private static IllegalCallerException refused() {
        return new IllegalCallerException("restricted method called without native access");
    }

    /** The model's devices, behind a kernel whose calls are refused native access. */
    private static Uacce refusingHost(ModelHost model) {
        KernelTarget t = model.target();
        UacceKernel k = t.kernel();
        UacceKernel refusing = new UacceKernel() {
            @Override
            public String name() {
                return "refused";
            }

            @Override
            public long pageSize() {
                return k.pageSize();
            }

            @Override
            public int open(String path) {
                throw new IllegalCallerException("restricted method open called without native access");
            }

            @Override
            public long ioctl(int fd, long request, MemorySegment arg) {
                throw refused();
            }

            @Override
            public MemorySegment mmap(int fd, long length, long offset) {
                throw refused();
            }

            @Override
            public void munmap(MemorySegment mapping) {
                throw refused();
            }

            @Override
            public int poll(int fd, int events, int timeoutMillis) {
                throw refused();
            }

            @Override
            public void close(int fd) {
            }
        };
        return Uacce.builder().target(new KernelTarget(refusing, t.sysfsRoot(), t.devRoot(), "refused")).build();
    }

    @Test
    void autoFallsBackToSoftware() throws Exception {
        try (ModelHost model = ModelHost.builder().build();
                ZipEngine zip = ZipEngine.builder().mode(Mode.AUTO).host(refusingHost(model)).build()) {
            assertFalse(zip.hardware(), zip.description());
            byte[] data = Corpus.compressible(5000);
            assertArrayEquals(data, zip.decompress(Format.GZIP, zip.compress(Format.GZIP, data)));
        }
    }

    @Test
    void hardwareSaysWhatToDo() {
        try (ModelHost model = ModelHost.builder().build()) {
            UacceException e = assertThrows(UacceException.class,
                    () -> ZipEngine.builder().mode(Mode.HARDWARE).host(refusingHost(model)).build());
            assertTrue(e.getMessage().contains("--enable-native-access"), e.getMessage());
        }
    }
}
