package io.uacce.crypto.hpre;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidParameterException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGeneratorSpi;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code KeyPairGenerator "XDH"}, {@code "X25519"}, {@code "X448"} (RFC 7748 §6): the private key is
 * 32 (X25519) or 56 (X448) bytes from the caller's SecureRandom, kept as drawn (clamping is part of
 * decoding the scalar, RFC 7748 §5, as SunEC keeps it); the public key is X25519(k, 9) / X448(k, 5)
 * by {@link PkPrimitives#xdh} — HPRE alg 0x10 on a V3 device, SunEC's XDH where the device does not
 * run it in AUTO (and in SOFTWARE), {@link io.uacce.crypto.types.HpreDeviceException} in HARDWARE.
 * Keys are SunEC's XEC classes. "XDH" defaults to X25519, as SunEC.
 */
final class XdhKeyPairGenerator extends KeyPairGeneratorSpi {
    private final PkPrimitives prims;
    private final String fixed; // "X25519", "X448", or null for "XDH" (either)
    private NamedParameterSpec params;
    private SecureRandom random;

    XdhKeyPairGenerator(PkPrimitives prims, String curve) {
        this.prims = prims;
        this.fixed = curve;
        this.params = "X448".equals(curve) ? NamedParameterSpec.X448 : NamedParameterSpec.X25519;
    }

    private void use(NamedParameterSpec p, SecureRandom rnd) {
        params = p;
        random = rnd;
    }

    @Override
    public void initialize(int keysize, SecureRandom rnd) {
        NamedParameterSpec p = switch (keysize) {
            case 255 -> NamedParameterSpec.X25519;
            case 448 -> NamedParameterSpec.X448;
            default -> throw new InvalidParameterException("XDH key sizes 255 (X25519) and 448 (X448), got " + keysize);
        };
        if (fixed != null && !fixed.equals(p.getName())) {
            throw new InvalidParameterException(fixed + " key pair generator given key size " + keysize);
        }
        use(p, rnd);
    }

    @Override
    public void initialize(AlgorithmParameterSpec spec, SecureRandom rnd) throws InvalidAlgorithmParameterException {
        if (!(spec instanceof NamedParameterSpec n)) {
            throw new InvalidAlgorithmParameterException("XDH keys: NamedParameterSpec X25519 or X448, got " + spec);
        }
        String name = n.getName().toUpperCase(Locale.ROOT);
        if (!name.equals("X25519") && !name.equals("X448")) {
            throw new InvalidAlgorithmParameterException("XDH curves are X25519 and X448, got " + n.getName());
        }
        if (fixed != null && !fixed.equals(name)) {
            throw new InvalidAlgorithmParameterException(fixed + " key pair generator given " + n.getName());
        }
        use(name.equals("X448") ? NamedParameterSpec.X448 : NamedParameterSpec.X25519, rnd);
    }

    @Override
    public KeyPair generateKeyPair() {
        boolean x448 = params == NamedParameterSpec.X448;
        byte[] k = new byte[x448 ? 56 : 32];
        try {
            (random != null ? random : new SecureRandom()).nextBytes(k);
            KeyFactory kf = KeyFactory.getInstance("XDH", "SunEC");
            XECPrivateKey priv = (XECPrivateKey) kf.generatePrivate(new XECPrivateKeySpec(params, k));
            XECPublicKey base = (XECPublicKey) kf.generatePublic(new XECPublicKeySpec(params,
                    BigInteger.valueOf(x448 ? 5 : 9)));
            byte[] u = prims.xdh(priv, base); // little-endian u of k·base
            byte[] be = new byte[u.length];
            for (int i = 0; i < u.length; i++) {
                be[i] = u[u.length - 1 - i];
            }
            return new KeyPair(kf.generatePublic(new XECPublicKeySpec(params, new BigInteger(1, be))), priv);
        } catch (GeneralSecurityException e) {
            throw new ProviderException(params.getName() + " key generation: " + e.getMessage(), e);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }
}
