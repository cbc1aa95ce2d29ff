package io.uacce.compress.cli;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;
import javax.crypto.KeyAgreement;

/**
 * {@code bench -a rsa2048-sign} and the other public-key operations (HPRE): one request = one
 * JCA sign, verify or key agreement through the {@code UACCE} provider, with keys made once per
 * thread by the JDK (RSA keys carry their CRT parts, so signing uses CRT). The block is the signed
 * message (ignored by the agreements).
 */
final class PkBench {
    private PkBench() {
    }

    static boolean handles(String alg) {
        return alg.startsWith("rsa") || alg.startsWith("ecdsa-") || alg.startsWith("ecdh-") || alg.equals("x25519");
    }

    /** One thread's operation. */
    interface Op {
        void run() throws GeneralSecurityException;
    }

    static Op op(Provider p, String alg, byte[] message) throws GeneralSecurityException {
        String a = alg.toLowerCase(Locale.ROOT);
        KeyPairGenerator g;
        String jca;
        if (a.startsWith("rsa")) {
            g = KeyPairGenerator.getInstance("RSA");
            g.initialize(a.startsWith("rsa4096") ? 4096 : 2048);
            jca = "SHA256withRSA";
        } else if (a.equals("x25519")) {
            g = KeyPairGenerator.getInstance("X25519");
            jca = "X25519";
        } else {
            g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            jca = a.startsWith("ecdh") ? "ECDH" : "SHA256withECDSA";
        }
        KeyPair keys = g.generateKeyPair();
        if (!jca.startsWith("SHA")) {
            KeyPair peer = g.generateKeyPair();
            KeyAgreement ka = KeyAgreement.getInstance(jca, p);
            ka.init(keys.getPrivate());
            return () -> {
                ka.doPhase(peer.getPublic(), true);
                ka.generateSecret();
            };
        }
        Signature s = Signature.getInstance(jca, p);
        s.initSign(keys.getPrivate());
        if (a.endsWith("-sign")) {
            return () -> {
                s.update(message);
                s.sign();
            };
        }
        s.update(message);
        byte[] sig = s.sign();
        Signature v = Signature.getInstance(jca, p);
        v.initVerify(keys.getPublic());
        return () -> {
            v.update(message);
            if (!v.verify(sig)) {
                throw new GeneralSecurityException(alg + ": the signature does not verify");
            }
        };
    }
}
