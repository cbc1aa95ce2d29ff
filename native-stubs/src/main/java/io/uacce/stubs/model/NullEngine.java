package io.uacce.stubs.model;

import java.lang.foreign.MemorySegment;

/** Completes every SQE at once without touching a buffer: consumed = input length, produced 0. */
final class NullEngine implements SqeProcessor {
    @Override
    public void process(MemorySegment sqe) {
        Sqe.setDw(sqe, Sqe.CONSUMED, Sqe.dw(sqe, Sqe.INPUT_LENGTH));
        Sqe.setDw(sqe, Sqe.PRODUCED, 0);
        Sqe.setDw(sqe, Sqe.COMP_DATA_LENGTH, 0);
        Sqe.setDw(sqe, Sqe.STATUS, ModelStatus.OK);
    }

    @Override
    public void close() {
    }
}
