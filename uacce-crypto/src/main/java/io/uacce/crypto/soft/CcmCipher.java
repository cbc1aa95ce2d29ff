package io.uacce.crypto.soft;

import java.security.InvalidAlgorithmParameterException;
import java.security.MessageDigest;
import java.util.function.IntPredicate;
import javax.crypto.AEADBadTagException;
import javax.crypto.IllegalBlockSizeException;

/**
 * CCM (NIST SP 800-38C, RFC 3610) over a 128-bit block cipher: AES/CCM/NoPadding, SM4/CCM/NoPadding.
 * Parameters: {@link javax.crypto.spec.GCMParameterSpec} (tag bits, nonce); nonce 7..13 bytes, tag
 * 4..16 bytes even; without parameters encryption uses a random 12-byte nonce and a 16-byte tag.
 */
public final class CcmCipher extends AeadCipher {
    public CcmCipher(String cipherName, IntPredicate keyLengthOk, BlockCipher.Factory factory) {
        super(cipherName, keyLengthOk, factory);
    }

    @Override
    String modeName() {
        return "CCM";
    }

    @Override
    void checkParams(int ivLen, int tagBits) throws InvalidAlgorithmParameterException {
        if (ivLen < 7 || ivLen > 13) {
            throw new InvalidAlgorithmParameterException("CCM nonce must be 7..13 bytes, got " + ivLen);
        }
        int t = tagBits / 8;
        if (t < 4 || t > 16 || t % 2 != 0) {
            throw new InvalidAlgorithmParameterException("CCM tag must be 4, 6, ..., 16 bytes, got " + t);
        }
    }

    @Override
    int defaultIvLen() {
        return 12;
    }

    private int q() {
        return 15 - iv.length;
    }

    private void checkLength(long len) throws IllegalBlockSizeException {
        if (q() < 8 && len >= 1L << (8 * q())) {
            throw new IllegalBlockSizeException("CCM with a " + iv.length
                    + "-byte nonce carries at most 2^" + 8 * q() + " - 1 bytes");
        }
    }

    private byte[] mac(byte[] aad, byte[] pt) {
        int q = q();
        byte[] x = new byte[16];
        x[0] = (byte) ((aad.length > 0 ? 0x40 : 0) | ((tagLen - 2) / 2) << 3 | (q - 1));
        System.arraycopy(iv, 0, x, 1, iv.length);
        long len = pt.length;
        for (int i = 0; i < q; i++) {
            x[15 - i] = (byte) (len >>> (8 * i));
        }
        bc.encryptBlock(x, 0, x, 0);
        if (aad.length > 0) {
            byte[] hdr;
            if (aad.length < 0xff00) {
                hdr = new byte[] {(byte) (aad.length >>> 8), (byte) aad.length};
            } else {
                hdr = new byte[] {(byte) 0xff, (byte) 0xfe, (byte) (aad.length >>> 24), (byte) (aad.length >>> 16),
                    (byte) (aad.length >>> 8), (byte) aad.length};
            }
            byte[] a = new byte[hdr.length + aad.length];
            System.arraycopy(hdr, 0, a, 0, hdr.length);
            System.arraycopy(aad, 0, a, hdr.length, aad.length);
            cbcMac(x, a);
        }
        cbcMac(x, pt);
        return x;
    }

    private void cbcMac(byte[] x, byte[] in) {
        for (int i = 0; i < in.length; i += 16) {
            int n = Math.min(16, in.length - i);
            for (int j = 0; j < n; j++) {
                x[j] ^= in[i + j];
            }
            bc.encryptBlock(x, 0, x, 0);
        }
    }

    private byte[] ctrBlock(long i) {
        byte[] c = new byte[16];
        c[0] = (byte) (q() - 1);
        System.arraycopy(iv, 0, c, 1, iv.length);
        for (int k = 0; k < q() && k < 8; k++) {
            c[15 - k] = (byte) (i >>> (8 * k));
        }
        return c;
    }

    private byte[] ctr(byte[] in) {
        byte[] out = new byte[in.length];
        byte[] ks = new byte[16];
        long blk = 1;
        for (int i = 0; i < in.length; i += 16, blk++) {
            bc.encryptBlock(ctrBlock(blk), 0, ks, 0);
            int n = Math.min(16, in.length - i);
            for (int j = 0; j < n; j++) {
                out[i + j] = (byte) (in[i + j] ^ ks[j]);
            }
        }
        return out;
    }

    private byte[] tag(byte[] aad, byte[] pt) {
        byte[] t = mac(aad, pt);
        byte[] s0 = new byte[16];
        bc.encryptBlock(ctrBlock(0), 0, s0, 0);
        byte[] out = new byte[tagLen];
        for (int i = 0; i < tagLen; i++) {
            out[i] = (byte) (t[i] ^ s0[i]);
        }
        return out;
    }

    @Override
    byte[] seal(byte[] aad, byte[] pt) throws IllegalBlockSizeException {
        checkLength(pt.length);
        byte[] ct = ctr(pt);
        byte[] t = tag(aad, pt);
        byte[] out = java.util.Arrays.copyOf(ct, ct.length + t.length);
        System.arraycopy(t, 0, out, ct.length, t.length);
        return out;
    }

    @Override
    byte[] open(byte[] aad, byte[] ct, byte[] tag) throws AEADBadTagException, IllegalBlockSizeException {
        checkLength(ct.length);
        byte[] pt = ctr(ct);
        if (!MessageDigest.isEqual(tag(aad, pt), tag)) {
            java.util.Arrays.fill(pt, (byte) 0);
            throw new AEADBadTagException("Tag mismatch");
        }
        return pt;
    }
}
