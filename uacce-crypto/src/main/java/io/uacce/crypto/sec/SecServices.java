package io.uacce.crypto.sec;

import io.uacce.crypto.Mode;
import io.uacce.crypto.internal.EngineServices;
import io.uacce.crypto.internal.ProviderContext;
import io.uacce.crypto.internal.ServiceRegistry;
import io.uacce.crypto.soft.AesBlock;
import io.uacce.crypto.soft.BlockCipher;
import io.uacce.crypto.soft.BlockModeCipher;
import io.uacce.crypto.soft.BlockModeCipher.Kind;
import io.uacce.crypto.soft.CcmCipher;
import io.uacce.crypto.soft.Cmac;
import io.uacce.crypto.soft.GcmCipher;
import io.uacce.crypto.soft.Gmac;
import io.uacce.crypto.soft.HmacSm3;
import io.uacce.crypto.soft.IvParameters;
import io.uacce.crypto.soft.JdkCipher;
import io.uacce.crypto.soft.JdkDigest;
import io.uacce.crypto.soft.JdkMac;
import io.uacce.crypto.sec.bd.SecCodes;
import io.uacce.crypto.soft.Sm3Digest;
import io.uacce.crypto.soft.Sm4;
import io.uacce.crypto.soft.XtsCipher;
import java.util.function.IntPredicate;

/**
 * The symmetric algorithms of the provider (the SEC engine's share), with the JDK's standard names,
 * aliases and OIDs (ACCP's name for XTS). Where the JDK has the algorithm the software path is the
 * JDK's own implementation; SM3, SM4, HmacSM3, AES-CMAC, AES-GMAC, AES-XTS and AES-CCM are this
 * provider's pure-Java code (package {@code io.uacce.crypto.soft}).
 */
public final class SecServices implements EngineServices {
    private static final String SOFTWARE = "Software";
    private static final IntPredicate AES_KEY = AesBlock::validKeyLength;
    private static final IntPredicate SM4_KEY = n -> n == Sm4.KEY_BYTES;
    private static final BlockCipher.Factory AES = AesBlock::new;
    private static final BlockCipher.Factory SM4 = Sm4::new;

    /** A SOFTWARE-mode provider: the software side of the device SPIs (made at first use). */
    private static final class SoftwareProvider {
        static final java.security.Provider P = new io.uacce.crypto.UacceProvider(
                new io.uacce.crypto.CryptoSettings(Mode.SOFTWARE, 0, 1));

        static java.security.MessageDigest digest(String name) {
            try {
                return java.security.MessageDigest.getInstance(name, P);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public String name() {
        return "sec";
    }

    @Override
    public void register(ServiceRegistry r, ProviderContext ctx) {
        if (ctx.mode() == Mode.HARDWARE) {
            // No device path yet (docs/crypto.md): HARDWARE must not silently run in software.
            return;
        }
        SecDevice device = ctx.mode() == Mode.AUTO ? new SecDevice(ctx) : null;
        digests(r, device, ctx.settings().thresholdBytes());
        macs(r);
        jdkCiphers(r);
        ownCiphers(r);
        r.service("AlgorithmParameters", "SM4").add(IvParameters.class, IvParameters::new);
    }

    /** Digests: software (JDK or our SM3), or in AUTO mode {@link DeviceDigest} in front of the same software. */
    private static void digests(ServiceRegistry r, SecDevice device, int threshold) {
        digest(r, device, threshold, SecCodes.A_MD5, 16, "MD5", "1.2.840.113549.2.5");
        digest(r, device, threshold, SecCodes.A_SHA1, 20, "SHA-1", "1.3.14.3.2.26", "SHA", "SHA1");
        digest(r, device, threshold, SecCodes.A_SHA224, 28, "SHA-224", "2.16.840.1.101.3.4.2.4", "SHA224");
        digest(r, device, threshold, SecCodes.A_SHA256, 32, "SHA-256", "2.16.840.1.101.3.4.2.1", "SHA256");
        digest(r, device, threshold, SecCodes.A_SHA384, 48, "SHA-384", "2.16.840.1.101.3.4.2.2", "SHA384");
        digest(r, device, threshold, SecCodes.A_SHA512, 64, "SHA-512", "2.16.840.1.101.3.4.2.3", "SHA512");
        digest(r, device, threshold, SecCodes.A_SHA512_224, 28, "SHA-512/224", "2.16.840.1.101.3.4.2.5", "SHA512/224");
        digest(r, device, threshold, SecCodes.A_SHA512_256, 32, "SHA-512/256", "2.16.840.1.101.3.4.2.6", "SHA512/256");
        digest(r, device, threshold, SecCodes.A_SM3, 32, "SM3", "1.2.156.10197.1.401");
    }

    private static void digest(ServiceRegistry r, SecDevice device, int threshold, int aAlg, int length, String name,
            String oid, String... aliases) {
        boolean sm3 = name.equals("SM3");
        ServiceRegistry.Builder b = r.service("MessageDigest", name).alias(aliases).oid(oid);
        if (device == null) {
            b.attribute("ImplementedIn", SOFTWARE);
            if (sm3) {
                b.add(Sm3Digest.class, Sm3Digest::new);
            } else {
                b.add(JdkDigest.class, () -> new JdkDigest(name));
            }
            return;
        }
        java.util.function.Supplier<java.security.MessageDigest> soft = () -> SoftwareProvider.digest(name);
        b.add(DeviceDigest.class, () -> new DeviceDigest(device, aAlg, length, threshold, soft));
    }

    private static void macs(ServiceRegistry r) {
        jdkMac(r, "HmacMD5", "1.3.6.1.5.5.8.1.1");
        jdkMac(r, "HmacSHA1", "1.2.840.113549.2.7");
        jdkMac(r, "HmacSHA224", "1.2.840.113549.2.8");
        jdkMac(r, "HmacSHA256", "1.2.840.113549.2.9");
        jdkMac(r, "HmacSHA384", "1.2.840.113549.2.10");
        jdkMac(r, "HmacSHA512", "1.2.840.113549.2.11");
        jdkMac(r, "HmacSHA512/224", "1.2.840.113549.2.12");
        jdkMac(r, "HmacSHA512/256", "1.2.840.113549.2.13");
        r.service("Mac", "HmacSM3").attribute("SupportedKeyFormats", "RAW").add(HmacSm3.class, HmacSm3::new);
        r.service("Mac", "AES-CMAC").alias("AESCMAC").attribute("SupportedKeyFormats", "RAW")
                .add(Cmac.class, () -> new Cmac("AES", AES_KEY, AES));
        r.service("Mac", "AES-GMAC").alias("AESGMAC").attribute("SupportedKeyFormats", "RAW")
                .add(Gmac.class, () -> new Gmac("AES", AES_KEY, AES));
    }

    private static void jdkMac(ServiceRegistry r, String name, String oid) {
        r.service("Mac", name).oid(oid).attribute("SupportedKeyFormats", "RAW")
                .add(JdkMac.class, () -> new JdkMac(name));
    }

    private static void jdkCiphers(ServiceRegistry r) {
        jdkCipher(r, "AES");
        for (String t : new String[] {"AES/ECB/NoPadding", "AES/ECB/PKCS5Padding", "AES/CBC/NoPadding",
            "AES/CBC/PKCS5Padding", "AES/CTR/NoPadding", "AES/GCM/NoPadding", "DESede/ECB/NoPadding",
            "DESede/ECB/PKCS5Padding", "DESede/CBC/NoPadding", "DESede/CBC/PKCS5Padding"}) {
            jdkCipher(r, t);
        }
        r.service("Cipher", "DESede").alias("TripleDES").attribute("SupportedKeyFormats", "RAW")
                .add(JdkCipher.class, () -> new JdkCipher("DESede"));
        String[] bits = {"128", "192", "256"};
        int[] base = {1, 21, 41};
        for (int i = 0; i < 3; i++) {
            String p = "AES_" + bits[i];
            jdkCipherOid(r, p + "/ECB/NoPadding", "2.16.840.1.101.3.4.1." + base[i]);
            jdkCipherOid(r, p + "/CBC/NoPadding", "2.16.840.1.101.3.4.1." + (base[i] + 1));
            jdkCipherOid(r, p + "/GCM/NoPadding", "2.16.840.1.101.3.4.1." + (base[i] + 5));
        }
    }

    private static void jdkCipher(ServiceRegistry r, String t) {
        r.service("Cipher", t).attribute("SupportedKeyFormats", "RAW").add(JdkCipher.class, () -> new JdkCipher(t));
    }

    private static void jdkCipherOid(ServiceRegistry r, String t, String oid) {
        r.service("Cipher", t).oid(oid).attribute("SupportedKeyFormats", "RAW")
                .add(JdkCipher.class, () -> new JdkCipher(t));
    }

    private static void ownCiphers(ServiceRegistry r) {
        own(r, "AES/XTS/NoPadding", () -> new XtsCipher("AES", AES_KEY, AES));
        own(r, "AES/CCM/NoPadding", () -> new CcmCipher("AES", AES_KEY, AES));
        own(r, "SM4", () -> new BlockModeCipher("SM4", Kind.ECB, true, SM4_KEY, SM4));
        own(r, "SM4/ECB/NoPadding", () -> new BlockModeCipher("SM4", Kind.ECB, false, SM4_KEY, SM4));
        own(r, "SM4/ECB/PKCS5Padding", () -> new BlockModeCipher("SM4", Kind.ECB, true, SM4_KEY, SM4));
        own(r, "SM4/CBC/NoPadding", () -> new BlockModeCipher("SM4", Kind.CBC, false, SM4_KEY, SM4));
        own(r, "SM4/CBC/PKCS5Padding", () -> new BlockModeCipher("SM4", Kind.CBC, true, SM4_KEY, SM4));
        own(r, "SM4/CTR/NoPadding", () -> new BlockModeCipher("SM4", Kind.CTR, false, SM4_KEY, SM4));
        own(r, "SM4/XTS/NoPadding", () -> new XtsCipher("SM4", SM4_KEY, SM4));
        own(r, "SM4/GCM/NoPadding", () -> new GcmCipher("SM4", SM4_KEY, SM4));
        own(r, "SM4/CCM/NoPadding", () -> new CcmCipher("SM4", SM4_KEY, SM4));
    }

    private static void own(ServiceRegistry r, String t, java.util.function.Supplier<?> f) {
        r.service("Cipher", t).attribute("SupportedKeyFormats", "RAW").attribute("ImplementedIn", SOFTWARE)
                .add(f.get().getClass(), f);
    }
}
