package io.uacce.crypto.soft;

import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.MacSpi;
import javax.crypto.SecretKey;

/** Mac "HmacSM3" (RFC 2104 over SM3) in pure Java, with SunJCE's key and parameter rules for HMAC. */
public final class HmacSm3 extends MacSpi implements Cloneable {
    private Sm3 inner = new Sm3();
    private Sm3 outerStart;
    private Sm3 innerStart;

    @Override
    protected int engineGetMacLength() {
        return Sm3.DIGEST_BYTES;
    }

    @Override
    protected void engineInit(Key key, AlgorithmParameterSpec params)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        if (params != null) {
            throw new InvalidAlgorithmParameterException("HMAC does not use parameters");
        }
        if (!(key instanceof SecretKey)) {
            throw new InvalidKeyException("Secret key expected");
        }
        byte[] k = key.getEncoded();
        if (k == null) {
            throw new InvalidKeyException("Missing key data");
        }
        if (k.length > Sm3.BLOCK_BYTES) {
            Sm3 h = new Sm3();
            h.update(k, 0, k.length);
            Arrays.fill(k, (byte) 0);
            k = new byte[Sm3.DIGEST_BYTES];
            h.doFinal(k, 0);
        }
        byte[] ipad = new byte[Sm3.BLOCK_BYTES];
        byte[] opad = new byte[Sm3.BLOCK_BYTES];
        for (int i = 0; i < Sm3.BLOCK_BYTES; i++) {
            byte b = i < k.length ? k[i] : 0;
            ipad[i] = (byte) (b ^ 0x36);
            opad[i] = (byte) (b ^ 0x5c);
        }
        Arrays.fill(k, (byte) 0);
        innerStart = new Sm3();
        innerStart.update(ipad, 0, ipad.length);
        outerStart = new Sm3();
        outerStart.update(opad, 0, opad.length);
        Arrays.fill(ipad, (byte) 0);
        Arrays.fill(opad, (byte) 0);
        inner = innerStart.clone();
    }

    @Override
    protected void engineUpdate(byte input) {
        inner.update(input);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        inner.update(input, offset, len);
    }

    @Override
    protected byte[] engineDoFinal() {
        byte[] ih = new byte[Sm3.DIGEST_BYTES];
        inner.doFinal(ih, 0);
        Sm3 outer = outerStart.clone();
        outer.update(ih, 0, ih.length);
        byte[] out = new byte[Sm3.DIGEST_BYTES];
        outer.doFinal(out, 0);
        inner = innerStart.clone();
        return out;
    }

    @Override
    protected void engineReset() {
        if (innerStart != null) {
            inner = innerStart.clone();
        }
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        HmacSm3 c = (HmacSm3) super.clone();
        c.inner = inner.clone();
        return c;
    }
}
