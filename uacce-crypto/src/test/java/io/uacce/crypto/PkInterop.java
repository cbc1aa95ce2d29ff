package io.uacce.crypto;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import javax.crypto.KeyAgreement;

/** Interop checks between two providers (public JCA API only), for the unit and conformance tests. */
public final class PkInterop {
    private PkInterop() {
    }

    /** Signs {@code msg} with {@code signer}, verifies with {@code verifier}; a changed message must not verify. */
    public static void signVerify(Provider signer, Provider verifier, String alg, KeyPair kp, byte[] msg) throws Exception {
        Signature s = Signature.getInstance(alg, signer);
        Signature v = Signature.getInstance(alg, verifier);
        if (alg.equals("RSASSA-PSS")) {
            PSSParameterSpec pss = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
            s.setParameter(pss);
            v.setParameter(pss);
        }
        s.initSign(kp.getPrivate());
        s.update(msg);
        byte[] sig = s.sign();
        v.initVerify(kp.getPublic());
        v.update(msg);
        assertTrue(v.verify(sig), alg + " signed by " + signer.getName() + ", verified by " + verifier.getName());
        byte[] changed = msg.clone();
        changed[0] ^= 1;
        v.update(changed);
        assertFalse(v.verify(sig), alg + ": a changed message");
    }

    /** The secret of {@code mine}'s private key with {@code peer}'s public key, computed by {@code p}. */
    public static byte[] agree(Provider p, String alg, KeyPair mine, KeyPair peer) throws Exception {
        KeyAgreement ka = KeyAgreement.getInstance(alg, p);
        ka.init(mine.getPrivate());
        ka.doPhase(peer.getPublic(), true);
        return ka.generateSecret();
    }
}
