package io.uacce.crypto.soft;

import java.security.InvalidAlgorithmParameterException;
import java.security.MessageDigest;
import java.util.function.IntPredicate;
import javax.crypto.AEADBadTagException;

/** GCM (NIST SP 800-38D) over a 128-bit block cipher: SM4/GCM/NoPadding. Tags 96..128 bits as SunJCE. */
public final class GcmCipher extends AeadCipher {
    public GcmCipher(String cipherName, IntPredicate keyLengthOk, BlockCipher.Factory factory) {
        super(cipherName, keyLengthOk, factory);
    }

    @Override
    String modeName() {
        return "GCM";
    }

    @Override
    void checkParams(int ivLen, int tagBits) throws InvalidAlgorithmParameterException {
        if (ivLen < 1) {
            throw new InvalidAlgorithmParameterException("IV is empty");
        }
        if (tagBits < 96 || tagBits > 128) {
            throw new InvalidAlgorithmParameterException("Unsupported TLen value.  Must be one of "
                    + "{128, 120, 112, 104, 96}");
        }
    }

    @Override
    int defaultIvLen() {
        return 12;
    }

    private byte[] tag(Ghash g, byte[] j0, byte[] aad, byte[] ct) {
        g.reset();
        g.update(aad, 0, aad.length);
        g.pad();
        g.update(ct, 0, ct.length);
        byte[] s = new byte[16];
        g.finish((long) aad.length * 8, (long) ct.length * 8, s, 0);
        byte[] ek = new byte[16];
        bc.encryptBlock(j0, 0, ek, 0);
        byte[] t = new byte[tagLen];
        for (int i = 0; i < tagLen; i++) {
            t[i] = (byte) (s[i] ^ ek[i]);
        }
        return t;
    }

    private byte[] gctr(byte[] j0, byte[] in) {
        byte[] ctr = j0.clone();
        byte[] ks = new byte[16];
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i += 16) {
            Gcm.inc32(ctr);
            bc.encryptBlock(ctr, 0, ks, 0);
            int n = Math.min(16, in.length - i);
            for (int j = 0; j < n; j++) {
                out[i + j] = (byte) (in[i + j] ^ ks[j]);
            }
        }
        return out;
    }

    @Override
    byte[] seal(byte[] aad, byte[] pt) {
        Ghash g = Gcm.ghash(bc);
        byte[] j0 = Gcm.j0(bc, g, iv);
        byte[] ct = gctr(j0, pt);
        byte[] t = tag(g, j0, aad, ct);
        byte[] out = java.util.Arrays.copyOf(ct, ct.length + t.length);
        System.arraycopy(t, 0, out, ct.length, t.length);
        return out;
    }

    @Override
    byte[] open(byte[] aad, byte[] ct, byte[] tag) throws AEADBadTagException {
        Ghash g = Gcm.ghash(bc);
        byte[] j0 = Gcm.j0(bc, g, iv);
        if (!MessageDigest.isEqual(tag(g, j0, aad, ct), tag)) {
            throw new AEADBadTagException("Tag mismatch");
        }
        return gctr(j0, ct);
    }
}
