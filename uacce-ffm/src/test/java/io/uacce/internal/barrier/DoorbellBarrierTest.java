package io.uacce.internal.barrier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoorbellBarrierTest {
    private static final String ARCH = System.getProperty("os.arch");
    private static final boolean AARCH64 = ARCH.equals("aarch64");

    /** A return instruction of this machine: the smallest callable stub. */
    private static byte[] hostRet() {
        return switch (ARCH) {
            case "aarch64" -> DoorbellBarrier.littleEndian(0xd65f03c0);
            case "amd64", "x86_64" -> new byte[] {(byte) 0xc3};
            default -> null;
        };
    }

    @Test
    void instructionWordsAreTheArchitectedEncodings() {
        // Arm ARM: DMB = 0xd50330bf | CRm << 8, DSB = 0xd503309f | CRm << 8; OSHST = 0b0010, ST = 0b1110
        assertArrayEquals(DoorbellBarrier.littleEndian(0xd50330bf | 0b0010 << 8, 0xd65f03c0),
                DoorbellBarrier.Kind.DMB_OSHST.aarch64Code());
        assertArrayEquals(DoorbellBarrier.littleEndian(0xd503309f | 0b1110 << 8, 0xd65f03c0),
                DoorbellBarrier.Kind.DSB_ST.aarch64Code());
        assertArrayEquals(new byte[] {(byte) 0xbf, 0x32, 0x03, (byte) 0xd5, (byte) 0xc0, 0x03, 0x5f, (byte) 0xd6},
                DoorbellBarrier.Kind.DMB_OSHST.aarch64Code());
        assertEquals(0, DoorbellBarrier.Kind.JAVA_FENCE.aarch64Code().length);
    }

    @Test
    void stubIsReadExecuteOnlyReadsBackAndRuns() throws Exception {
        byte[] ret = hostRet();
        assumeTrue(ret != null, "no return instruction known for " + ARCH);
        ExecStub stub = ExecStub.create("uacce-test-stub", ret);
        assertArrayEquals(ret, stub.code().toArray(ValueLayout.JAVA_BYTE));
        stub.call();
        stub.call();
        String perms = permissionsOf(stub.code().address());
        assertEquals("r-xs", perms, "mapping of the stub");
        for (String line : maps()) {
            if (line.contains("memfd:uacce-test-stub")) {
                assertFalse(line.split(" +")[1].contains("w"), "a writable view of the code remains: " + line);
            }
        }
    }

    @Test
    void defaultOnAarch64IsTheDmbOshstStubAndItIsWhatRuns() throws Exception {
        assumeTrue(AARCH64, "aarch64 only (the CI runs it in the arm64 VM)");
        assumeTrue(System.getProperty(DoorbellBarrier.PROPERTY) == null, "barrier forced by property");
        DoorbellBarrier.Selection s = DoorbellBarrier.selected();
        assertEquals(DoorbellBarrier.Kind.DMB_OSHST, s.kind(), s.reason());
        assertNotNull(s.stub());
        // the executable view holds exactly dmb oshst; ret
        assertArrayEquals(DoorbellBarrier.Kind.DMB_OSHST.aarch64Code(), s.stub().code().toArray(ValueLayout.JAVA_BYTE));
        assertEquals("r-xs", permissionsOf(s.stub().code().address()));
        for (int i = 0; i < 10_000; i++) {
            DoorbellBarrier.run();
        }
        s.stub().call();
    }

    @Test
    void dsbStStubRunsOnAarch64() throws Exception {
        assumeTrue(AARCH64, "aarch64 only");
        DoorbellBarrier.Selection s = DoorbellBarrier.select("dsb-st", ARCH, ExecStub::create);
        assertEquals(DoorbellBarrier.Kind.DSB_ST, s.kind());
        assertArrayEquals(DoorbellBarrier.littleEndian(0xd5033e9f, 0xd65f03c0), s.stub().code().toArray(ValueLayout.JAVA_BYTE));
        s.stub().call();
    }

    @Test
    void selection() {
        DoorbellBarrier.StubFactory never = (n, c) -> {
            throw new AssertionError("no stub expected");
        };
        assertEquals(DoorbellBarrier.Kind.JAVA_FENCE, DoorbellBarrier.select("auto", "amd64", never).kind());
        assertEquals(DoorbellBarrier.Kind.JAVA_FENCE, DoorbellBarrier.select("dmb-oshst", "amd64", never).kind());
        assertEquals(DoorbellBarrier.Kind.JAVA_FENCE, DoorbellBarrier.select("java", "aarch64", never).kind());
        byte[][] seen = new byte[1][];
        DoorbellBarrier.StubFactory record = (n, c) -> {
            seen[0] = c;
            throw new ExecRefusedException("test", 1);
        };
        assertEquals(DoorbellBarrier.Kind.JAVA_FENCE, DoorbellBarrier.select("auto", "aarch64", record).kind());
        assertArrayEquals(DoorbellBarrier.Kind.DMB_OSHST.aarch64Code(), seen[0], "auto on aarch64 asks for dmb oshst");
        DoorbellBarrier.select("DSB-ST", "aarch64", record);
        assertArrayEquals(DoorbellBarrier.Kind.DSB_ST.aarch64Code(), seen[0]);
        DoorbellBarrier.select("bogus", "aarch64", record);
        assertArrayEquals(DoorbellBarrier.Kind.DMB_OSHST.aarch64Code(), seen[0], "unknown value = auto");
    }

    @Test
    void refusedExecutableMemoryFallsBackToTheJavaFence() {
        DoorbellBarrier.Selection s = DoorbellBarrier.select("dmb-oshst", "aarch64", (n, c) -> {
            throw new ExecRefusedException("mmap(PROT_EXEC)", 1);
        });
        assertEquals(DoorbellBarrier.Kind.JAVA_FENCE, s.kind());
        assertNull(s.stub());
        assertTrue(s.reason().contains("mmap(PROT_EXEC) refused: EPERM"), s.reason());
    }

    @Test
    void offAarch64TheSelectedBarrierIsTheJavaFence() {
        assumeTrue(!AARCH64, "the x86-64 path");
        assertEquals(DoorbellBarrier.Kind.JAVA_FENCE, DoorbellBarrier.selected().kind());
        DoorbellBarrier.run();
    }

    private static List<String> maps() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps"));
    }

    private static String permissionsOf(long address) throws IOException {
        for (String line : maps()) {
            String[] f = line.split(" +");
            String[] range = f[0].split("-");
            long lo = Long.parseUnsignedLong(range[0], 16);
            long hi = Long.parseUnsignedLong(range[1], 16);
            if (Long.compareUnsigned(address, lo) >= 0 && Long.compareUnsigned(address, hi) < 0) {
                return f[1];
            }
        }
        throw new AssertionError("address " + Long.toHexString(address) + " not mapped");
    }
}
