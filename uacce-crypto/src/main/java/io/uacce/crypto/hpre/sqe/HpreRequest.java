package io.uacce.crypto.hpre.sqe;

/**
 * What one HPRE SQE asks the device. Mutable and reused: {@link #clear()} then fill. Addresses
 * are device addresses (SVA: process virtual addresses) of buffers laid out by {@link HpreOperands}.
 */
public final class HpreRequest {
    /** The alg code (dw0[4:0], {@link HpreAlg}). */
    public int alg;
    /** The operand slot size in bytes (a multiple of 8): RSA/DH key bytes, ECC hw_size. */
    public int operandBytes;
    public long key;
    public long in;
    public long out;
    /** SM2 sign/encrypt: the hardware generates k (dw1 bit 25). */
    public boolean sm2HardwareK;
    /** dw1 bit 31: UADK's high-performance-core hint for P-256 ECDH on api >= v3 (§3.5). */
    public boolean highPerformanceCore;
    /** SM2 encrypt/decrypt: message length in bytes (written as length − 1 into dw10[8:0]); 0 = none. */
    public int sm2MessageLength;

    /** Resets every field. */
    public HpreRequest clear() {
        alg = operandBytes = sm2MessageLength = 0;
        key = in = out = 0;
        sm2HardwareK = highPerformanceCore = false;
        return this;
    }

    /** Sets the common fields of one request. */
    public HpreRequest set(int alg, int operandBytes, long key, long in, long out) {
        clear();
        this.alg = alg;
        this.operandBytes = operandBytes;
        this.key = key;
        this.in = in;
        this.out = out;
        return this;
    }
}
