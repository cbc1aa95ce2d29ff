package io.uacce.qm;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QmOptionsTest {

    @Test
    void defaults() {
        QmOptions o = QmOptions.builder().build();
        assertEquals(0, o.qcType());
        assertEquals(QmOptions.WaitMode.SPIN, o.waitMode());
        assertEquals(5_000_000_000L, o.timeoutNanos());
        assertEquals(1_000_000L, o.rekickNanos());
        assertEquals(32, o.cqBatch());
    }

    @Test
    void systemPropertiesOverrideDefaultsAndBuilderWins() {
        String[] props = {QmOptions.PROP_WAIT_MODE, QmOptions.PROP_TIMEOUT_MILLIS, QmOptions.PROP_REKICK_MICROS,
            QmOptions.PROP_CQ_BATCH, QmOptions.PROP_SPIN_ITERATIONS, QmOptions.PROP_YIELD_ITERATIONS,
            QmOptions.PROP_PARK_MICROS};
        try {
            System.setProperty(QmOptions.PROP_WAIT_MODE, " POLL ");
            System.setProperty(QmOptions.PROP_TIMEOUT_MILLIS, "250");
            System.setProperty(QmOptions.PROP_REKICK_MICROS, "0");
            System.setProperty(QmOptions.PROP_CQ_BATCH, "1");
            System.setProperty(QmOptions.PROP_SPIN_ITERATIONS, "7");
            System.setProperty(QmOptions.PROP_YIELD_ITERATIONS, "8");
            System.setProperty(QmOptions.PROP_PARK_MICROS, "9");
            QmOptions o = QmOptions.defaults();
            assertEquals(QmOptions.WaitMode.POLL, o.waitMode());
            assertEquals(250_000_000L, o.timeoutNanos());
            assertEquals(0, o.rekickNanos());
            assertEquals(1, o.cqBatch());
            assertEquals(7, o.spinIterations());
            assertEquals(8, o.yieldIterations());
            assertEquals(9_000, o.parkNanos());
            assertEquals(QmOptions.WaitMode.SPIN,
                    QmOptions.builder().waitMode(QmOptions.WaitMode.SPIN).build().waitMode());
            System.setProperty(QmOptions.PROP_CQ_BATCH, "many");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, QmOptions::defaults);
            assertTrue(e.getMessage().contains(QmOptions.PROP_CQ_BATCH), e.getMessage());
        } finally {
            for (String p : props) {
                System.clearProperty(p);
            }
        }
    }

    @Test
    void builderValidates() {
        assertThrows(IllegalArgumentException.class, () -> QmOptions.builder().qcType(2));
        assertThrows(IllegalArgumentException.class, () -> QmOptions.builder().timeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> QmOptions.builder().cqBatch(0));
        assertThrows(IllegalArgumentException.class, () -> QmOptions.builder().rekick(Duration.ofMillis(-1)));
        assertEquals(1, QmOptions.builder().qcType(1).build().toBuilder().build().qcType());
    }
}
