package io.uacce.crypto.hpre;

import io.uacce.crypto.hpre.sqe.HpreOperands;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.spec.ECFieldFp;
import java.security.spec.ECPoint;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;

/**
 * DER of SM2 keys on sm2p256v1 as the other SM2 implementations write them (BouncyCastle, OpenSSL):
 * X.509 SubjectPublicKeyInfo (RFC 5480) and PKCS#8 PrivateKeyInfo (RFC 5208) holding an RFC 5915
 * ECPrivateKey with its public key, both with AlgorithmIdentifier {id-ecPublicKey, namedCurve
 * sm2p256v1}. Keys on other curves (the test curves of GB/T 32918) have no encoding. Decoding
 * ({@link Sm2KeyFactory}) takes what these implementations write: the same structures, the point
 * uncompressed or compressed (SEC 1 §2.3.4), the optional [0] parameters (sm2p256v1 only) and [1]
 * public key of the ECPrivateKey, PKCS#8 version 0 or 1 with its optional fields skipped; explicit
 * curve parameters and other curves are refused.
 */
final class Sm2KeyEncoding {
    private Sm2KeyEncoding() {
    }

    private static final int SEQUENCE = 0x30, INTEGER = 0x02, BIT_STRING = 0x03, OCTET_STRING = 0x04;

    /** SEQUENCE {OID id-ecPublicKey 1.2.840.10045.2.1, OID sm2p256v1 1.2.156.10197.1.301}. */
    private static final byte[] ALGORITHM = {SEQUENCE, 19,
        0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01,
        0x06, 0x08, 0x2a, (byte) 0x81, 0x1c, (byte) 0xcf, 0x55, 0x01, (byte) 0x82, 0x2d};

    private static final int FIELD_BYTES = 32;

    private static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            body.writeBytes(p);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EcdsaSignature.derItem(out, tag, body.toByteArray());
        return out.toByteArray();
    }

    /** The BIT STRING of an uncompressed point 04 ‖ x ‖ y (no unused bits). */
    private static byte[] point(ECPoint w) {
        byte[] p = new byte[2 + 2 * FIELD_BYTES];
        p[1] = 0x04;
        HpreOperands.put(p, 2, FIELD_BYTES, w.getAffineX());
        HpreOperands.put(p, 2 + FIELD_BYTES, FIELD_BYTES, w.getAffineY());
        return tlv(BIT_STRING, p);
    }

    static byte[] publicKey(ECPoint w) {
        return tlv(SEQUENCE, ALGORITHM, point(w));
    }

    /** PrivateKeyInfo {0, algorithm, OCTET STRING ECPrivateKey {1, OCTET STRING d, [1] publicKey}}. */
    static byte[] privateKey(BigInteger d, ECPoint w) {
        byte[] dBytes = HpreOperands.slot(d, FIELD_BYTES);
        try {
            byte[] ecPrivateKey = tlv(SEQUENCE, new byte[] {INTEGER, 1, 1}, tlv(OCTET_STRING, dBytes),
                    tlv(0xa1, point(w)));
            return tlv(SEQUENCE, new byte[] {INTEGER, 1, 0}, ALGORITHM, tlv(OCTET_STRING, ecPrivateKey));
        } finally {
            java.util.Arrays.fill(dBytes, (byte) 0);
        }
    }

    private static final byte[] EC_OID = Arrays.copyOfRange(ALGORITHM, 4, 11);
    private static final byte[] SM2_OID = Arrays.copyOfRange(ALGORITHM, 13, 21);

    /** d and, when the encoding carries it, the public point of a decoded private key. */
    record Private(BigInteger d, ECPoint w) {
    }

    private static void algorithm(DerReader r) throws InvalidKeySpecException {
        DerReader a = r.constructed(SEQUENCE, "AlgorithmIdentifier");
        if (!Arrays.equals(EC_OID, a.primitive(0x06, "algorithm"))) {
            throw new InvalidKeySpecException("not an EC key (algorithm is not id-ecPublicKey 1.2.840.10045.2.1)");
        }
        curve(a);
        a.expectEnd("AlgorithmIdentifier");
    }

    private static void curve(DerReader r) throws InvalidKeySpecException {
        if (r.peek() != 0x06) {
            throw new InvalidKeySpecException("SM2 keys: namedCurve sm2p256v1 required (explicit parameters refused)");
        }
        if (!Arrays.equals(SM2_OID, r.primitive(0x06, "namedCurve"))) {
            throw new InvalidKeySpecException("not an SM2 key: the named curve is not sm2p256v1 (1.2.156.10197.1.301)");
        }
    }

    /** The point of a BIT STRING's content: 00, then 04 ‖ x ‖ y or 02/03 ‖ x; on the curve. */
    private static ECPoint point(byte[] bits) throws InvalidKeySpecException {
        BigInteger p = ((ECFieldFp) Sm2Curve.SPEC.getCurve().getField()).getP();
        int w = FIELD_BYTES;
        BigInteger x, y;
        if (bits.length == 2 + 2 * w && bits[0] == 0 && bits[1] == 0x04) {
            x = new BigInteger(1, bits, 2, w);
            y = new BigInteger(1, bits, 2 + w, w);
        } else if (bits.length == 2 + w && bits[0] == 0 && (bits[1] == 0x02 || bits[1] == 0x03)) {
            x = new BigInteger(1, bits, 2, w);
            if (x.compareTo(p) >= 0) {
                throw new InvalidKeySpecException("SM2 public key: x out of range");
            }
            BigInteger rhs = x.pow(3).add(Sm2Curve.SPEC.getCurve().getA().multiply(x))
                    .add(Sm2Curve.SPEC.getCurve().getB()).mod(p);
            y = rhs.modPow(p.add(BigInteger.ONE).shiftRight(2), p); // p = 3 mod 4 (public data)
            if (y.testBit(0) != (bits[1] == 0x03)) {
                y = p.subtract(y).mod(p);
            }
        } else {
            throw new InvalidKeySpecException("SM2 public key: an uncompressed (04) or compressed (02/03) point of"
                    + " 32-byte coordinates expected");
        }
        if (!EcCurves.onCurve(Sm2Curve.SPEC, p, x, y)) {
            throw new InvalidKeySpecException("SM2 public key: the point is not on sm2p256v1");
        }
        return new ECPoint(x, y);
    }

    /** The public point of an X.509 SubjectPublicKeyInfo on sm2p256v1. */
    static ECPoint decodePublic(byte[] der) throws InvalidKeySpecException {
        DerReader top = new DerReader(der);
        DerReader spki = top.constructed(SEQUENCE, "SubjectPublicKeyInfo");
        top.expectEnd("SubjectPublicKeyInfo");
        algorithm(spki);
        ECPoint w = point(spki.primitive(BIT_STRING, "subjectPublicKey"));
        spki.expectEnd("SubjectPublicKeyInfo");
        return w;
    }

    /** d (and the public point, when present) of a PKCS#8 PrivateKeyInfo on sm2p256v1. */
    static Private decodePrivate(byte[] der) throws InvalidKeySpecException {
        DerReader top = new DerReader(der);
        DerReader info = top.constructed(SEQUENCE, "PrivateKeyInfo");
        top.expectEnd("PrivateKeyInfo");
        int version = info.smallInteger("PrivateKeyInfo version");
        if (version > 1) {
            throw new InvalidKeySpecException("PrivateKeyInfo version " + version);
        }
        algorithm(info);
        byte[] inner = info.primitive(OCTET_STRING, "privateKey");
        while (!info.atEnd()) {
            info.skip("PrivateKeyInfo attributes / public key"); // [0] attributes, [1] public key (v1)
        }
        byte[] d = null;
        try {
            DerReader outer = new DerReader(inner);
            DerReader ec = outer.constructed(SEQUENCE, "ECPrivateKey");
            outer.expectEnd("ECPrivateKey");
            if (ec.smallInteger("ECPrivateKey version") != 1) {
                throw new InvalidKeySpecException("ECPrivateKey version must be 1");
            }
            d = ec.primitive(OCTET_STRING, "ECPrivateKey privateKey");
            if (d.length == 0 || d.length > FIELD_BYTES) {
                throw new InvalidKeySpecException("SM2 private key of " + d.length + " bytes");
            }
            ECPoint w = null;
            if (ec.peek() == 0xa0) {
                curve(ec.constructed(0xa0, "ECPrivateKey parameters"));
            }
            if (ec.peek() == 0xa1) {
                DerReader pk = ec.constructed(0xa1, "ECPrivateKey publicKey");
                w = point(pk.primitive(BIT_STRING, "ECPrivateKey publicKey"));
                pk.expectEnd("ECPrivateKey publicKey");
            }
            ec.expectEnd("ECPrivateKey");
            return new Private(new BigInteger(1, d), w);
        } finally {
            Arrays.fill(inner, (byte) 0);
            if (d != null) {
                Arrays.fill(d, (byte) 0);
            }
        }
    }
}
