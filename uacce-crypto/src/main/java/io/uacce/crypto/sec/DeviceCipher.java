package io.uacce.crypto.sec;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.function.Supplier;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.CipherSpi;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;

/**
 * ECB, CBC and CTR without padding in AUTO mode (AES and SM4: 16-byte blocks; 3DES ECB/CBC: 8-byte
 * blocks, the chaining value one 8-byte block). The software cipher (SunJCE or ours) is initialised
 * first, so key, IV and parameter errors are exactly its own. An {@code update} or {@code doFinal}
 * that starts on a block boundary and carries at least the size threshold sends its whole blocks to
 * the device as one BD; the chaining value is then carried in software as §2.5 describes (CBC: the
 * last ciphertext block; CTR: the counter advanced by the number of blocks, 128-bit rollover) and the
 * software cipher re-initialised with it for what follows, so any mix of device and software parts
 * gives the software result. Any device problem leaves the call to software. Not thread-safe, like
 * every {@code Cipher}.
 */
final class DeviceCipher extends SoftFrontedCipher {
    /** The cipher's block: 8 bytes for 3DES, 16 for AES and SM4. */
    private final int block;
    private final int cAlg;
    private final int cMode;
    private final int threshold;
    private final String algorithm;
    private int opmode;
    private Key key;
    private byte[] rawKey;
    /** The IV of the last init (null for ECB) and the chaining value now. */
    private byte[] iv0;
    private byte[] iv;
    /** Bytes given to the software cipher since it was last (re)initialised. */
    private long fed;
    /** The last block given to and returned by the software cipher since then (CBC chaining). */
    private final byte[] lastIn;
    private final byte[] lastOut;

    DeviceCipher(SecDevice device, String algorithm, int cAlg, int cMode, int threshold, Supplier<Cipher> software) {
        super(device, software);
        this.algorithm = algorithm;
        this.cAlg = cAlg;
        this.cMode = cMode;
        this.block = cAlg == io.uacce.crypto.sec.bd.SecCodes.C_ALG_3DES ? 8 : 16;
        this.lastIn = new byte[block];
        this.lastOut = new byte[block];
        this.threshold = Math.max(block, threshold);
    }

    @Override
    protected int engineGetOutputSize(int inputLen) {
        return soft.getOutputSize(inputLen);
    }

    @Override
    protected byte[] engineGetIV() {
        return iv0 == null ? null : iv0.clone();
    }

    @Override
    protected AlgorithmParameters engineGetParameters() {
        if (iv0 == null) {
            return null;
        }
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance(algorithm, soft.getProvider());
            p.init(new IvParameterSpec(iv0));
            return p;
        } catch (java.security.GeneralSecurityException e) {
            return soft.getParameters();
        }
    }

    @Override
    void started(int mode, Key k, Object params) {
        opmode = mode;
        key = k;
        if (rawKey != null) {
            Arrays.fill(rawKey, (byte) 0);
        }
        rawKey = k.getEncoded();
        iv0 = soft.getIV();
        iv = iv0 == null ? null : iv0.clone();
        fed = 0;
    }

    private boolean toDevice(int len) {
        boolean can = rawKey != null && fed % block == 0 && (opmode == Cipher.ENCRYPT_MODE || opmode == Cipher.DECRYPT_MODE);
        if (device.hardware() && len >= block && !can) {
            throw device.refuse(transformation(), "wrap/unwrap, a key without encoding, or a call after a partial"
                    + " CTR block");
        }
        return can && len >= (device.hardware() ? block : threshold);
    }

    private String transformation() {
        return soft.getAlgorithm();
    }

    /** Sends {@code n} whole-block bytes to the device; on success carries the chaining value and resyncs software. */
    private boolean deviceBlocks(byte[] in, int off, int n, byte[] out, int outOff) {
        return deviceBlocks(MemorySegment.ofArray(in).asSlice(off, n), MemorySegment.ofArray(out).asSlice(outOff, n));
    }

    /** As the array form; native {@code in}/{@code out} reach an SVA device without a copy. */
    private boolean deviceBlocks(MemorySegment in, MemorySegment out) {
        long n = in.byteSize();
        boolean encrypt = opmode == Cipher.ENCRYPT_MODE;
        byte[] lastIn = cMode == io.uacce.crypto.sec.bd.SecCodes.C_MODE_CBC && !encrypt
                ? in.asSlice(n - block, block).toArray(ValueLayout.JAVA_BYTE) : null; // before out may overwrite in
        byte[] chaining = chaining(encrypt);
        if (!device.cipher(encrypt, cAlg, cMode, rawKey, chaining, in, out)) {
            if (device.hardware()) {
                throw device.refuse(transformation(), "not offered (V2 has no CTR, §5), failed its known-answer test"
                        + " or refused");
            }
            return false;
        }
        if (iv != null) {
            iv = switch (cMode) {
                case io.uacce.crypto.sec.bd.SecCodes.C_MODE_CBC ->
                        encrypt ? out.asSlice(n - block, block).toArray(ValueLayout.JAVA_BYTE) : lastIn;
                default -> addCounter(chaining, n / block);
            };
        }
        resync(iv);
        return true;
    }

    /**
     * The whole blocks of {@code input} straight from and to direct buffers (zero-copy on SVA
     * devices): bytes done, positions advanced; 0 (nothing done) when the buffers or the call do not
     * suit — heap or read-only output, partial overlap, below the threshold — and the caller goes on
     * the array path.
     */
    private int directBlocks(ByteBuffer input, ByteBuffer output, int n) throws ShortBufferException {
        if (n < block || !input.isDirect() || !output.isDirect() || output.isReadOnly() || !toDevice(n)) {
            return 0;
        }
        if (output.remaining() < n) {
            throw new ShortBufferException("output buffer too short: " + n + " bytes needed");
        }
        MemorySegment in = MemorySegment.ofBuffer(input).asSlice(0, n);
        MemorySegment out = MemorySegment.ofBuffer(output).asSlice(0, n);
        long a = in.address(), b = out.address();
        if (a != b && a < b + n && b < a + n) {
            return 0; // partly overlapping: the array path copies the input first
        }
        if (!deviceBlocks(in, out)) {
            return 0;
        }
        input.position(input.position() + n);
        output.position(output.position() + n);
        return n;
    }

    @Override
    protected int engineUpdate(ByteBuffer input, ByteBuffer output) throws ShortBufferException {
        int done = directBlocks(input, output, input.remaining() & ~(block - 1));
        return done + (input.hasRemaining() ? super.engineUpdate(input, output) : 0);
    }

    @Override
    protected int engineDoFinal(ByteBuffer input, ByteBuffer output)
            throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
        int len = input.remaining();
        boolean whole = cMode == io.uacce.crypto.sec.bd.SecCodes.C_MODE_CTR || len % block == 0;
        if (whole && output.remaining() < soft.getOutputSize(len)) {
            throw new ShortBufferException("output buffer too short: " + soft.getOutputSize(len) + " bytes needed");
        }
        int done = whole ? directBlocks(input, output, len & ~(block - 1)) : 0;
        return done + super.engineDoFinal(input, output);
    }

    /** The chaining value where the software cipher stands now (called on a block boundary). */
    private byte[] chaining(boolean encrypt) {
        if (iv == null || fed == 0) {
            return iv;
        }
        if (cMode == io.uacce.crypto.sec.bd.SecCodes.C_MODE_CBC) {
            return (encrypt ? lastOut : lastIn).clone();
        }
        return addCounter(iv, fed / block);
    }

    private void slide(byte[] window, byte[] src, int off, int len) {
        int n = Math.min(len, block);
        System.arraycopy(window, n, window, 0, block - n);
        System.arraycopy(src, off + len - n, window, block - n, n);
    }

    /** Software update of {@code in[off, off+len)}, keeping the chaining windows. */
    private int softUpdate(byte[] in, int off, int len, byte[] out, int outOff) throws ShortBufferException {
        slide(lastIn, in, off, len); // before out may overwrite in
        int r = soft.update(in, off, len, out, outOff);
        slide(lastOut, out, outOff, r);
        fed += len;
        return r;
    }

    static byte[] addCounter(byte[] counter, long blocks) {
        byte[] c = counter.clone();
        long carry = blocks;
        for (int i = c.length - 1; i >= 0 && carry != 0; i--) {
            long sum = (c[i] & 0xFF) + (carry & 0xFF);
            c[i] = (byte) sum;
            carry = (carry >>> 8) + (sum >>> 8);
        }
        return c;
    }

    private void resync(byte[] chaining) {
        try {
            if (chaining == null) {
                soft.init(opmode, key);
            } else {
                soft.init(opmode, key, new IvParameterSpec(chaining));
            }
        } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("software cipher refused a key it accepted before", e);
        }
        fed = 0;
    }

    @Override
    protected int engineUpdate(byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset)
            throws ShortBufferException {
        int n = inputLen & ~(block - 1);
        if (toDevice(inputLen)) {
            if (output.length - outputOffset < n) {
                throw new ShortBufferException("output buffer too short: " + n + " bytes needed");
            }
            if (deviceBlocks(input, inputOffset, n, output, outputOffset)) {
                int tail = inputLen - n;
                return n + (tail == 0 ? 0 : softUpdate(input, inputOffset + n, tail, output, outputOffset + n));
            }
        }
        return softUpdate(input, inputOffset, inputLen, output, outputOffset);
    }

    @Override
    protected int engineDoFinal(byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset)
            throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
        if (input == null) {
            input = new byte[0];
        }
        int need = soft.getOutputSize(inputLen);
        boolean whole = cMode == io.uacce.crypto.sec.bd.SecCodes.C_MODE_CTR || inputLen % block == 0;
        int done = 0;
        if (whole && toDevice(inputLen)) {
            if (output.length - outputOffset < need) {
                throw new ShortBufferException("output buffer too short: " + need + " bytes needed");
            }
            int n = inputLen & ~(block - 1);
            if (deviceBlocks(input, inputOffset, n, output, outputOffset)) {
                done = n;
            }
        }
        try {
            int r = soft.doFinal(input, inputOffset + done, inputLen - done, output, outputOffset + done);
            restart();
            return done + r;
        } catch (IllegalBlockSizeException | BadPaddingException e) {
            restart();
            throw e;
        }
    }

    /** After doFinal the cipher is as after its last init (JCA), not at the carried chaining value. */
    private void restart() {
        iv = iv0 == null ? null : iv0.clone();
        resync(iv0);
    }
}
