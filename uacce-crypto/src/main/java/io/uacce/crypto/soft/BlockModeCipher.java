package io.uacce.crypto.soft;

import java.io.ByteArrayOutputStream;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.function.IntPredicate;
import javax.crypto.BadPaddingException;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.IvParameterSpec;

/**
 * ECB, CBC (NoPadding / PKCS5Padding) and CTR over a 128-bit block cipher, with SunJCE's rules:
 * a random IV when encrypting without parameters, IV required for decryption, IV length = block,
 * ECB refuses an IV, after doFinal the cipher is back at its initial IV.
 */
public final class BlockModeCipher extends SoftCipher {
    /** The modes this class does. */
    public enum Kind { ECB, CBC, CTR }

    private final Kind kind;
    private final boolean padding;
    private BlockCipher bc;
    private byte[] iv0;
    private State s;

    /** Chaining state: IV or counter, held-back bytes, CTR keystream position. */
    private static final class State {
        byte[] chain = new byte[16];
        byte[] pend = new byte[32];
        int pendLen;
        byte[] ks = new byte[16];
        int ksPos = 16;

        State copy() {
            State c = new State();
            c.chain = chain.clone();
            c.pend = pend.clone();
            c.pendLen = pendLen;
            c.ks = ks.clone();
            c.ksPos = ksPos;
            return c;
        }
    }

    public BlockModeCipher(String cipherName, Kind kind, boolean padding, IntPredicate keyLengthOk,
            BlockCipher.Factory factory) {
        super(cipherName, keyLengthOk, factory);
        this.kind = kind;
        this.padding = padding;
    }

    @Override
    Class<? extends AlgorithmParameterSpec> specClass() {
        return IvParameterSpec.class;
    }

    @Override
    void init(boolean enc, byte[] key, AlgorithmParameterSpec params, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        byte[] iv = null;
        if (kind == Kind.ECB) {
            if (params != null) {
                throw new InvalidAlgorithmParameterException("ECB mode cannot use IV");
            }
        } else {
            iv = ivOrRandom(params, enc, 16, random, "IV");
        }
        bc = factory.create(key);
        iv0 = iv;
        reset();
    }

    private void reset() {
        s = new State();
        if (iv0 != null) {
            s.chain = iv0.clone();
        }
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
        return IvParameters.of(cipherName, iv0);
    }

    @Override
    int bound(int len, boolean fin) {
        int pendLen = s == null ? 0 : s.pendLen;
        if (kind == Kind.CTR) {
            return len;
        }
        int total = pendLen + len;
        if (fin) {
            return encrypt && padding ? (total / 16 + 1) * 16 : total;
        }
        int blocks = total / 16;
        if (!encrypt && padding && total % 16 == 0 && blocks > 0) {
            blocks--;
        }
        return blocks * 16;
    }

    @Override
    byte[] update(byte[] in, int off, int len) {
        State t = s.copy();
        byte[] out = run(t, in, off, len);
        s = t;
        return out;
    }

    @Override
    byte[] doFinal(byte[] in, int off, int len) throws IllegalBlockSizeException, BadPaddingException {
        State t = s.copy();
        byte[] body = run(t, in, off, len);
        try {
            if (kind == Kind.CTR) {
                return body;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 16);
            out.writeBytes(body);
            if (encrypt) {
                if (padding) {
                    int p = 16 - t.pendLen;
                    for (int i = t.pendLen; i < 16; i++) {
                        t.pend[i] = (byte) p;
                    }
                    out.writeBytes(crypt(t, t.pend, 0, 16));
                } else if (t.pendLen != 0) {
                    throw new IllegalBlockSizeException("Input length not multiple of 16 bytes");
                }
                return out.toByteArray();
            }
            if (t.pendLen % 16 != 0) {
                throw new IllegalBlockSizeException("Input length not multiple of 16 bytes");
            }
            if (t.pendLen == 0) {
                if (padding) {
                    throw new BadPaddingException("Empty input: a PKCS5Padding ciphertext has at least one block");
                }
                return out.toByteArray();
            }
            byte[] last = crypt(t, t.pend, 0, 16);
            if (padding) {
                int p = last[15] & 0xff;
                boolean bad = p < 1 || p > 16;
                for (int i = 16 - Math.max(1, Math.min(p, 16)); i < 16; i++) {
                    bad |= (last[i] & 0xff) != p;
                }
                if (bad) {
                    throw new BadPaddingException("Given final block not properly padded. Such issues can arise if a bad"
                            + " key is used during decryption.");
                }
                out.write(last, 0, 16 - p);
            } else {
                out.writeBytes(last);
            }
            return out.toByteArray();
        } finally {
            reset();
        }
    }

    /** Processes what can be processed now; ECB/CBC keep a partial block (and, decrypting with padding, the last block). */
    private byte[] run(State t, byte[] in, int off, int len) {
        if (kind == Kind.CTR) {
            byte[] out = new byte[len];
            for (int i = 0; i < len; i++) {
                if (t.ksPos == 16) {
                    bc.encryptBlock(t.chain, 0, t.ks, 0);
                    for (int j = 15; j >= 0; j--) {
                        if (++t.chain[j] != 0) {
                            break;
                        }
                    }
                    t.ksPos = 0;
                }
                out[i] = (byte) (in[off + i] ^ t.ks[t.ksPos++]);
            }
            return out;
        }
        byte[] all = new byte[t.pendLen + len];
        System.arraycopy(t.pend, 0, all, 0, t.pendLen);
        System.arraycopy(in, off, all, t.pendLen, len);
        int blocks = all.length / 16;
        if (!encrypt && padding && all.length % 16 == 0 && blocks > 0) {
            blocks--; // the last block may carry padding: kept for doFinal
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(blocks * 16);
        for (int i = 0; i < blocks; i++) {
            out.writeBytes(crypt(t, all, 16 * i, 16));
        }
        t.pendLen = all.length - 16 * blocks;
        System.arraycopy(all, 16 * blocks, t.pend, 0, t.pendLen);
        return out.toByteArray();
    }

    private byte[] crypt(State t, byte[] b, int off, int len) {
        byte[] out = new byte[16];
        if (kind == Kind.ECB) {
            if (encrypt) {
                bc.encryptBlock(b, off, out, 0);
            } else {
                bc.decryptBlock(b, off, out, 0);
            }
        } else if (encrypt) {
            byte[] x = new byte[16];
            for (int i = 0; i < 16; i++) {
                x[i] = (byte) (b[off + i] ^ t.chain[i]);
            }
            bc.encryptBlock(x, 0, out, 0);
            t.chain = out.clone();
        } else {
            byte[] c = java.util.Arrays.copyOfRange(b, off, off + 16);
            bc.decryptBlock(c, 0, out, 0);
            for (int i = 0; i < 16; i++) {
                out[i] ^= t.chain[i];
            }
            t.chain = c;
        }
        return out;
    }
}
