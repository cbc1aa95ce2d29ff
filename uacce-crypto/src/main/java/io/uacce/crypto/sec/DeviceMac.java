package io.uacce.crypto.sec;

import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.MacSpi;

/**
 * HMAC, AES-CMAC and AES-GMAC in AUTO and HARDWARE mode: the key goes to the software Mac first (so key and parameter errors are the
 * JDK's), the message is collected as in {@link DeviceDigest} and at {@code doFinal} sent to the
 * device as one BD with the raw key when it is at least the size threshold and the key suits the
 * BD (a multiple of 4 bytes, 4 … block size [choice: longer keys are hashed by HMAC itself, which
 * no source says the hardware does]); otherwise software. Results are identical either way.
 */
final class DeviceMac extends MacSpi implements Cloneable {
    private final SecDevice device;
    private final int aAlg;
    private final int length;
    private final java.util.function.IntPredicate keyOk;
    private final String keyRule;
    private final boolean gmac;
    private final int threshold;
    private final Supplier<Mac> software;
    private Mac soft;
    private byte[] key;
    /** AES-GMAC: the 12-byte IV of the last init (other IV lengths stay in software). */
    private byte[] iv;
    private Collector message = new Collector();
    /** True once the message went to the software Mac (too long for one BD). */
    private boolean inSoftware;

    /** HMAC: raw keys of 4 … block size bytes, a multiple of 4, go to the device. */
    DeviceMac(SecDevice device, int aAlg, int length, int blockSize, int threshold, Supplier<Mac> software) {
        this(device, aAlg, length, n -> n >= 4 && n % 4 == 0 && n <= blockSize,
                "HMAC keys of 4 … " + blockSize + " bytes, a multiple of 4", threshold, software);
    }

    /**
     * A MAC whose keys of a length {@code keyOk} accepts go to the device (AES-CMAC, AES-GMAC; GMAC
     * also needs a 12-byte IV, the only length the BD carries).
     */
    DeviceMac(SecDevice device, int aAlg, int length, java.util.function.IntPredicate keyOk, String keyRule,
            int threshold, Supplier<Mac> software) {
        this.device = device;
        this.aAlg = aAlg;
        this.length = length;
        this.keyOk = keyOk;
        this.keyRule = keyRule;
        this.gmac = aAlg == io.uacce.crypto.sec.bd.SecCodes.A_AES_GMAC;
        this.threshold = threshold;
        this.software = software;
    }

    @Override
    protected int engineGetMacLength() {
        return length;
    }

    @Override
    protected void engineInit(Key k, AlgorithmParameterSpec params)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        Mac m = software.get();
        m.init(k, params);
        soft = m;
        byte[] raw = k.getEncoded();
        if (key != null) {
            Arrays.fill(key, (byte) 0);
        }
        key = raw != null && keyOk.test(raw.length) ? raw : null;
        if (key == null && device.hardware()) {
            throw new InvalidKeyException(device.refuse(m.getAlgorithm(), "the device takes " + keyRule).getMessage());
        }
        iv = gmac && params instanceof javax.crypto.spec.IvParameterSpec p && p.getIV().length == 12 ? p.getIV() : null;
        if (gmac && iv == null && device.hardware()) {
            throw new InvalidAlgorithmParameterException(device.refuse(m.getAlgorithm(), "the device takes a 12-byte"
                    + " GMAC IV only").getMessage());
        }
        engineReset();
    }

    @Override
    protected void engineUpdate(byte input) {
        engineUpdate(new byte[] {input}, 0, 1);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        if (!inSoftware && !message.add(input, offset, len)) {
            if (device.hardware()) {
                throw device.refuse(soft.getAlgorithm(), "message longer than one BD (16 MiB - 512; no long hash yet)");
            }
            inSoftware = true;
            soft.update(message.bytes(), 0, message.length());
            message.clear();
        }
        if (inSoftware) {
            soft.update(input, offset, len);
        }
    }

    @Override
    protected byte[] engineDoFinal() {
        try {
            if (inSoftware) {
                return soft.doFinal();
            }
            int n = message.length();
            boolean can = key != null && (!gmac || iv != null) && (device.hardware() || n >= threshold);
            byte[] out = can ? device.mac(aAlg, length, key, iv, message.bytes(), 0, n) : null;
            if (out == null && device.hardware()) {
                throw device.refuse(soft.getAlgorithm(), "not offered, failed its known-answer test or refused");
            }
            if (out == null) {
                soft.update(message.bytes(), 0, n);
                out = soft.doFinal();
            }
            return out;
        } finally {
            engineReset();
        }
    }

    @Override
    protected void engineReset() {
        inSoftware = false;
        message.clear();
        if (soft != null) {
            soft.reset();
        }
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        DeviceMac c = (DeviceMac) super.clone();
        c.message = message.clone();
        c.soft = (Mac) soft.clone();
        c.key = key == null ? null : key.clone();
        c.iv = iv == null ? null : iv.clone();
        return c;
    }
}
