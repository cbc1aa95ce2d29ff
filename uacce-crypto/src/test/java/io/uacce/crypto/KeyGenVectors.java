package io.uacce.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Key-generation known answers from standards, and the SecureRandom that feeds a private key to a
 * generator (public JCA API only; the conformance suite in it-tests uses them too).
 */
public final class KeyGenVectors {
    private KeyGenVectors() {
    }

    /** RFC 6979 A.2.5, A.2.6, A.2.7: curve, private key x, public key (Ux, Uy), hex. */
    public static final String[][] RFC6979 = {
        {"secp256r1", "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721",
            "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6",
            "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299"},
        {"secp384r1", "6b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d896d5724e4c70a825f872c9ea60d2edf5",
            "ec3a4e415b4e19a4568618029f427fa5da9a8bc4ae92e02e06aae5286b300c64def8f0ea9055866064a254515480bc13",
            "8015d9b72d7d57244ea8ef9ac0c621896708a59367f9dfb9f54ca84b3f1c9db1288b231c3ae0d4fe7344fd2533264720"},
        {"secp521r1", "0fad06daa62ba3b25d2fb40133da757205de67f5bb0018fee8c86e1b68c7e75caa896eb32f1f47c70855836a6d16fcc1466f6d8fbec67db89ec0c08b0e996b83538",
            "1894550d0785932e00eaa23b694f213f8c3121f86dc97a04e5a7167db4e5bcd371123d46e45db6b5d5370a7f20fb633155d38ffa16d2bd761dcac474b9a2f5023a4",
            "0493101c962cd4d2fddf782285e64584139c2f91b47f87ff82354d6630f746a28a0db25741b5b34a828008b22acc23f924faafbd4d33f81ea66956dfeaa2bfdfcf5"},
    };

    /** RFC 7748 §6.1 (X25519) and §6.2 (X448): curve, Alice's private and public key, Bob's, their K (hex, little-endian). */
    public static final String[][] RFC7748 = {
        {"X25519", "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
            "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
            "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb",
            "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
            "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"},
        {"X448", "9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b",
            "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0",
            "1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d",
            "3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609",
            "07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c24403085d59a449a5037514a879d"},
    };

    /** A SecureRandom that yields the given byte arrays in turn (each call must ask for its length). */
    public static SecureRandom yielding(byte[]... values) {
        return new SecureRandom() {
            private int next;

            @Override
            public void nextBytes(byte[] bytes) {
                byte[] v = values[next++];
                assertEquals(v.length, bytes.length);
                System.arraycopy(v, 0, bytes, 0, v.length);
            }
        };
    }

    /**
     * The N + 64 random bits of FIPS 186-5 A.2.1 (the provider's EC private-key method) that give the
     * private key d: c = d − 1 (< n − 1), big-endian in ceil((N + 64) / 8) bytes, as one nextBytes call.
     */
    public static SecureRandom yieldingScalar(BigInteger d, int orderBits) {
        byte[] c = new byte[(orderBits + 64 + 7) / 8];
        byte[] m = d.subtract(BigInteger.ONE).toByteArray();
        int len = Math.min(m.length, c.length);
        System.arraycopy(m, m.length - len, c, c.length - len, len);
        return yielding(c);
    }

    /** The RFC 7748 little-endian encoding of u in {@code len} bytes. */
    public static byte[] littleEndian(BigInteger u, int len) {
        byte[] be = u.toByteArray();
        byte[] out = new byte[len];
        for (int i = 0; i < Math.min(len, be.length); i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }
}
