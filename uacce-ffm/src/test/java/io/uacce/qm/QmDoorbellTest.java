package io.uacce.qm;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QmDoorbellTest {

    @Test
    void v2WorkedExamplesFromTheSpec() {
        // spec §3.4: V2, qn 5
        assertEquals(0x0000_0003_0000_0005L, QmDoorbell.encode(QmVersion.V2, 5, QmDoorbell.CMD_SQ, 3, 0));
        assertEquals(0x0001_000A_0000_1005L, QmDoorbell.encode(QmVersion.V2, 5, QmDoorbell.CMD_CQ, 10, 1));
    }

    @Test
    void v3UsesTheV2Layout() {
        assertEquals(0x0001_000A_0000_1005L, QmDoorbell.encode(QmVersion.V3, 5, QmDoorbell.CMD_CQ, 10, 1));
    }

    @Test
    void v1Equivalents() {
        // V1: qn [15:0], cmd [31:16]
        assertEquals(0x0000_0003_0000_0005L, QmDoorbell.encode(QmVersion.V1, 5, QmDoorbell.CMD_SQ, 3, 0));
        assertEquals(0x0001_000A_0001_0005L, QmDoorbell.encode(QmVersion.V1, 5, QmDoorbell.CMD_CQ, 10, 1));
        assertEquals(0x0000_FFFF_0001_FFFFL, QmDoorbell.encode(QmVersion.V1, 0xFFFF, QmDoorbell.CMD_CQ, 0xFFFF, 0));
    }

    @Test
    void fullFieldsDoNotBleed() {
        assertEquals(0xFFFF_FFFF_0000_1FFFL, QmDoorbell.encode(QmVersion.V2, 0xFFF, 1, 0xFFFF, 0xFFFF));
        assertEquals(0x0000_0000_0000_33FFL, QmDoorbell.encode(QmVersion.V2, 1023, 3, 0, 0));
    }

    @Test
    void queueNumberOutsideTheFieldIsRefusedNotMasked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QmDoorbell.encode(QmVersion.V2, 0x1000, QmDoorbell.CMD_SQ, 0, 0));
        assertTrue(e.getMessage().contains("4096"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> QmDoorbell.encode(QmVersion.V1, 0x10000, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> QmDoorbell.encode(QmVersion.V2, -1, 0, 0, 0));
    }

    @Test
    void otherFieldsAreRangeChecked() {
        assertThrows(IllegalArgumentException.class, () -> QmDoorbell.encode(QmVersion.V2, 1, 4, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> QmDoorbell.encode(QmVersion.V2, 1, 0, 0x10000, 0));
        assertThrows(IllegalArgumentException.class, () -> QmDoorbell.encode(QmVersion.V2, 1, 0, 0, -1));
    }

    @Test
    void describeDecodes() {
        assertEquals("CQ doorbell qn 5 index 10 priority 1 (0x0001000A00001005)",
                QmDoorbell.describe(QmVersion.V2, 0x0001_000A_0000_1005L));
        assertEquals("CQ doorbell qn 5 index 10 priority 1 (0x0001000A00010005)",
                QmDoorbell.describe(QmVersion.V1, 0x0001_000A_0001_0005L));
    }
}
