package io.uacce.compress.cli;

import io.uacce.DeviceInfo;
import io.uacce.QueueInfo;
import io.uacce.Region;
import io.uacce.SsSlice;
import io.uacce.Uacce;
import io.uacce.UacceQueue;
import io.uacce.compress.Mode;
import io.uacce.compress.ZipEngine;
import io.uacce.compress.types.Format;
import io.uacce.compress.zip.GzipChecksum;
import io.uacce.compress.zip.Headers;
import io.uacce.compress.zip.RequestType;
import io.uacce.compress.zip.SqeType;
import io.uacce.compress.zip.WindowSize;
import io.uacce.compress.zip.ZipRequest;
import io.uacce.compress.zip.ZipResult;
import io.uacce.compress.zip.ZipSqe;
import io.uacce.qm.QmDoorbell;
import io.uacce.qm.QmOptions;
import io.uacce.qm.QmRing;
import io.uacce.qm.QmVersion;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;

/**
 * One request, step by step, on the device or (without /dev/hisi_zip-*) on the embedded model:
 * open, ioctls, mmap, SQE, doorbell, CQE; then a compress/decompress round trip through the
 * public API, verified against java.util.zip.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Show one request travelling open -> ioctl -> mmap -> SQE -> doorbell -> CQE, then a verified"
                + " compress/decompress round trip. Uses the in-process model when there is no device.")
final class DemoCommand implements Callable<Integer> {
    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        byte[] text = ("uacce-java: a pure-Java user-space driver for HiSilicon ZIP. ".repeat(200))
                .getBytes(StandardCharsets.US_ASCII);
        Uacce host = Uacce.system();
        out.println("== host: " + host.description());
        if (host.description().contains("model")) {
            out.println("   (no /dev/hisi_zip-* here: this runs on the embedded in-process device model)");
        }
        DeviceInfo dev = host.selectOrThrow("gzip");
        QmVersion version = QmVersion.fromApi(dev.api());
        SqeType sqeType = SqeType.forVersion(version);
        out.printf("== device %s: api %s (%s, SQE type %d), flags %d (%s), algorithms %s, free queues %d, node %d%n",
                dev.name(), dev.api(), version, sqeType.code(), dev.flags(), dev.sva() ? "SVA" : "no-SVA",
                dev.algorithms(), dev.availableInstances(), dev.numaNode());
        byte[] gz;
        try (UacceQueue q = host.open(dev); Arena arena = Arena.ofConfined()) {
            out.println("1. open(" + dev.devicePath() + ", O_RDWR|O_CLOEXEC) -> one hardware queue pair");
            MemorySegment dus = q.map(Region.DUS);
            MemorySegment mmio = q.map(Region.MMIO);
            out.printf("2. mmap DUS (offset 1 page): %d bytes at 0x%x (SQ ring, CQ ring, stop words)%n",
                    dus.byteSize(), dus.address());
            out.printf("   mmap MMIO (offset 0): %d bytes at 0x%x (doorbell at +0x%x)%n", mmio.byteSize(),
                    mmio.address(), version.doorbellOffset());
            int qn = q.setContext(0);
            out.println("3. ioctl SET_QP_CTX(qc_type 0 = compress) -> queue number qn " + qn);
            QueueInfo info = q.queryInfo();
            out.printf("   ioctl SET_QP_INFO -> SQE %d bytes, SQ depth %d, CQ depth %d%s%n", info.sqeSize(),
                    info.sqDepth(), info.cqDepth(), info.reportedByKernel() ? "" : " (kernel without it: defaults)");
            Buffers b = buffers(q, dev, arena, text.length);
            q.start();
            out.println("4. ioctl START_Q -> queue running");
            QmRing ring = new QmRing(mmio, dus, version, qn, info.sqeSize(), info.sqDepth(), info.cqDepth(),
                    q::awaitEvent, QmOptions.defaults());

            MemorySegment.copy(MemorySegment.ofArray(text), 0, b.in, 0, text.length);
            byte[] header = Headers.header(Format.GZIP);
            ZipRequest req = new ZipRequest().sqeType(sqeType).requestType(RequestType.GZIP)
                    .window(sqeType == SqeType.TYPE3 ? WindowSize.W32K : null).stateless()
                    .source(b.inAddress, text.length).destination(b.outAddress, b.out.byteSize()).tag(1);
            int slot = ring.tryReserve();
            req.writeTo(ring.sqe(slot));
            MemorySegment sqe = ring.sqe(slot);
            out.printf("5. SQE in slot %d (gzip, stateless: new stream + finish): dw4 input %d, dw7 0x%08x, dw9 0x%08x,"
                            + " dw14 room %d, source 0x%x, dest 0x%x, tag dw%d = %d%n", slot,
                    ZipSqe.dw(sqe, ZipSqe.DW_INPUT_LENGTH), ZipSqe.dw(sqe, ZipSqe.DW_FLAGS),
                    ZipSqe.dw(sqe, ZipSqe.DW_REQUEST), ZipSqe.dw(sqe, ZipSqe.DW_DEST_AVAIL_OUT),
                    ZipSqe.address(sqe, ZipSqe.DW_SOURCE_L), ZipSqe.address(sqe, ZipSqe.DW_DEST_L),
                    sqeType.tagDword(), ZipSqe.dw(sqe, sqeType.tagDword()));
            ring.publish();
            long word = QmDoorbell.encode(version, qn, QmDoorbell.CMD_SQ, (slot + 1) % ring.depth(), 0);
            out.println("6. store barrier + 64-bit SQ doorbell 0x" + Long.toHexString(word) + " ("
                    + QmDoorbell.describe(version, word) + ")");
            int done = ring.awaitCompletion(10, TimeUnit.SECONDS);
            ZipResult r = new ZipResult().readFrom(ring.sqe(done), sqeType);
            out.printf("7. CQE with the expected phase bit names SQ slot %d; the device wrote its results there:%n"
                    + "   status 0x%02x, consumed %d, produced %d, dw31 0x%08x -> CRC-32 0x%08x, isize %d%n", done,
                    r.status(), r.consumed(), r.produced(), r.checksum(), GzipChecksum.crcFromDevice(r.checksum()),
                    r.isize());
            ring.release(done);
            if (r.status() != 0 && r.status() != 0x0D) {
                out.println("FAILED: device status " + r.status());
                return 1;
            }
            gz = new byte[header.length + r.produced()];
            System.arraycopy(header, 0, gz, 0, header.length);
            MemorySegment.copy(b.out, 0, MemorySegment.ofArray(gz), header.length, r.produced());
            CRC32 crc = new CRC32();
            crc.update(text);
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                boolean same = Arrays.equals(text, in.readAllBytes());
                out.printf("8. library header (10 bytes) + device body/trailer = %d bytes of gzip; java.util.zip"
                        + " GZIPInputStream reads it back: %s (CRC-32 0x%08x)%n", gz.length, same ? "identical" : "DIFFERENT",
                        (int) crc.getValue());
                if (!same) {
                    return 1;
                }
            }
            q.put();
            out.println("9. ioctl PUT_Q, munmap, close");
        }
        try (ZipEngine zip = ZipEngine.builder().host(host).mode(Mode.AUTO).build()) {
            byte[] back = zip.decompress(Format.GZIP, gz);
            byte[] again = zip.compress(Format.ZLIB, text);
            byte[] back2 = zip.decompress(Format.ZLIB, again);
            boolean ok = Arrays.equals(text, back) && Arrays.equals(text, back2);
            out.printf("10. public API (%s): gzip decompress %d -> %d bytes, zlib round trip %d -> %d -> %d bytes: %s%n",
                    zip.description(), gz.length, back.length, text.length, again.length, back2.length,
                    ok ? "verified" : "MISMATCH");
            return ok ? 0 : 1;
        }
    }

    private record Buffers(MemorySegment in, long inAddress, MemorySegment out, long outAddress) {
    }

    /** SVA: any native memory, virtual addresses. No-SVA: inside the SS region, DMA addresses. */
    private Buffers buffers(UacceQueue q, DeviceInfo dev, Arena arena, int size) {
        long room = size + 4096L;
        if (dev.sva()) {
            MemorySegment in = arena.allocate(size, 64);
            MemorySegment outSeg = arena.allocate(room, 64);
            out.println("   buffers: SVA, the SQE carries process virtual addresses");
            return new Buffers(in, in.address(), outSeg, outSeg.address());
        }
        MemorySegment ss = q.map(Region.SS, 1 << 20);
        List<SsSlice> slices = q.ssSlices();
        SsSlice first = slices.get(0);
        if (first.size() < 2 * room) {
            throw new IllegalStateException("first SS slice of " + first.size() + " bytes is too small for the demo");
        }
        out.printf("   no-SVA: mmap SS (offset 2 pages) %d bytes; GET_SS_DMA -> %d slice(s), first at DMA 0x%x%n",
                ss.byteSize(), slices.size(), first.dmaAddress());
        long half = first.size() / 2;
        return new Buffers(ss.asSlice(0, size), first.dmaAddress(), ss.asSlice(half, room), first.dmaAddress() + half);
    }
}
