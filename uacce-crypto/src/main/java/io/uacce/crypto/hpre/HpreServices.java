package io.uacce.crypto.hpre;

import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.internal.EngineServices;
import io.uacce.crypto.internal.ProviderContext;
import io.uacce.crypto.internal.ServiceRegistry;

/**
 * The public-key algorithms of the provider (the HPRE engine's share), with the JDK's standard
 * names, aliases and OIDs. Padding, hashing, DER and key handling are this package's software;
 * the raw primitives go through {@link PkPrimitives#forContext}.
 */
public final class HpreServices implements EngineServices {
    private static final String RSA_KEYS = "java.security.interfaces.RSAPublicKey|java.security.interfaces.RSAPrivateKey";
    private static final String EC_KEYS = "java.security.interfaces.ECPublicKey|java.security.interfaces.ECPrivateKey";
    private static final String XEC_KEYS = "java.security.interfaces.XECPublicKey|java.security.interfaces.XECPrivateKey";
    private static final String DH_KEYS = "javax.crypto.interfaces.DHPublicKey|javax.crypto.interfaces.DHPrivateKey";

    @Override
    public String name() {
        return "hpre";
    }

    @Override
    public void register(ServiceRegistry r, ProviderContext ctx) {
        PkPrimitives p = PkPrimitives.forContext(ctx);
        rsaSignatures(r, p);
        ecdsa(r, p);
        sm2(r, p);
        ciphers(r, p);
        agreements(r, p);
        generators(r, p);
        if (ctx.mode() != CryptoMode.HARDWARE) { // the JDK's RSA key generation, not device-backed
            r.service("KeyPairGenerator", "RSA").oid("1.2.840.113549.1.1.1")
                    .add(JdkKeyPairGenerator.class, () -> new JdkKeyPairGenerator("RSA", "SunRsaSign"));
        }
    }

    private static void rsaSignatures(ServiceRegistry r, PkPrimitives p) {
        String[][] rsa = {{"SHA-1", "SHA1withRSA", "1.2.840.113549.1.1.5"},
            {"SHA-224", "SHA224withRSA", "1.2.840.113549.1.1.14"}, {"SHA-256", "SHA256withRSA", "1.2.840.113549.1.1.11"},
            {"SHA-384", "SHA384withRSA", "1.2.840.113549.1.1.12"}, {"SHA-512", "SHA512withRSA", "1.2.840.113549.1.1.13"}};
        for (String[] s : rsa) {
            r.service("Signature", s[1]).oid(s[2]).attribute("SupportedKeyClasses", RSA_KEYS)
                    .add(RsaSignature.class, () -> RsaSignature.pkcs1(p, s[0]));
        }
        r.service("Signature", "RSASSA-PSS").alias("PSS").oid("1.2.840.113549.1.1.10")
                .attribute("SupportedKeyClasses", RSA_KEYS).add(RsaSignature.class, () -> RsaSignature.pss(p));
    }

    private static void ecdsa(ServiceRegistry r, PkPrimitives p) {
        String[][] ec = {{"SHA-1", "SHA1", "1.2.840.10045.4.1"}, {"SHA-224", "SHA224", "1.2.840.10045.4.3.1"},
            {"SHA-256", "SHA256", "1.2.840.10045.4.3.2"}, {"SHA-384", "SHA384", "1.2.840.10045.4.3.3"},
            {"SHA-512", "SHA512", "1.2.840.10045.4.3.4"}};
        for (String[] s : ec) {
            r.service("Signature", s[1] + "withECDSA").oid(s[2]).attribute("SupportedKeyClasses", EC_KEYS)
                    .add(EcdsaSignature.class, () -> new EcdsaSignature(p, s[0], false));
            r.service("Signature", s[1] + "withECDSAinP1363Format").attribute("SupportedKeyClasses", EC_KEYS)
                    .add(EcdsaSignature.class, () -> new EcdsaSignature(p, s[0], true));
        }
    }

    private static void sm2(ServiceRegistry r, PkPrimitives p) {
        r.service("Signature", "SM3withSM2").alias("SM2").oid("1.2.156.10197.1.501").attribute("SupportedKeyClasses", EC_KEYS)
                .add(EcdsaSignature.class, () -> EcdsaSignature.sm2(p));
        // GB/T 32918.4 encryption with SM3; C1C2C3 as BouncyCastle's "SM2", mode C1C3C2 = the 2016 order
        r.service("Cipher", "SM2").alias("SM2withSM3").attribute("SupportedKeyClasses", EC_KEYS)
                .attribute("SupportedModes", "NONE|C1C2C3|C1C3C2").attribute("SupportedPaddings", "NOPADDING")
                .add(Sm2Cipher.class, () -> new Sm2Cipher(p));
    }

    private static void ciphers(ServiceRegistry r, PkPrimitives p) {
        r.service("Cipher", "RSA").alias("RSA/ECB/PKCS1Padding").oid("1.2.840.113549.1.1.1")
                .attribute("SupportedKeyClasses", RSA_KEYS)
                .add(RsaCipher.class, () -> new RsaCipher(p, RsaCipher.Padding.PKCS1, null));
        r.service("Cipher", "RSA/ECB/NoPadding").attribute("SupportedKeyClasses", RSA_KEYS)
                .add(RsaCipher.class, () -> new RsaCipher(p, RsaCipher.Padding.NONE, null));
        r.service("Cipher", "RSA/ECB/OAEPPadding").oid("1.2.840.113549.1.1.7").attribute("SupportedKeyClasses", RSA_KEYS)
                .add(RsaCipher.class, () -> new RsaCipher(p, RsaCipher.Padding.OAEP, null));
        for (String d : new String[] {"SHA-1", "SHA-224", "SHA-256", "SHA-384", "SHA-512"}) {
            r.service("Cipher", "RSA/ECB/OAEPWith" + d + "AndMGF1Padding")
                    .alias(d.equals("SHA-1") ? new String[] {"RSA/ECB/OAEPWithSHA1AndMGF1Padding"} : new String[0])
                    .attribute("SupportedKeyClasses", RSA_KEYS)
                    .add(RsaCipher.class, () -> new RsaCipher(p, RsaCipher.Padding.OAEP, d));
        }
    }

    private static void agreements(ServiceRegistry r, PkPrimitives p) {
        r.service("KeyAgreement", "ECDH").attribute("SupportedKeyClasses", EC_KEYS)
                .add(PkKeyAgreement.class, () -> new PkKeyAgreement(p, PkKeyAgreement.Kind.ECDH, null));
        r.service("KeyAgreement", "XDH").attribute("SupportedKeyClasses", XEC_KEYS)
                .add(PkKeyAgreement.class, () -> new PkKeyAgreement(p, PkKeyAgreement.Kind.XDH, null));
        r.service("KeyAgreement", "X25519").oid("1.3.101.110").attribute("SupportedKeyClasses", XEC_KEYS)
                .add(PkKeyAgreement.class, () -> new PkKeyAgreement(p, PkKeyAgreement.Kind.XDH, "X25519"));
        r.service("KeyAgreement", "X448").oid("1.3.101.111").attribute("SupportedKeyClasses", XEC_KEYS)
                .add(PkKeyAgreement.class, () -> new PkKeyAgreement(p, PkKeyAgreement.Kind.XDH, "X448"));
        r.service("KeyAgreement", "DH").alias("DiffieHellman").oid("1.2.840.113549.1.3.1")
                .attribute("SupportedKeyClasses", DH_KEYS)
                .add(PkKeyAgreement.class, () -> new PkKeyAgreement(p, PkKeyAgreement.Kind.DH, null));
    }

    /** The device-backed key generation (d·G by alg 0xD, X25519/X448 by alg 0x10): services in every mode. */
    private static void generators(ServiceRegistry r, PkPrimitives p) {
        r.service("KeyPairGenerator", "SM2").add(Sm2KeyPairGenerator.class, () -> new Sm2KeyPairGenerator(p));
        // prime curves (SunEC's key classes where SunEC holds the curve); sm2p256v1 by the SM2 generator
        r.service("KeyPairGenerator", "EC").alias("EllipticCurve").oid("1.2.840.10045.2.1")
                .add(EcKeyPairGenerator.class, () -> new EcKeyPairGenerator(p));
        r.service("KeyPairGenerator", "XDH")
                .add(XdhKeyPairGenerator.class, () -> new XdhKeyPairGenerator(p, null));
        r.service("KeyPairGenerator", "X25519").oid("1.3.101.110")
                .add(XdhKeyPairGenerator.class, () -> new XdhKeyPairGenerator(p, "X25519"));
        r.service("KeyPairGenerator", "X448").oid("1.3.101.111")
                .add(XdhKeyPairGenerator.class, () -> new XdhKeyPairGenerator(p, "X448"));
        // our SM2 keys from and to X.509/PKCS#8 (sm2p256v1) and EC key specs; d·G by alg 0xD
        r.service("KeyFactory", "SM2").add(Sm2KeyFactory.class, () -> new Sm2KeyFactory(p));
    }
}
