package io.uacce.stubs.model;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.BufferedBlockCipher;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.ExtendedDigest;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.Mac;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.digests.SHA512tDigest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.macs.GMac;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.AEADBlockCipher;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.CCMBlockCipher;
import org.bouncycastle.crypto.modes.CFBBlockCipher;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.OFBBlockCipher;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * The SEC engine (hisi_sec2, spec §2, §5, §6) with BouncyCastle as its silicon. The device's api
 * fixes the BD format it accepts (V2: BD2 only, V3: BD3 only, §6 [inferred]) and its feature gates
 * (§5: V2 has ECB/CBC/XTS, no CTR/CFB/OFB, no CMAC/GMAC, no SM4 AEAD, no zero-length requests).
 * Flat buffers only (an SGL bit is a parameter error). Results go to the memory buffers; the BD gets
 * done = 1, flag 2 (cipher) / 3 (AEAD) / 1 (digest, §2.7 guess), error_type, and icv = 2 on a tag
 * mismatch (no plaintext is written then). Long hash (§2.5) for SHA-1/SHA-2/MD5. Not modelled, answered with
 * {@link #E_UNSUPPORTED}: SM3 and HMAC long hash, authenc, AES-XCBC, CBC-CS, SM4-XTS-GB, single DES.
 */
final class SecEngine implements SqeProcessor {
    /** Model-chosen error_type values (no public table exists, §2.7 [unverified]). */
    static final int E_BD_TYPE = 0x01;
    static final int E_LENGTH = 0x02;
    static final int E_KEY = 0x03;
    static final int E_UNSUPPORTED = 0x04;
    static final int E_ADDRESS = 0x05;
    static final int E_PARAM = 0x06;
    /** hac_sva_status (BD3 byte 121) written with an address fault. */
    static final int SVA_FAULT = 0x01;
    /** The longest data length of one BD (§2.3 MAX_INPUT_DATA_LEN). */
    static final long MAX_LEN = 0xFFFE00;
    /** sysfs {@code algorithms} of a SEC device (§1.1, the last newline removed). */
    static final String ALGORITHMS = "cipher\ndigest\naead";

    private static final int FLAG_DIGEST = 1;
    private static final int FLAG_CIPHER = 2;
    private static final int FLAG_AEAD = 3;

    private final boolean v3;
    private final ModelDeviceMemory memory;
    private final Staging staging = new Staging();

    /** A refused BD: its error_type. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int error;

        Refused(int error) {
            super(null, null, false, false);
            this.error = error;
        }
    }

    SecEngine(ModelDevice device, ModelDeviceMemory memory) {
        this.v3 = device.api() == ModelApi.V3;
        this.memory = memory;
    }

    @Override
    public void process(MemorySegment sqe) {
        int type = sqe.get(SecBdView.B, 0) & 0xF;
        if (type != (v3 ? 3 : 2)) {
            SecBdView.complete(sqe, 0, 0, E_BD_TYPE, 0);
            return;
        }
        SecBdView bd = SecBdView.of(sqe);
        boolean aead = bd.cMode == 5 || bd.cMode == 6;
        int flag = aead ? FLAG_AEAD : bd.cipher != 0 ? FLAG_CIPHER : FLAG_DIGEST;
        if (bd.invalid) {
            SecBdView.complete(sqe, 0, flag, 0, 0);
            return;
        }
        try {
            boolean tagOk;
            if (bd.sgl) {
                throw new Refused(E_PARAM);
            } else if (aead) {
                tagOk = aead(bd);
            } else if (bd.cipher != 0 && bd.auth == 0) {
                cipher(bd);
                tagOk = true;
            } else if (bd.cipher == 0 && bd.auth == 1) {
                digest(bd);
                tagOk = true;
            } else {
                throw new Refused(E_UNSUPPORTED);
            }
            SecBdView.complete(sqe, tagOk ? 0 : 2, flag, 0, 0);
        } catch (Refused r) {
            SecBdView.complete(sqe, 0, flag, r.error, 0);
        } catch (AddressFault f) {
            SecBdView.complete(sqe, 0, flag, E_ADDRESS, SVA_FAULT);
        }
    }

    // ---------------------------------------------------------------- buffers

    private byte[] read(long address, long length) throws AddressFault, Refused {
        if (length == 0) {
            return new byte[0];
        }
        if (address == 0) {
            throw new Refused(E_ADDRESS);
        }
        MemorySegment s = staging.get(length);
        memory.read(address, s, length);
        return s.toArray(ValueLayout.JAVA_BYTE);
    }

    private void write(long address, byte[] data) throws AddressFault, Refused {
        if (data.length == 0) {
            return;
        }
        if (address == 0) {
            throw new Refused(E_ADDRESS);
        }
        MemorySegment s = staging.get(data.length);
        MemorySegment.copy(MemorySegment.ofArray(data), 0, s, 0, data.length);
        memory.write(address, s, data.length);
    }

    // ---------------------------------------------------------------- ciphers

    private int keyBytes(SecBdView bd) throws Refused {
        return switch (bd.cAlg) {
            case 1 -> switch (bd.cKeyLen) { // 3DES: 3-key = 1, 2-key = 3 (§2.3)
                case 1 -> 24;
                case 3 -> 16;
                default -> throw new Refused(E_KEY);
            };
            case 2 -> switch (bd.cKeyLen) {
                case 0 -> 16;
                case 1 -> 24;
                case 2 -> 32;
                default -> throw new Refused(E_KEY);
            };
            case 3 -> {
                if (bd.cKeyLen != 0) {
                    throw new Refused(E_KEY);
                }
                yield 16;
            }
            default -> throw new Refused(E_UNSUPPORTED); // single DES: legacy, not modelled
        };
    }

    private static BlockCipher engine(int cAlg) {
        return switch (cAlg) {
            case 1 -> new DESedeEngine();
            case 2 -> AESEngine.newInstance();
            default -> new SM4Engine();
        };
    }

    private void cipher(SecBdView bd) throws Refused, AddressFault {
        boolean enc = bd.cipher == 1;
        if (bd.cipher == 3) {
            throw new Refused(E_UNSUPPORTED);
        }
        int mode = bd.cMode;
        boolean modeOk = switch (mode) {
            case 0, 1, 7 -> true;
            case 2, 3, 4 -> v3 && bd.cAlg != 1;
            default -> false;
        };
        if (!modeOk || (bd.cAlg == 1 && mode > 1) || (mode == 7 && v3 && bd.ctrMode == 1)) {
            throw new Refused(E_UNSUPPORTED);
        }
        int block = bd.cAlg == 1 ? 8 : 16;
        long len = bd.cLen;
        if (len > MAX_LEN || (len == 0 && !v3) || ((mode == 0 || mode == 1) && len % block != 0)
                || (mode == 7 && len < 16)) {
            throw new Refused(E_LENGTH);
        }
        int kb = keyBytes(bd) * (mode == 7 ? 2 : 1);
        if (bd.cKey == 0 || bd.src == 0 || (mode != 0 && bd.cIvin == 0) || (bd.de == 1 && bd.dst == 0)) {
            throw new Refused(E_ADDRESS);
        }
        if (len == 0) {
            return;
        }
        byte[] key = read(bd.cKey, kb);
        byte[] iv = mode == 0 ? null : read(bd.cIvin, block);
        byte[] in = read(bd.src + bd.cipherSrcOffset, len);
        byte[] out = mode == 7 ? xts(bd.cAlg, key, iv, in, enc) : blockMode(bd.cAlg, mode, key, iv, in, enc);
        write((bd.de == 1 ? bd.dst : bd.src) + bd.cipherSrcOffset, out);
    }

    private static byte[] blockMode(int cAlg, int mode, byte[] key, byte[] iv, byte[] in, boolean enc)
            throws Refused {
        BlockCipher e = engine(cAlg);
        BlockCipher m = switch (mode) {
            case 0 -> e;
            case 1 -> CBCBlockCipher.newInstance(e);
            case 2 -> CFBBlockCipher.newInstance(e, 128);
            case 3 -> new OFBBlockCipher(e, 128);
            default -> SICBlockCipher.newInstance(e); // CTR: 128-bit big-endian counter, wraps mod 2^128
        };
        BufferedBlockCipher c = new BufferedBlockCipher(m);
        c.init(enc, iv == null ? new KeyParameter(key) : new ParametersWithIV(new KeyParameter(key), iv));
        byte[] out = new byte[in.length];
        try {
            int n = c.processBytes(in, 0, in.length, out, 0);
            c.doFinal(out, n);
        } catch (InvalidCipherTextException | DataLengthException e2) {
            throw new Refused(E_LENGTH);
        }
        return out;
    }

    /** XTS (IEEE 1619) with ciphertext stealing, the model's own code over the block engine. */
    private static byte[] xts(int cAlg, byte[] key, byte[] tweak, byte[] in, boolean enc) {
        int h = key.length / 2;
        BlockCipher k1 = engine(cAlg);
        k1.init(enc, new KeyParameter(key, 0, h));
        BlockCipher k2 = engine(cAlg);
        k2.init(true, new KeyParameter(key, h, h));
        byte[] t = new byte[16];
        k2.processBlock(tweak, 0, t, 0);
        byte[] out = new byte[in.length];
        int n = in.length / 16;
        int r = in.length % 16;
        int straight = r == 0 ? n : n - 1;
        for (int j = 0; j < straight; j++) {
            xtsBlock(k1, in, 16 * j, out, 16 * j, t);
            timesAlpha(t);
        }
        if (r != 0) {
            int m = 16 * (n - 1);
            byte[] next = t.clone();
            timesAlpha(next);
            byte[] first = enc ? t : next;
            byte[] second = enc ? next : t;
            byte[] x = new byte[16];
            xtsBlock(k1, in, m, x, 0, first);
            byte[] y = new byte[16];
            System.arraycopy(in, m + 16, y, 0, r);
            System.arraycopy(x, r, y, r, 16 - r);
            System.arraycopy(x, 0, out, m + 16, r);
            xtsBlock(k1, y, 0, out, m, second);
        }
        return out;
    }

    private static void xtsBlock(BlockCipher k, byte[] in, int inOff, byte[] out, int outOff, byte[] t) {
        byte[] x = new byte[16];
        for (int i = 0; i < 16; i++) {
            x[i] = (byte) (in[inOff + i] ^ t[i]);
        }
        k.processBlock(x, 0, x, 0);
        for (int i = 0; i < 16; i++) {
            out[outOff + i] = (byte) (x[i] ^ t[i]);
        }
    }

    private static void timesAlpha(byte[] t) {
        int carry = 0;
        for (int i = 0; i < 16; i++) {
            int v = ((t[i] & 0xFF) << 1) | carry;
            carry = v >>> 8;
            t[i] = (byte) v;
        }
        if (carry != 0) {
            t[0] ^= (byte) 0x87;
        }
    }

    // ---------------------------------------------------------------- digests and MACs

    static Digest hash(int code) {
        return switch (code & 0x0F) {
            case 0 -> new SHA1Digest();
            case 1 -> new SHA256Digest();
            case 2 -> new MD5Digest();
            case 3 -> new SHA224Digest();
            case 4 -> new SHA384Digest();
            case 5 -> new SHA512Digest();
            case 6 -> new SHA512tDigest(224);
            default -> new SHA512tDigest(256);
        };
    }

    private void digest(SecBdView bd) throws Refused, AddressFault {
        int a = bd.aAlg;
        boolean plain = a <= 0x07 || a == 0x25;
        boolean hmac = (a >= 0x10 && a <= 0x17) || a == 0x26;
        boolean cmac = a == 0x21;
        boolean gmac = a == 0x22;
        if (!plain && !hmac && !((cmac || gmac) && v3)) {
            throw new Refused(E_UNSUPPORTED);
        }
        if (!gmac && (bd.aPad != 0 || bd.aiGen != 0)) {
            longHash(bd, plain && a != 0x25);
            return;
        }
        long len = bd.aLen;
        if (len > MAX_LEN || (len == 0 && (!v3 || cmac))) {
            throw new Refused(E_LENGTH);
        }
        if (bd.mac == 0 || (len > 0 && bd.src == 0)) {
            throw new Refused(E_ADDRESS);
        }
        byte[] in = read(bd.src + bd.authSrcOffset, len);
        byte[] full;
        if (plain || hmac) {
            Digest d = a == 0x25 || a == 0x26 ? new SM3Digest() : hash(a);
            if (plain) {
                d.update(in, 0, in.length);
                full = new byte[d.getDigestSize()];
                d.doFinal(full, 0);
            } else {
                if (bd.aKeyLenWords == 0) {
                    throw new Refused(E_KEY);
                }
                full = mac(new HMac(d), read(bd.aKey, 4L * bd.aKeyLenWords), null, in);
            }
        } else {
            int kw = bd.aKeyLenWords;
            if (kw != 4 && kw != 6 && kw != 8) {
                throw new Refused(E_KEY);
            }
            byte[] key = read(bd.aKey, 4L * kw);
            if (cmac) {
                full = mac(new CMac(AESEngine.newInstance()), key, null, in);
            } else {
                if (bd.aiGen != 1 || bd.aIvin == 0) {
                    throw new Refused(E_PARAM);
                }
                full = mac(new GMac(GCMBlockCipher.newInstance(AESEngine.newInstance())), key, read(bd.aIvin, 12), in);
            }
        }
        int outLen = bd.macLenWords == 0 ? full.length : 4 * bd.macLenWords;
        if (outLen > full.length) {
            throw new Refused(E_PARAM);
        }
        write(bd.mac, java.util.Arrays.copyOf(full, outLen));
    }

    /**
     * One block of a long hash (§2.5): first (ai_gen 0, a_pad 1), middle (ai_gen 1, a_pad 1) or end
     * (ai_gen 1, a_pad 0, long_a_data_len = all bytes × 8). The chaining value travels in memory: a
     * NOPAD block writes it to mac_addr, the next block reads it from a_ivin_addr. Its format is the
     * spec's open point, chosen here: the H words in the digest's own output byte order (big-endian;
     * MD5 little-endian), the whole state (SHA-224 32 bytes, SHA-384 64) whatever mac_len says
     * [unverified]. Plain SHA-1/SHA-2/MD5 only; SM3 and HMAC long hash are not modelled.
     */
    private void longHash(SecBdView bd, boolean modelled) throws Refused, AddressFault {
        if (!modelled) {
            throw new Refused(E_UNSUPPORTED);
        }
        if (bd.aiGen > 1 || bd.aPad > 1 || (bd.aiGen == 0 && bd.aPad == 0)) {
            throw new Refused(E_PARAM);
        }
        ExtendedDigest d = (ExtendedDigest) hash(bd.aAlg);
        int block = d.getByteLength();
        long len = bd.aLen;
        boolean last = bd.aPad == 0;
        if (len == 0 || len > MAX_LEN || (!last && len % block != 0)) {
            throw new Refused(E_LENGTH);
        }
        long prior = 0;
        if (last) {
            long total = bd.longADataLen;
            prior = total / 8 - len;
            if (total % 8 != 0 || prior <= 0 || prior % block != 0) {
                throw new Refused(E_LENGTH);
            }
        }
        if (bd.mac == 0 || bd.src == 0 || (bd.aiGen == 1 && bd.aIvin == 0)) {
            throw new Refused(E_ADDRESS);
        }
        if (bd.aiGen == 1) {
            d = LongHashState.resume(bd.aAlg, read(bd.aIvin, LongHashState.bytes(bd.aAlg)), prior);
        }
        byte[] in = read(bd.src + bd.authSrcOffset, len);
        d.update(in, 0, in.length);
        if (!last) {
            write(bd.mac, LongHashState.of(bd.aAlg, d));
            return;
        }
        byte[] full = new byte[d.getDigestSize()];
        d.doFinal(full, 0);
        int outLen = bd.macLenWords == 0 ? full.length : 4 * bd.macLenWords;
        if (outLen > full.length) {
            throw new Refused(E_PARAM);
        }
        write(bd.mac, java.util.Arrays.copyOf(full, outLen));
    }

    private static byte[] mac(Mac m, byte[] key, byte[] iv, byte[] in) {
        m.init(iv == null ? new KeyParameter(key) : new ParametersWithIV(new KeyParameter(key), iv));
        m.update(in, 0, in.length);
        byte[] out = new byte[m.getMacSize()];
        m.doFinal(out, 0);
        return out;
    }

    // ---------------------------------------------------------------- AEAD

    /** GCM / CCM; returns false on a tag mismatch (decryption), having written no plaintext. */
    private boolean aead(SecBdView bd) throws Refused, AddressFault {
        boolean gcm = bd.cMode == 6;
        if ((bd.cipher != 1 && bd.cipher != 2) || bd.auth != 0) {
            throw new Refused(E_PARAM);
        }
        if (bd.cAlg == 1 || (bd.cAlg == 3 && !v3) || bd.cAlg == 0) {
            throw new Refused(E_UNSUPPORTED);
        }
        boolean enc = bd.cipher == 1;
        int tag = bd.cIcvLen;
        if (tag < 4 || tag > 16 || (!gcm && tag % 2 != 0) || (gcm && tag < 8)) {
            throw new Refused(E_PARAM);
        }
        long aad = bd.aLen;
        long text = bd.cLen;
        if (aad + text > MAX_LEN || (text == 0 && !v3) || (!gcm && aad > 65279) || bd.cipherSrcOffset != aad) {
            throw new Refused(E_LENGTH);
        }
        if (bd.cKey == 0 || bd.cIvin == 0 || bd.mac == 0 || bd.src == 0 || (bd.de == 1 && bd.dst == 0)
                || (!gcm && bd.aIvin == 0)) {
            throw new Refused(E_ADDRESS);
        }
        byte[] key = read(bd.cKey, keyBytes(bd));
        byte[] nonce;
        if (gcm) {
            nonce = read(bd.cIvin, 12); // the hardware forms J0 from the 12-byte IV [inferred]
        } else {
            byte[] ctr = read(bd.cIvin, 16);
            byte[] b0 = read(bd.aIvin, 16);
            int q = (ctr[0] & 7) + 1;
            if (q < 2 || q > 8 || (b0[0] & 7) != (ctr[0] & 7) || ((b0[0] >>> 3) & 7) != (tag - 2) / 2
                    || !java.util.Arrays.equals(ctr, 1, 16 - q, b0, 1, 16 - q)) {
                throw new Refused(E_PARAM);
            }
            nonce = java.util.Arrays.copyOfRange(ctr, 1, 16 - q);
        }
        byte[] a = read(bd.src, aad);
        byte[] in = read(bd.src + aad, text);
        AEADBlockCipher c = gcm ? GCMBlockCipher.newInstance(engine(bd.cAlg)) : CCMBlockCipher.newInstance(engine(bd.cAlg));
        c.init(enc, new AEADParameters(new KeyParameter(key), tag * 8, nonce, a));
        long outAt = (bd.de == 1 ? bd.dst : bd.src) + aad;
        try {
            if (enc) {
                byte[] out = new byte[c.getOutputSize(in.length)];
                int n = c.processBytes(in, 0, in.length, out, 0);
                c.doFinal(out, n);
                write(outAt, java.util.Arrays.copyOf(out, in.length));
                write(bd.mac, java.util.Arrays.copyOfRange(out, in.length, in.length + tag));
                return true;
            }
            byte[] expected = read(bd.mac, tag);
            byte[] ct = java.util.Arrays.copyOf(in, in.length + tag);
            System.arraycopy(expected, 0, ct, in.length, tag);
            byte[] out = new byte[c.getOutputSize(ct.length)];
            int n = c.processBytes(ct, 0, ct.length, out, 0);
            n += c.doFinal(out, n);
            write(outAt, java.util.Arrays.copyOf(out, n));
            return true;
        } catch (InvalidCipherTextException mismatch) {
            return false;
        } catch (DataLengthException | IllegalStateException e) {
            throw new Refused(E_LENGTH);
        }
    }

    @Override
    public void close() {
        staging.close();
        if (memory instanceof ProcessMemory p) {
            p.close();
        }
    }
}
