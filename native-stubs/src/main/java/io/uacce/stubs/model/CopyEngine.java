package io.uacce.stubs.model;

import java.lang.foreign.MemorySegment;

/** Copies the input buffer to the output buffer (status 0x0E when it does not fit). */
final class CopyEngine implements SqeProcessor {
    private final ModelDeviceMemory memory;
    private final Staging staging = new Staging();

    CopyEngine(ModelDeviceMemory memory) {
        this.memory = memory;
    }

    @Override
    public void process(MemorySegment sqe) {
        long length = Integer.toUnsignedLong(Sqe.dw(sqe, Sqe.INPUT_LENGTH));
        long avail = Integer.toUnsignedLong(Sqe.dw(sqe, Sqe.DEST_AVAIL_OUT));
        int status = ModelStatus.OK;
        long done = 0;
        if (length > ModelZipEngine.MAX_LENGTH) {
            status = ModelStatus.BAD_REQUEST;
        } else if (avail < length) {
            status = ModelStatus.DEST_TOO_SMALL;
        } else {
            try {
                MemorySegment buf = staging.get(length);
                memory.read(Sqe.address(sqe, Sqe.SOURCE), buf, length);
                memory.write(Sqe.address(sqe, Sqe.DEST), buf, length);
                done = length;
            } catch (AddressFault f) {
                status = ModelStatus.ADDRESS_FAULT;
            }
        }
        Sqe.setDw(sqe, Sqe.CONSUMED, (int) done);
        Sqe.setDw(sqe, Sqe.PRODUCED, (int) done);
        Sqe.setDw(sqe, Sqe.COMP_DATA_LENGTH, (int) done);
        Sqe.setDw(sqe, Sqe.STATUS, status);
    }

    @Override
    public void close() {
        staging.close();
        if (memory instanceof ProcessMemory pm) {
            pm.close();
        }
    }
}
