package io.uacce.crypto.hpre;

import io.uacce.crypto.hpre.sqe.HpreOperands;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.spec.ECPoint;

/**
 * DER of SM2 keys on sm2p256v1 as the other SM2 implementations write them (BouncyCastle, OpenSSL):
 * X.509 SubjectPublicKeyInfo (RFC 5480) and PKCS#8 PrivateKeyInfo (RFC 5208) holding an RFC 5915
 * ECPrivateKey with its public key, both with AlgorithmIdentifier {id-ecPublicKey, namedCurve
 * sm2p256v1}. Keys on other curves (the test curves of GB/T 32918) have no encoding.
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
}
