package io.uacce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.internal.sys.Libc;
import io.uacce.internal.sys.SyscallException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule 9 (issue 8): the syscall layer's own errors become the SPI's ErrnoException here. */
class LinuxKernelTest {

    @Test
    void aFailedSystemCallBecomesANamedErrnoException(@TempDir Path dir) {
        String path = dir.resolve("missing").toString();
        ErrnoException e = assertThrows(ErrnoException.class, () -> LinuxKernel.get().open(path));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("open", e.call());
        assertEquals(path, e.subject());
        assertTrue(e.getMessage().contains("ENOENT") && e.getMessage().contains("No such file"), e.getMessage());
        assertInstanceOf(SyscallException.class, e.getCause());
        ErrnoException c = assertThrows(ErrnoException.class, () -> LinuxKernel.get().close(-1));
        assertEquals("EBADF", c.errnoName());
    }

    @Test
    void pageSizeIsTheSyscallLayers() {
        assertEquals(Libc.pageSize(), LinuxKernel.get().pageSize());
        assertEquals(LinuxKernel.get(), Uacce.linuxKernel());
    }
}
