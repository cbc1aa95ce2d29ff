package io.uacce.crypto.sec;

import io.uacce.crypto.sec.bd.SecCodes;
import java.io.ByteArrayOutputStream;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.InvalidParameterSpecException;
import java.util.Arrays;
import java.util.function.Supplier;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;

/**
 * GCM, CCM (AES, SM4) and XTS (AES) in AUTO and HARDWARE mode: one BD per {@code doFinal}. The
 * software cipher (SunJCE's AES/GCM, ours for the others) is initialised first, so key, IV, tag-length
 * and IV-reuse errors are exactly its own. AAD and text are collected ({@code update} returns
 * nothing, as our software GCM/CCM/XTS do) and {@code doFinal} sends {@code AAD ‖ text} to the
 * device as one request when it carries at least the threshold and fits one BD (§2.6: GCM 12-byte
 * IV, CCM AAD ≤ 65279, ...); otherwise, or when the device cannot, the software cipher does it
 * (HARDWARE: {@link io.uacce.crypto.types.SecDeviceException}). Decryption releases no plaintext before
 * the device (or the software) verified the tag: a mismatch is an {@link AEADBadTagException} and
 * nothing is written. After an encrypting {@code doFinal} a GCM/CCM cipher needs a new init (a new
 * IV), as SunJCE's. Not thread-safe, like every {@code Cipher}.
 */
final class DeviceOneShot extends SoftFrontedCipher {
    private final int cAlg;
    private final int cMode;
    private final boolean aead;
    private final int threshold;
    private int opmode;
    private byte[] rawKey;
    private byte[] iv;
    private int tagLen;
    private boolean needReinit;
    private boolean dataStarted;
    private final ByteArrayOutputStream aad = new ByteArrayOutputStream();
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();

    DeviceOneShot(SecDevice device, int cAlg, int cMode, int threshold, Supplier<Cipher> software) {
        super(device, software);
        this.cAlg = cAlg;
        this.cMode = cMode;
        this.aead = cMode != SecCodes.C_MODE_XTS;
        this.threshold = threshold;
    }

    @Override
    protected int engineGetOutputSize(int inputLen) {
        int total = text.size() + inputLen;
        if (!aead) {
            return total;
        }
        return opmode == Cipher.DECRYPT_MODE ? Math.max(0, total - tagLen) : total + tagLen;
    }

    /** The tag length: from the GCMParameterSpec given, else read back from the software cipher. */
    @Override
    void started(int mode, Key k, Object params) {
        GCMParameterSpec spec = null;
        if (params instanceof GCMParameterSpec g) {
            spec = g;
        } else if (aead && params instanceof AlgorithmParameters ap) {
            try {
                spec = ap.getParameterSpec(GCMParameterSpec.class);
            } catch (InvalidParameterSpecException e) {
                // the software cipher took them: the tag length is read back below
            }
        }
        started(mode, k, spec);
    }

    /** {@code spec}: the GCMParameterSpec given to init, if any (the tag length is read back otherwise). */
    private void started(int mode, Key k, GCMParameterSpec spec) {
        opmode = mode;
        if (rawKey != null) {
            Arrays.fill(rawKey, (byte) 0);
        }
        rawKey = k.getEncoded();
        iv = soft.getIV();
        tagLen = 0;
        if (aead) {
            try {
                tagLen = (spec != null ? spec : soft.getParameters().getParameterSpec(GCMParameterSpec.class)).getTLen() / 8;
            } catch (InvalidParameterSpecException | RuntimeException e) {
                tagLen = 16; // SunJCE's and our default without parameters
                rawKey = null; // parameters unknown: this init stays in software
            }
        }
        needReinit = false;
        clear();
    }

    private void clear() {
        aad.reset();
        text.reset();
        dataStarted = false;
    }

    private void checkReinit() {
        if (needReinit) {
            throw new IllegalStateException("Must use either different key or iv for "
                    + (cMode == SecCodes.C_MODE_GCM ? "GCM" : "CCM") + " encryption");
        }
    }

    @Override
    protected void engineUpdateAAD(byte[] src, int offset, int len) {
        if (!aead) {
            soft.updateAAD(src, offset, len); // its own refusal
            return;
        }
        checkReinit();
        if (opmode != Cipher.ENCRYPT_MODE && opmode != Cipher.DECRYPT_MODE) {
            soft.updateAAD(src, offset, len);
            return;
        }
        if (dataStarted) {
            throw new IllegalStateException("Update has been called; no more AAD data");
        }
        aad.write(src, offset, len);
    }

    @Override
    protected byte[] engineUpdate(byte[] input, int inputOffset, int inputLen) {
        checkReinit();
        dataStarted = true;
        if (input != null) {
            text.write(input, inputOffset, inputLen);
        }
        return new byte[0];
    }

    @Override
    protected int engineUpdate(byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset) {
        engineUpdate(input, inputOffset, inputLen);
        return 0;
    }

    @Override
    protected int engineDoFinal(byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset)
            throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
        checkReinit();
        int need = engineGetOutputSize(inputLen);
        if (output == null || output.length - outputOffset < need) {
            throw new ShortBufferException("output buffer too short: " + need + " bytes needed");
        }
        if (input != null) {
            text.write(input, inputOffset, inputLen);
        }
        byte[] a = aad.toByteArray();
        byte[] d = text.toByteArray();
        clear();
        boolean encrypt = opmode == Cipher.ENCRYPT_MODE;
        if (aead && encrypt) {
            needReinit = true;
        }
        try {
            Integer n = onDevice(encrypt, a, d, output, outputOffset);
            if (n != null) {
                return n;
            }
            if (aead && a.length > 0) {
                soft.updateAAD(a);
            }
            return soft.doFinal(d, 0, d.length, output, outputOffset);
        } finally {
            Arrays.fill(d, (byte) 0);
        }
    }

    /** The output length when the device did it, null for software (HARDWARE: throws instead). */
    private Integer onDevice(boolean encrypt, byte[] a, byte[] d, byte[] output, int outputOffset)
            throws AEADBadTagException {
        boolean hardware = device.hardware();
        boolean can = rawKey != null && iv != null && (encrypt || opmode == Cipher.DECRYPT_MODE)
                && (aead ? encrypt || d.length >= tagLen : d.length >= 16);
        if (!can || (!hardware && (long) a.length + d.length < threshold)) {
            if (hardware) { // HARDWARE ignores the threshold: here only when the request cannot be sent
                throw device.refuse(soft.getAlgorithm(), aead ? "wrap/unwrap, or a ciphertext shorter than the tag"
                        : "wrap/unwrap, or a data unit shorter than 16 bytes");
            }
            return null;
        }
        if (!aead) {
            if (device.cipher(encrypt, cAlg, cMode, rawKey, iv, d, 0, d.length, output, outputOffset)) {
                return d.length;
            }
        } else {
            int n = encrypt ? d.length : d.length - tagLen;
            byte[] tag = encrypt ? new byte[tagLen] : Arrays.copyOfRange(d, n, d.length);
            SecDevice.AeadOutcome r = device.aead(encrypt, cAlg, cMode, rawKey, iv, a, d, 0, n, output, outputOffset, tag);
            if (r == SecDevice.AeadOutcome.BAD_TAG) {
                throw new AEADBadTagException("Tag mismatch");
            }
            if (r == SecDevice.AeadOutcome.DONE) {
                if (encrypt) {
                    System.arraycopy(tag, 0, output, outputOffset + n, tagLen);
                }
                return encrypt ? n + tagLen : n;
            }
        }
        if (hardware) {
            throw device.refuse(soft.getAlgorithm(), "not offered (V2: no SM4 AEAD, no empty text; §5), parameters"
                    + " beyond one BD (GCM IV other than 12 bytes, CCM AAD over 65279 bytes, XTS-AES-192), a failed"
                    + " known-answer test or a device error");
        }
        return null;
    }
}
