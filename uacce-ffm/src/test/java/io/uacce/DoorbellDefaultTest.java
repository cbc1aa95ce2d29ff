package io.uacce;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.qm.QmOptions;
import org.junit.jupiter.api.Test;

/**
 * Rule 5 (issue 8): the re-kick and SQ-echo measures exist for memory-backed doorbells of the
 * models; the real kernel does not declare them, so on silicon they stay off unless a property
 * turns them on (the kernel-module stub's CI run does, until its doorbells latch).
 */
class DoorbellDefaultTest {
    @Test
    void linuxKernelDeclaresLatchedDoorbells() {
        assertFalse(LinuxKernel.get().memoryBackedDoorbells(), "silicon latches every doorbell write");
    }

    @Test
    void optionsForTheLinuxKernelTurnRekickAndEchoOff() {
        String old = System.clearProperty(QmOptions.PROP_MEMORY_BACKED_DOORBELLS);
        try {
            QmOptions o = QmOptions.defaults().forTarget(LinuxKernel.get().memoryBackedDoorbells());
            assertFalse(o.memoryBackedDoorbells());
            assertTrue(QmOptions.defaults().forTarget(true).memoryBackedDoorbells(), "a model target turns them on");
            System.setProperty(QmOptions.PROP_MEMORY_BACKED_DOORBELLS, "true");
            assertTrue(QmOptions.defaults().forTarget(false).memoryBackedDoorbells(),
                    "the property wins over the target (kernel-stub CI run)");
        } finally {
            if (old == null) {
                System.clearProperty(QmOptions.PROP_MEMORY_BACKED_DOORBELLS);
            } else {
                System.setProperty(QmOptions.PROP_MEMORY_BACKED_DOORBELLS, old);
            }
        }
    }
}
