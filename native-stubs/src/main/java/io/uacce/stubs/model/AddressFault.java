package io.uacce.stubs.model;

/** The device could not reach a buffer named in an SQE (the model's SMMU / DMA fault). */
final class AddressFault extends Exception {
    private static final long serialVersionUID = 1L;

    AddressFault(String message) {
        super(message, null, false, false);
    }
}
