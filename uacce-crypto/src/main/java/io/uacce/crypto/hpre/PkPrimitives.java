package io.uacce.crypto.hpre;

import io.uacce.crypto.internal.ProviderContext;
import io.uacce.crypto.types.CryptoMode;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import javax.crypto.interfaces.DHPrivateKey;
import javax.crypto.interfaces.DHPublicKey;

/**
 * The raw public-key primitives the HPRE engine computes (spec §3.1): everything around them —
 * padding, hashing, DER, key decoding, input validation — is done by the SPI classes of this
 * package in software. {@link SoftPrimitives} is the software implementation; a device
 * implementation ({@link DevicePrimitives}: HPRE queues through the request layer) plugs in here. Arguments have been
 * validated by the caller (ranges, curves, lengths); implementations reject nothing the SPI accepted
 * except with a {@link GeneralSecurityException} naming the cause.
 */
public interface PkPrimitives {
    /** m^e mod n; 0 <= m < n. */
    BigInteger rsaPublic(RSAPublicKey key, BigInteger m) throws GeneralSecurityException;

    /** c^d mod n with CRT when the key carries it, blinded; 0 <= c < n. */
    BigInteger rsaPrivate(RSAPrivateKey key, BigInteger c) throws GeneralSecurityException;

    /** ECDH: the x coordinate of d·Q, field-size bytes big-endian; Q is on the key's curve. */
    byte[] ecdh(ECPrivateKey key, ECPublicKey peer) throws GeneralSecurityException;

    /**
     * ECDSA sign of the hash {@code digest} (truncated to the order's bit length by the primitive,
     * FIPS 186-5 §6.4.1); returns {r, s}, each in [1, n-1].
     */
    BigInteger[] ecdsaSign(ECPrivateKey key, byte[] digest, SecureRandom random) throws GeneralSecurityException;

    /** ECDSA verify; r and s are in [1, n-1]. */
    boolean ecdsaVerify(ECPublicKey key, byte[] digest, BigInteger r, BigInteger s) throws GeneralSecurityException;

    /**
     * SM2 sign (GB/T 32918.2 §6.1) of {@code e} = SM3(Z_A ‖ M), computed by the caller; returns {r, s},
     * each in [1, n-1]. Any prime curve (the SM2 curve of GB/T 32918.5, the test curves of 32918.2).
     */
    BigInteger[] sm2Sign(ECPrivateKey key, byte[] e, SecureRandom random) throws GeneralSecurityException;

    /** SM2 verify (GB/T 32918.2 section 7.1) of {@code e}; r and s are in [1, n-1]. */
    boolean sm2Verify(ECPublicKey key, byte[] e, BigInteger r, BigInteger s) throws GeneralSecurityException;

    /**
     * k·(x, y) on the curve of {@code spec}, affine {x, y}, or null for the point at infinity; (x, y)
     * is on the curve and 1 <= k. The point multiplications of SM2 encryption (GB/T 32918.4: k·G,
     * k·P_B, d_B·C1), on the device HPRE alg 0xD as UADK composes SM2 encryption.
     */
    BigInteger[] ecMultiply(java.security.spec.ECParameterSpec spec, BigInteger k, BigInteger x, BigInteger y)
            throws GeneralSecurityException;

    /**
     * Q = d·G for key generation, on the HPRE device (alg 0xD): affine {x, y}, checked on the curve;
     * 1 <= d < n. Null when the device does not run it in AUTO, and always in SOFTWARE: the caller
     * then generates the key pair in software (SunEC's constant-time generator where SunEC has the
     * curve). HARDWARE: {@link io.uacce.crypto.types.HpreDeviceException}.
     */
    BigInteger[] ecBaseMultiply(java.security.spec.ECParameterSpec spec, BigInteger d) throws GeneralSecurityException;

    /** X25519/X448 (RFC 7748): the little-endian shared u; key and peer are on the same curve. */
    byte[] xdh(XECPrivateKey key, XECPublicKey peer) throws GeneralSecurityException;

    /** Finite-field DH: y^x mod p, k bytes big-endian (k = byte length of p); 1 < y < p-1. */
    byte[] dh(DHPrivateKey key, DHPublicKey peer) throws GeneralSecurityException;

    /**
     * The primitives a provider instance uses: software in SOFTWARE; in AUTO and HARDWARE the HPRE
     * devices ({@link DevicePrimitives}: AUTO falls back to software, HARDWARE refuses).
     */
    static PkPrimitives forContext(ProviderContext ctx) {
        return ctx.mode() == CryptoMode.SOFTWARE ? SoftPrimitives.INSTANCE : new DevicePrimitives(ctx);
    }
}
