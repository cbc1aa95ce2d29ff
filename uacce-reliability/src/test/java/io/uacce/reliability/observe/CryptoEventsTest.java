package io.uacce.reliability.observe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Uacce;
import io.uacce.crypto.UacceProvider;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelHost;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the {@code io.uacce.DeviceRequest} JFR events of SEC and HPRE requests carry the bytes a
 * user would name — operand bytes in, result bytes out — as the JCA call's sizes give them (a cipher's
 * text, a digest's message and length, GCM's AAD, text and tag, an RSA block, an EC point or
 * signature), on the model's SEC and HPRE devices through the provider in HARDWARE mode.
 */
class CryptoEventsTest {
    private static final int CBC = 4096;
    private static final int AAD = 20;
    private static final int TEXT = 1000;
    private static final int TAG = 16;

    /** One device request the workload makes, with the bytes it must record. */
    private record Expected(String what, long in, long out) {
    }

    @Test
    void secAndHpreRequestsRecordTheirOperandAndResultBytes() throws Exception {
        SecureRandom random = new SecureRandom(new byte[] {13});
        KeyPairGenerator rg = KeyPairGenerator.getInstance("RSA", "SunRsaSign");
        rg.initialize(2048, random);
        KeyPair rsa = rg.generateKeyPair();
        KeyPairGenerator eg = KeyPairGenerator.getInstance("EC", "SunEC");
        eg.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair ec = eg.generateKeyPair();
        KeyPair peer = eg.generateKeyPair();
        Path file = Files.createTempFile("uacce-crypto-events", ".jfr");
        try (ModelHost model = ModelHost.builder().device(d -> d.engine(EngineKind.SEC).api(ModelApi.V3))
                .device(d -> d.engine(EngineKind.HPRE).api(ModelApi.V3)).build()) {
            Uacce host = Uacce.builder().target(model.target()).build();
            UacceProvider p = new UacceProvider(new CryptoSettings(CryptoMode.HARDWARE, 0, 20_000), () -> host);
            try {
                workload(p, rsa, ec, peer); // opens the pools and runs the known-answer tests, not recorded
                List<Expected> expected;
                try (Recording r = new Recording()) {
                    r.enable("io.uacce.DeviceRequest");
                    r.start();
                    expected = workload(p, rsa, ec, peer);
                    r.stop();
                    r.dump(file);
                }
                List<RecordedEvent> events = new ArrayList<>(RecordingFile.readAllEvents(file).stream()
                        .filter(e -> e.getEventType().getName().equals("io.uacce.DeviceRequest")).toList());
                events.sort(Comparator.comparing(RecordedEvent::getStartTime));
                assertEquals(expected.size(), events.size(), "one device request per JCA call: " + events);
                for (int i = 0; i < expected.size(); i++) {
                    Expected x = expected.get(i);
                    RecordedEvent e = events.get(i);
                    assertTrue(e.getBoolean("success"), x.what() + ": " + e);
                    assertTrue(e.getString("device").startsWith(x.what().startsWith("SEC") ? "hisi_sec2-" : "hisi_hpre-"),
                            x.what() + ": " + e);
                    assertEquals(x.in(), e.getLong("bytesIn"), x.what() + " bytes in: " + e);
                    assertEquals(x.out(), e.getLong("bytesOut"), x.what() + " bytes out: " + e);
                }
            } finally {
                p.close();
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Runs each request once on {@code p} (results checked against the JDK's providers) and returns,
     * in order, what each must record: the sizes of the JCA call (FIPS 197/SP 800-38A/38D block and
     * tag sizes, FIPS 180-4 digest lengths, the RSA modulus and the P-256 coordinate sizes).
     */
    private static List<Expected> workload(Provider p, KeyPair rsa, KeyPair ec, KeyPair peer) throws Exception {
        List<Expected> x = new ArrayList<>();
        byte[] key = bytes(32, 1);
        byte[] iv = bytes(16, 2);
        byte[] data = bytes(CBC, 3);
        SecretKeySpec aes = new SecretKeySpec(key, "AES");

        byte[] ct = same(cipher(p, "AES/CBC/NoPadding", Cipher.ENCRYPT_MODE, aes, new IvParameterSpec(iv), null, data),
                cipher(null, "AES/CBC/NoPadding", Cipher.ENCRYPT_MODE, aes, new IvParameterSpec(iv), null, data));
        x.add(new Expected("SEC AES-CBC encrypt", CBC, CBC));
        same(cipher(p, "AES/CBC/NoPadding", Cipher.DECRYPT_MODE, aes, new IvParameterSpec(iv), null, ct), data);
        x.add(new Expected("SEC AES-CBC decrypt", CBC, CBC));

        byte[] aad = bytes(AAD, 4);
        byte[] text = bytes(TEXT, 5);
        GCMParameterSpec gcm = new GCMParameterSpec(8 * TAG, bytes(12, 6));
        byte[] sealed = same(cipher(p, "AES/GCM/NoPadding", Cipher.ENCRYPT_MODE, aes, gcm, aad, text),
                cipher(null, "AES/GCM/NoPadding", Cipher.ENCRYPT_MODE, aes, gcm, aad, text));
        x.add(new Expected("SEC AES-GCM encrypt", AAD + TEXT, TEXT + TAG));
        same(cipher(p, "AES/GCM/NoPadding", Cipher.DECRYPT_MODE, aes, gcm, aad, sealed), text);
        x.add(new Expected("SEC AES-GCM decrypt", AAD + TEXT + TAG, TEXT));

        same(MessageDigest.getInstance("SHA-256", p).digest(text), MessageDigest.getInstance("SHA-256", "SUN").digest(text));
        x.add(new Expected("SEC SHA-256", TEXT, 32));
        same(mac(p, key, text), mac(null, key, text));
        x.add(new Expected("SEC HmacSHA256", TEXT, 32));

        RSAPublicKey pub = (RSAPublicKey) rsa.getPublic();
        byte[] m = new BigInteger(1, bytes(255, 7)).toByteArray(); // below the 2048-bit modulus
        Cipher rsaEnc = Cipher.getInstance("RSA/ECB/NoPadding", p);
        rsaEnc.init(Cipher.ENCRYPT_MODE, pub);
        byte[] c = rsaEnc.doFinal(m);
        Cipher jdkRsa = Cipher.getInstance("RSA/ECB/NoPadding", "SunJCE");
        jdkRsa.init(Cipher.DECRYPT_MODE, rsa.getPrivate());
        same(new BigInteger(1, jdkRsa.doFinal(c)).toByteArray(), m);
        x.add(new Expected("HPRE RSA-2048 public", 256, 256));

        same(agree(p, ec, peer), agree(null, ec, peer));
        x.add(new Expected("HPRE ECDH P-256", 64, 64));

        Signature s = Signature.getInstance("SHA256withECDSA", p);
        s.initSign(ec.getPrivate());
        s.update(text);
        byte[] sig = s.sign();
        Signature v = Signature.getInstance("SHA256withECDSA", "SunEC");
        v.initVerify(ec.getPublic());
        v.update(text);
        assertTrue(v.verify(sig), "SunEC verifies the provider's signature");
        x.add(new Expected("HPRE ECDSA P-256 sign", 64, 64));
        Signature w = Signature.getInstance("SHA256withECDSA", p);
        w.initVerify(ec.getPublic());
        w.update(text);
        assertTrue(w.verify(sig), "the provider verifies its signature");
        x.add(new Expected("HPRE ECDSA P-256 verify", 96, 0));
        return x;
    }

    private static byte[] same(byte[] actual, byte[] expected) {
        assertArrayEquals(expected, actual);
        return actual;
    }

    private static byte[] cipher(Provider p, String t, int mode, SecretKeySpec k,
            java.security.spec.AlgorithmParameterSpec spec, byte[] aad, byte[] in) throws Exception {
        Cipher c = p == null ? Cipher.getInstance(t, "SunJCE") : Cipher.getInstance(t, p);
        c.init(mode, k, spec);
        if (aad != null) {
            c.updateAAD(aad);
        }
        return c.doFinal(in);
    }

    private static byte[] mac(Provider p, byte[] key, byte[] in) throws Exception {
        Mac m = p == null ? Mac.getInstance("HmacSHA256", "SunJCE") : Mac.getInstance("HmacSHA256", p);
        m.init(new SecretKeySpec(key, "HmacSHA256"));
        return m.doFinal(in);
    }

    private static byte[] agree(Provider p, KeyPair mine, KeyPair theirs) throws Exception {
        KeyAgreement a = p == null ? KeyAgreement.getInstance("ECDH", "SunEC") : KeyAgreement.getInstance("ECDH", p);
        a.init(mine.getPrivate());
        a.doPhase(theirs.getPublic(), true);
        return a.generateSecret();
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed * 97 + (i >>> 8));
        }
        return b;
    }
}
