package io.uacce.crypto.sec;

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
import io.uacce.crypto.types.CryptoMode;
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

    /** The software side of the device SPIs, from the SOFTWARE-mode provider of the context. */
    private static final class SoftwareProvider {
        static javax.crypto.Mac mac(java.security.Provider p, String name) {
            try {
                return javax.crypto.Mac.getInstance(name, p);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        static javax.crypto.Cipher cipher(java.security.Provider p, String transformation) {
            try {
                return javax.crypto.Cipher.getInstance(transformation, p);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        static java.security.MessageDigest digest(java.security.Provider p, String name) {
            try {
                return java.security.MessageDigest.getInstance(name, p);
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
        SecDevice device = ctx.mode() == CryptoMode.SOFTWARE ? null : new SecDevice(ctx);
        if (ctx.mode() == CryptoMode.HARDWARE) {
            hardware(r, device); // only the device-backed services: HARDWARE never runs in software
            return;
        }
        digests(r, device, ctx.settings().thresholdBytes());
        macs(r, device, ctx.settings().thresholdBytes());
        jdkCiphers(r, device, ctx.settings().thresholdBytes());
        ownCiphers(r, device, ctx.settings().thresholdBytes());
        r.service("AlgorithmParameters", "SM4").add(IvParameters.class, IvParameters::new);
    }

    private static void hardware(ServiceRegistry r, SecDevice device) {
        ServiceRegistry only = r.filtered(c -> c.startsWith(SecServices.class.getPackageName() + ".Device"));
        digests(only, device, 0);
        macs(only, device, 0);
        jdkCiphers(only, device, 0);
        ownCiphers(only, device, 0);
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
        java.util.function.Supplier<java.security.MessageDigest> soft = () -> SoftwareProvider.digest(device.software(), name);
        int chunk = DeviceDigest.chunkFromProperty();
        b.add(DeviceDigest.class, () -> new DeviceDigest(device, aAlg, length, threshold, chunk, soft));
    }

    private static void macs(ServiceRegistry r, SecDevice device, int threshold) {
        hmac(r, device, threshold, SecCodes.A_MD5, 16, 64, "HmacMD5", "1.3.6.1.5.5.8.1.1");
        hmac(r, device, threshold, SecCodes.A_SHA1, 20, 64, "HmacSHA1", "1.2.840.113549.2.7");
        hmac(r, device, threshold, SecCodes.A_SHA224, 28, 64, "HmacSHA224", "1.2.840.113549.2.8");
        hmac(r, device, threshold, SecCodes.A_SHA256, 32, 64, "HmacSHA256", "1.2.840.113549.2.9");
        hmac(r, device, threshold, SecCodes.A_SHA384, 48, 128, "HmacSHA384", "1.2.840.113549.2.10");
        hmac(r, device, threshold, SecCodes.A_SHA512, 64, 128, "HmacSHA512", "1.2.840.113549.2.11");
        jdkMac(r, "HmacSHA512/224", "1.2.840.113549.2.12"); // no standard known answer at hand: software only
        jdkMac(r, "HmacSHA512/256", "1.2.840.113549.2.13");
        if (device == null) {
            r.service("Mac", "HmacSM3").attribute("SupportedKeyFormats", "RAW").add(HmacSm3.class, HmacSm3::new);
        } else {
            r.service("Mac", "HmacSM3").attribute("SupportedKeyFormats", "RAW").add(DeviceMac.class,
                    () -> new DeviceMac(device, SecCodes.A_HMAC_SM3, 32, 64, threshold,
                            () -> SoftwareProvider.mac(device.software(), "HmacSM3")));
        }
        if (device == null) {
            r.service("Mac", "AES-CMAC").alias("AESCMAC").attribute("SupportedKeyFormats", "RAW")
                    .add(Cmac.class, () -> new Cmac("AES", AES_KEY, AES));
            r.service("Mac", "AES-GMAC").alias("AESGMAC").attribute("SupportedKeyFormats", "RAW")
                    .add(Gmac.class, () -> new Gmac("AES", AES_KEY, AES));
            return;
        }
        // [choice] CMAC keys of 16 bytes only on the device (UADK's check, §2.4); 24/32 in software
        r.service("Mac", "AES-CMAC").alias("AESCMAC").attribute("SupportedKeyFormats", "RAW").add(DeviceMac.class,
                () -> new DeviceMac(device, SecCodes.A_AES_CMAC, 16, n -> n == 16, "AES-CMAC keys of 16 bytes",
                        threshold, () -> SoftwareProvider.mac(device.software(), "AES-CMAC")));
        r.service("Mac", "AES-GMAC").alias("AESGMAC").attribute("SupportedKeyFormats", "RAW").add(DeviceMac.class,
                () -> new DeviceMac(device, SecCodes.A_AES_GMAC, 16, AES_KEY, "AES keys of 16, 24 or 32 bytes",
                        threshold, () -> SoftwareProvider.mac(device.software(), "AES-GMAC")));
    }

    /** A JDK HMAC, or in AUTO mode {@link DeviceMac} in front of it. */
    private static void hmac(ServiceRegistry r, SecDevice device, int threshold, int hash, int length, int block,
            String name, String oid) {
        if (device == null) {
            jdkMac(r, name, oid);
            return;
        }
        r.service("Mac", name).oid(oid).attribute("SupportedKeyFormats", "RAW").add(DeviceMac.class,
                () -> new DeviceMac(device, SecCodes.A_HMAC | hash, length, block, threshold, () -> SoftwareProvider.mac(device.software(), name)));
    }

    private static void jdkMac(ServiceRegistry r, String name, String oid) {
        r.service("Mac", name).oid(oid).attribute("SupportedKeyFormats", "RAW")
                .add(JdkMac.class, () -> new JdkMac(name));
    }

    /**
     * In AUTO mode the unpadded ECB/CBC/CTR transformations of AES and SM4 (and DESede ECB/CBC) are {@link DeviceCipher}s in
     * front of the SOFTWARE provider's cipher; true when {@code t} was registered so.
     */
    private static boolean deviceCipher(ServiceRegistry r, SecDevice device, int threshold, String t) {
        String[] p = t.split("/");
        if (device == null || p.length != 3 || !p[2].equals("NoPadding")) {
            return false;
        }
        int cAlg = cipherAlg(p[0]);
        int cMode = switch (p[1]) {
            case "ECB" -> SecCodes.C_MODE_ECB;
            case "CBC" -> SecCodes.C_MODE_CBC;
            case "CTR" -> SecCodes.C_MODE_CTR;
            default -> -1;
        };
        if (!SecDevice.hasCipher(cAlg, cMode)) {
            return false;
        }
        r.service("Cipher", t).attribute("SupportedKeyFormats", "RAW").add(DeviceCipher.class,
                () -> new DeviceCipher(device, p[0], cAlg, cMode, threshold, () -> SoftwareProvider.cipher(device.software(), t)));
        return true;
    }

    /** c_alg of a JCA cipher name: AES, SM4, DESede (3DES); −1 for others. */
    private static int cipherAlg(String name) {
        return switch (name) {
            case "AES" -> SecCodes.C_ALG_AES;
            case "SM4" -> SecCodes.C_ALG_SM4;
            case "DESede" -> SecCodes.C_ALG_3DES;
            default -> -1;
        };
    }

    /**
     * In AUTO/HARDWARE mode AES, SM4 and DESede ECB/CBC with PKCS5Padding are {@link DevicePaddedCipher}s: padding
     * in software, whole blocks through a {@link DeviceCipher}; true when {@code t} was registered so.
     */
    private static boolean devicePadded(ServiceRegistry r, SecDevice device, int threshold, String t) {
        String[] p = t.split("/");
        if (device == null || p.length != 3 || !p[2].equals("PKCS5Padding")) {
            return false;
        }
        int cAlg = cipherAlg(p[0]);
        int cMode = p[1].equals("ECB") ? SecCodes.C_MODE_ECB : p[1].equals("CBC") ? SecCodes.C_MODE_CBC : -1;
        if (!SecDevice.hasCipher(cAlg, cMode)) {
            return false;
        }
        String unpadded = p[0] + "/" + p[1] + "/NoPadding";
        r.service("Cipher", t).attribute("SupportedKeyFormats", "RAW").add(DevicePaddedCipher.class,
                () -> new DevicePaddedCipher(device, cMode == SecCodes.C_MODE_CBC,
                        () -> SoftwareProvider.cipher(device.software(), t), new DeviceCipher(device, p[0], cAlg, cMode,
                                threshold, () -> SoftwareProvider.cipher(device.software(), unpadded))));
        return true;
    }

    private static void jdkCiphers(ServiceRegistry r, SecDevice device, int threshold) {
        jdkCipher(r, "AES");
        for (String t : new String[] {"AES/ECB/NoPadding", "AES/CBC/NoPadding", "AES/CTR/NoPadding"}) {
            if (!deviceCipher(r, device, threshold, t)) {
                jdkCipher(r, t);
            }
        }
        if (!deviceOneShot(r, device, threshold, "AES/GCM/NoPadding")) {
            jdkCipher(r, "AES/GCM/NoPadding");
        }
        for (String t : new String[] {"AES/ECB/PKCS5Padding", "AES/CBC/PKCS5Padding"}) {
            if (!devicePadded(r, device, threshold, t)) {
                jdkCipher(r, t);
            }
        }
        for (String t : new String[] {"DESede/ECB/NoPadding",
            "DESede/ECB/PKCS5Padding", "DESede/CBC/NoPadding", "DESede/CBC/PKCS5Padding"}) {
            if (!deviceCipher(r, device, threshold, t) && !devicePadded(r, device, threshold, t)) {
                jdkCipher(r, t);
            }
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

    private static void ownCiphers(ServiceRegistry r, SecDevice device, int threshold) {
        own(r, device, threshold, "AES/XTS/NoPadding", () -> new XtsCipher("AES", AES_KEY, AES));
        own(r, device, threshold, "AES/CCM/NoPadding", () -> new CcmCipher("AES", AES_KEY, AES));
        own(r, "SM4", () -> new BlockModeCipher("SM4", Kind.ECB, true, SM4_KEY, SM4));
        own(r, device, threshold, "SM4/ECB/NoPadding", () -> new BlockModeCipher("SM4", Kind.ECB, false, SM4_KEY, SM4));
        if (!devicePadded(r, device, threshold, "SM4/ECB/PKCS5Padding")) {
            own(r, "SM4/ECB/PKCS5Padding", () -> new BlockModeCipher("SM4", Kind.ECB, true, SM4_KEY, SM4));
        }
        own(r, device, threshold, "SM4/CBC/NoPadding", () -> new BlockModeCipher("SM4", Kind.CBC, false, SM4_KEY, SM4));
        if (!devicePadded(r, device, threshold, "SM4/CBC/PKCS5Padding")) {
            own(r, "SM4/CBC/PKCS5Padding", () -> new BlockModeCipher("SM4", Kind.CBC, true, SM4_KEY, SM4));
        }
        own(r, device, threshold, "SM4/CTR/NoPadding", () -> new BlockModeCipher("SM4", Kind.CTR, false, SM4_KEY, SM4));
        own(r, device, threshold, "SM4/XTS/NoPadding", () -> new XtsCipher("SM4", SM4_KEY, SM4));
        own(r, device, threshold, "SM4/GCM/NoPadding", () -> new GcmCipher("SM4", SM4_KEY, SM4));
        own(r, device, threshold, "SM4/CCM/NoPadding", () -> new CcmCipher("SM4", SM4_KEY, SM4));
    }

    private static void own(ServiceRegistry r, SecDevice device, int threshold, String t,
            java.util.function.Supplier<?> f) {
        if (!deviceCipher(r, device, threshold, t) && !deviceOneShot(r, device, threshold, t)) {
            own(r, t, f);
        }
    }

    /**
     * In AUTO/HARDWARE mode AES GCM/CCM/XTS and SM4 GCM/CCM/XTS are {@link DeviceOneShot}s in front of the
     * SOFTWARE provider's cipher; true when {@code t} was registered so.
     */
    private static boolean deviceOneShot(ServiceRegistry r, SecDevice device, int threshold, String t) {
        String[] p = t.split("/");
        int cMode = p.length != 3 ? -1 : switch (p[1]) {
            case "GCM" -> SecCodes.C_MODE_GCM;
            case "CCM" -> SecCodes.C_MODE_CCM;
            case "XTS" -> SecCodes.C_MODE_XTS;
            default -> -1;
        };
        if (device == null || cMode < 0) {
            return false;
        }
        int cAlg = p[0].equals("AES") ? SecCodes.C_ALG_AES : SecCodes.C_ALG_SM4;
        if (cMode == SecCodes.C_MODE_XTS ? !SecDevice.hasCipher(cAlg, cMode) : !SecDevice.hasAead(cAlg, cMode)) {
            return false;
        }
        r.service("Cipher", t).attribute("SupportedKeyFormats", "RAW").add(DeviceOneShot.class,
                () -> new DeviceOneShot(device, cAlg, cMode, threshold, () -> SoftwareProvider.cipher(device.software(), t)));
        return true;
    }

    private static void own(ServiceRegistry r, String t, java.util.function.Supplier<?> f) {
        r.service("Cipher", t).attribute("SupportedKeyFormats", "RAW").attribute("ImplementedIn", SOFTWARE)
                .add(f.get().getClass(), f);
    }
}
