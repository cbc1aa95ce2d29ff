package io.uacce.crypto.sec;

import java.security.Key;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.function.Supplier;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;

/**
 * AES/SM4/DESede ECB and CBC with PKCS5Padding on the device: the padding in software, the whole blocks
 * through a {@link DeviceCipher} of the same mode without padding (so the threshold, the chaining
 * and every device fallback are that cipher's). The SOFTWARE provider's padded cipher is initialised
 * first (key, IV and parameter errors, the random IV of an encryption without one are its own) and
 * answers what involves no block: an empty or misaligned decryption. Decryption holds back the last
 * block until {@code doFinal} and releases nothing of that call before the padding checked.
 * Not thread-safe, like every {@code Cipher}.
 */
final class DevicePaddedCipher extends SoftFrontedCipher {
    /** 8 bytes for DESede, 16 for AES and SM4. */
    private final int block;
    private final DeviceCipher blocks;
    private final boolean cbc;
    private final byte[] pending;
    private int pendingLen;
    private boolean decrypt;
    private boolean usable;

    DevicePaddedCipher(SecDevice device, boolean cbc, Supplier<Cipher> padded, DeviceCipher blocks) {
        super(device, padded);
        this.cbc = cbc;
        this.blocks = blocks;
        this.block = soft.getBlockSize();
        this.pending = new byte[block];
    }

    @Override
    void started(int mode, Key k, Object params) {
        pendingLen = 0;
        decrypt = mode == Cipher.DECRYPT_MODE;
        usable = mode == Cipher.ENCRYPT_MODE || decrypt;
        if (!usable) {
            return; // wrap/unwrap: the software cipher's
        }
        try {
            byte[] iv = soft.getIV();
            if (cbc) {
                blocks.engineInit(mode, k, new IvParameterSpec(iv), null);
            } else {
                blocks.engineInit(mode, k, (AlgorithmParameterSpec) null, null);
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the unpadded cipher refused what the padded one accepted", e);
        }
    }

    @Override
    protected int engineGetOutputSize(int inputLen) {
        long total = (long) pendingLen + inputLen;
        return (int) Math.min(Integer.MAX_VALUE, decrypt ? total : (total / block + 1) * block);
    }

    private void requireInit() {
        if (!usable) {
            throw new IllegalStateException("Cipher not initialized for encryption or decryption");
        }
    }

    /** Bytes an update of {@code len} releases: whole blocks, decryption keeping the last (≥ 1 byte) back. */
    private int releasable(int len) {
        long total = (long) pendingLen + len;
        if (total == 0) {
            return 0;
        }
        return (int) ((decrypt ? (total - 1) / block : total / block) * block);
    }

    /** Releases {@code release} bytes (pending first, then input) through the block cipher; keeps the rest pending. */
    private int feed(byte[] in, int off, int len, int release, byte[] out, int outOff) throws ShortBufferException {
        int produced = 0;
        if (release > 0) {
            int head = Math.min(release, pendingLen == 0 ? 0 : block); // pending completed to one block
            if (head > 0) {
                byte[] h = Arrays.copyOf(pending, block);
                System.arraycopy(in, off, h, pendingLen, head - pendingLen);
                produced = blocks.engineUpdate(h, 0, head, out, outOff);
                off += head - pendingLen;
                len -= head - pendingLen;
                pendingLen = 0;
            }
            int middle = release - head;
            if (middle > 0) {
                produced += blocks.engineUpdate(in, off, middle, out, outOff + produced);
                off += middle;
                len -= middle;
            }
        }
        System.arraycopy(in, off, pending, pendingLen, len);
        pendingLen += len;
        return produced;
    }

    @Override
    protected int engineUpdate(byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset)
            throws ShortBufferException {
        requireInit();
        int release = releasable(inputLen);
        if (release > 0 && (output == null || output.length - outputOffset < release)) {
            throw new ShortBufferException("output buffer too short: " + release + " bytes needed");
        }
        return feed(input, inputOffset, inputLen, release, output, outputOffset);
    }

    @Override
    protected int engineDoFinal(byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset)
            throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
        requireInit();
        if (input == null) {
            input = new byte[0];
            inputOffset = inputLen = 0;
        }
        long total = (long) pendingLen + inputLen;
        int room = output == null ? 0 : output.length - outputOffset;
        if (!decrypt) {
            int need = (int) ((total / block + 1) * block);
            if (room < need) {
                throw new ShortBufferException("output buffer too short: " + need + " bytes needed");
            }
            int n = feed(input, inputOffset, inputLen, releasable(inputLen), output, outputOffset);
            int pad = block - pendingLen;
            Arrays.fill(pending, pendingLen, block, (byte) pad);
            pendingLen = 0;
            return n + blocks.engineDoFinal(pending, 0, block, output, outputOffset + n);
        }
        if (total == 0 || total % block != 0) { // no block to decrypt: the software padded cipher answers
            byte[] all = new byte[(int) total];
            System.arraycopy(pending, 0, all, 0, pendingLen);
            System.arraycopy(input, inputOffset, all, pendingLen, inputLen);
            pendingLen = 0;
            blocks.engineDoFinal(new byte[0], 0, 0, new byte[0], 0); // back to the init IV
            return soft.doFinal(all, 0, all.length, output, outputOffset);
        }
        // [choice] room for the longest possible plaintext (total - 1) up front, so that a short buffer
        // changes nothing; SunJCE asks only for the actual plaintext length
        if (room < total - 1) {
            throw new ShortBufferException("output buffer too short: " + (total - 1) + " bytes needed");
        }
        byte[] plain = new byte[(int) total];
        int n = feed(input, inputOffset, inputLen, (int) total - block, plain, 0);
        n += blocks.engineDoFinal(pending, 0, block, plain, n);
        pendingLen = 0;
        int pad = plain[n - 1] & 0xFF;
        boolean ok = pad >= 1 && pad <= block;
        for (int i = 1; ok && i <= pad; i++) {
            ok = (plain[n - i] & 0xFF) == pad;
        }
        if (!ok) {
            Arrays.fill(plain, (byte) 0);
            throw new BadPaddingException("Given final block not properly padded. Such issues can arise if a bad key is"
                    + " used during decryption.");
        }
        System.arraycopy(plain, 0, output, outputOffset, n - pad);
        Arrays.fill(plain, (byte) 0);
        return n - pad;
    }
}
