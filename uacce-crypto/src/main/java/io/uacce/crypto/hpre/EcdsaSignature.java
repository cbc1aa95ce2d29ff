package io.uacce.crypto.hpre;

import io.uacce.crypto.hpre.sqe.HpreOperands;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;

/**
 * {@code SHA*withECDSA} (DER {@code SEQUENCE {INTEGER r, INTEGER s}}, strictly: minimal lengths
 * and integers, no trailing bytes), {@code SHA*withECDSAinP1363Format} (r ‖ s, each the order's
 * byte length) and {@code SM3withSM2} (DER as GM/T 0009; e = SM3(Z_A ‖ M), Z_A from the
 * {@link io.uacce.crypto.types.Sm2ParameterSpec} ID and the public key, GB/T 32918.2 §5.5). Hashing and
 * encoding here; sign/verify of the hash through {@link PkPrimitives}.
 */
public final class EcdsaSignature extends SignatureSpi {
    private final PkPrimitives prims;
    private final MessageDigest md;
    private final boolean p1363;
    private ECPrivateKey priv;
    private ECPublicKey pub;
    private SecureRandom random;
    private final boolean sm2;
    private byte[] sm2Id = io.uacce.crypto.types.Sm2ParameterSpec.DEFAULT_ID.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** SM2: Z_A of the key in use, fed to the digest before every message. */
    private byte[] za;

    EcdsaSignature(PkPrimitives prims, String digest, boolean p1363) {
        this(prims, jdkDigest(digest), p1363, false);
    }

    private EcdsaSignature(PkPrimitives prims, MessageDigest md, boolean p1363, boolean sm2) {
        this.prims = prims;
        this.p1363 = p1363;
        this.md = md;
        this.sm2 = sm2;
    }

    /** {@code SM3withSM2}. */
    static EcdsaSignature sm2(PkPrimitives prims) {
        return new EcdsaSignature(prims, Sm2.sm3(), false, true);
    }

    private static MessageDigest jdkDigest(String digest) {
        try {
            return RsaPadding.digest(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new ProviderException(e);
        }
    }

    /** Resets the digest for the next message (SM2: starts it with Z_A). */
    private void restart() {
        md.reset();
        if (sm2 && za != null) {
            md.update(za);
        }
    }

    /**
     * SM2 signing: Z_A needs the public point — the one our generator's key carries, else d·G
     * computed in software (a public value of the key).
     */
    private void sm2PrivateKey(ECPrivateKey k) throws InvalidKeyException {
        if (sm2 && k instanceof Sm2PrivateKey ours) {
            sm2Key(k, ours.publicPoint().getAffineX(), ours.publicPoint().getAffineY());
        } else if (sm2) {
            BigInteger[] q;
            try {
                q = Sm2.publicPoint(io.uacce.crypto.hpre.sqe.EcCurve.of(k.getParams()), k.getS());
            } catch (IllegalArgumentException e) {
                throw new InvalidKeyException(e.getMessage(), e);
            }
            sm2Key(k, q[0], q[1]);
        }
    }

    private void sm2Key(java.security.interfaces.ECKey k, BigInteger px, BigInteger py) throws InvalidKeyException {
        if (!sm2) {
            return;
        }
        try {
            za = Sm2.za(sm2Id, io.uacce.crypto.hpre.sqe.EcCurve.of(k.getParams()), px, py);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException(e.getMessage(), e);
        }
    }

    @Override
    protected void engineInitVerify(PublicKey key) throws InvalidKeyException {
        if (!(key instanceof ECPublicKey k)) {
            throw new InvalidKeyException("EC public key required, got " + (key == null ? null : key.getClass()));
        }
        EcCurves.checkOnCurve(k);
        pub = k;
        priv = null;
        sm2Key(k, k.getW().getAffineX(), k.getW().getAffineY());
        restart();
    }

    @Override
    protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
        engineInitSign(key, null);
    }

    @Override
    protected void engineInitSign(PrivateKey key, SecureRandom r) throws InvalidKeyException {
        if (!(key instanceof ECPrivateKey k)) {
            throw new InvalidKeyException("EC private key required, got " + (key == null ? null : key.getClass()));
        }
        BigInteger n = k.getParams().getOrder();
        if (k.getS().signum() <= 0 || k.getS().compareTo(n) >= 0) {
            throw new InvalidKeyException("EC private key out of range [1, n-1]");
        }
        priv = k;
        pub = null;
        random = r;
        sm2PrivateKey(k);
        restart();
    }

    @Override
    protected void engineUpdate(byte b) {
        md.update(b);
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len) {
        md.update(b, off, len);
    }

    @Override
    protected void engineUpdate(java.nio.ByteBuffer input) {
        md.update(input);
    }

    private static int orderBytes(java.security.interfaces.ECKey k) {
        return (k.getParams().getOrder().bitLength() + 7) / 8;
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
        if (priv == null) {
            throw new SignatureException("not initialised for signing");
        }
        BigInteger[] rs;
        try {
            byte[] hash = md.digest();
            restart();
            rs = sm2 ? prims.sm2Sign(priv, hash, random) : prims.ecdsaSign(priv, hash, random);
        } catch (java.security.GeneralSecurityException e) {
            throw new SignatureException((sm2 ? "SM2" : "ECDSA") + " sign failed: " + e.getMessage(), e);
        }
        if (p1363) {
            int w = orderBytes(priv);
            byte[] out = new byte[2 * w];
            HpreOperands.put(out, 0, w, rs[0]);
            HpreOperands.put(out, w, w, rs[1]);
            return out;
        }
        return der(rs[0], rs[1]);
    }

    @Override
    protected boolean engineVerify(byte[] sig) throws SignatureException {
        if (pub == null) {
            throw new SignatureException("not initialised for verification");
        }
        byte[] hash = md.digest();
        restart();
        BigInteger[] rs = p1363 ? fromP1363(sig, orderBytes(pub)) : fromDer(sig);
        if (rs == null) {
            if (p1363) {
                return false;
            }
            throw new SignatureException("invalid DER ECDSA signature");
        }
        BigInteger n = pub.getParams().getOrder();
        for (BigInteger v : rs) {
            if (v.signum() <= 0 || v.compareTo(n) >= 0) {
                return false;
            }
        }
        try {
            return sm2 ? prims.sm2Verify(pub, hash, rs[0], rs[1]) : prims.ecdsaVerify(pub, hash, rs[0], rs[1]);
        } catch (java.security.GeneralSecurityException e) {
            throw new SignatureException((sm2 ? "SM2" : "ECDSA") + " verify failed: " + e.getMessage(), e);
        }
    }

    static BigInteger[] fromP1363(byte[] sig, int w) {
        if (sig.length != 2 * w) {
            return null;
        }
        return new BigInteger[] {new BigInteger(1, sig, 0, w), new BigInteger(1, sig, w, w)};
    }

    static byte[] der(BigInteger r, BigInteger s) {
        byte[] a = r.toByteArray(), b = s.toByteArray();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        derItem(body, 0x02, a);
        derItem(body, 0x02, b);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        derItem(out, 0x30, body.toByteArray());
        return out.toByteArray();
    }

    /** One DER tag-length-value (definite length, up to 65535 content bytes). */
    static void derItem(ByteArrayOutputStream out, int tag, byte[] content) {
        out.write(tag);
        int len = content.length;
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else {
            out.write(0x82);
            out.write(len >>> 8);
            out.write(len);
        }
        out.writeBytes(content);
    }

    /** Strict DER (X.690 DER: minimal lengths, positive minimal INTEGERs, nothing trailing): {r, s} or null. */
    static BigInteger[] fromDer(byte[] sig) {
        try {
            DerReader top = new DerReader(sig);
            DerReader seq = top.constructed(0x30, "ECDSA signature");
            top.expectEnd("ECDSA signature");
            BigInteger r = seq.positiveInteger("r");
            BigInteger s = seq.positiveInteger("s");
            seq.expectEnd("ECDSA signature");
            return new BigInteger[] {r, s};
        } catch (java.security.spec.InvalidKeySpecException e) {
            return null;
        }
    }

    /** SM3withSM2 takes an {@link io.uacce.crypto.types.Sm2ParameterSpec} (the ID); it applies from the next message. */
    @Override
    protected void engineSetParameter(java.security.spec.AlgorithmParameterSpec params)
            throws java.security.InvalidAlgorithmParameterException {
        if (!sm2 || !(params instanceof io.uacce.crypto.types.Sm2ParameterSpec spec)) {
            throw new java.security.InvalidAlgorithmParameterException((sm2 ? "SM3withSM2 takes an Sm2ParameterSpec"
                    : "ECDSA takes no parameters") + ", got " + (params == null ? null : params.getClass().getName()));
        }
        sm2Id = spec.id();
        try {
            if (pub != null) {
                sm2Key(pub, pub.getW().getAffineX(), pub.getW().getAffineY());
            } else if (priv != null) {
                sm2PrivateKey(priv);
            }
        } catch (InvalidKeyException e) {
            throw new java.security.InvalidAlgorithmParameterException(e.getMessage(), e);
        }
        restart();
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
        throw new InvalidParameterException("not supported");
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
        throw new InvalidParameterException("not supported");
    }
}
