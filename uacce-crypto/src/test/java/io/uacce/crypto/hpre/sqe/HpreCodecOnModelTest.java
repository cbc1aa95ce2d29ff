package io.uacce.crypto.hpre.sqe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.NoDeviceException;
import io.uacce.Uacce;
import io.uacce.request.QueueType;
import io.uacce.request.RequestPool;
import io.uacce.request.RequestQueue;
import io.uacce.request.RequestSettings;
import io.uacce.request.Ticket;
import io.uacce.stubs.model.EngineKind;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelHost;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/**
 * The codec through the request layer on the Java model's HPRE device (two independent readings
 * of spec §3 meeting): RSA against the JDK, X25519 against RFC 7748 §5.2, ECDSA verify verdicts.
 */
class HpreCodecOnModelTest {
    static final HexFormat HEX = HexFormat.of();

    /** Runs one request with key/in copied into device memory; returns the result and the output bytes. */
    static byte[] run(RequestQueue<HpreRequest, HpreResult> q, int alg, int size, byte[] key, byte[] in, int outLen,
            HpreResult res) {
        MemorySegment k = q.memory().allocate(key.length);
        MemorySegment i = q.memory().allocate(Math.max(1, in.length));
        MemorySegment o = q.memory().allocate(Math.max(1, outLen));
        try {
            MemorySegment.copy(key, 0, k, ValueLayout.JAVA_BYTE, 0, key.length);
            MemorySegment.copy(in, 0, i, ValueLayout.JAVA_BYTE, 0, in.length);
            HpreRequest r = new HpreRequest().set(alg, size, q.memory().deviceAddress(k), q.memory().deviceAddress(i),
                    outLen == 0 ? 0 : q.memory().deviceAddress(o));
            q.call(r, new Ticket<>(res));
            return o.asSlice(0, outLen).toArray(ValueLayout.JAVA_BYTE);
        } finally {
            q.memory().free(k);
            q.memory().free(i);
            q.memory().free(o);
        }
    }

    static RequestPool<HpreRequest, HpreResult> pool(Uacce u, QueueType t) {
        return RequestPool.open(u, t, HpreCodec.INSTANCE, RequestSettings.fromSystemProperties("uacce.test")
                .withTimeoutMillis(10_000));
    }

    @Test
    void rsaOnAV2Device() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        RSAPrivateCrtKey priv = (RSAPrivateCrtKey) kp.getPrivate();
        byte[] m = new byte[256];
        m[1] = 0x33;
        Cipher c = Cipher.getInstance("RSA/ECB/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, kp.getPublic());
        byte[] ct = c.doFinal(m);
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.HPRE).api(ModelApi.V2).queues(2)).build();
                RequestPool<HpreRequest, HpreResult> p = pool(Uacce.builder().target(host.target()).build(),
                        HpreCodec.RSA_DH_QUEUE)) {
            Uacce u = Uacce.builder().target(host.target()).build();
            RequestQueue<HpreRequest, HpreResult> q = p.next();
            HpreResult res = new HpreResult();
            byte[] out = run(q, HpreAlg.RSA_NCRT, 256, HpreOperands.rsaKey(priv.getPublicExponent(), priv.getModulus(), 256),
                    m, 256, res);
            assertTrue(res.ok(), HpreCodec.INSTANCE.statusTable().describe(res.status()));
            assertArrayEquals(ct, out);
            out = run(q, HpreAlg.RSA_CRT, 256, HpreOperands.rsaCrtKey(priv.getPrimeExponentP(), priv.getPrimeExponentQ(),
                    priv.getPrimeP(), priv.getPrimeQ(), priv.getCrtCoefficient(), 256), ct, 256, res);
            assertTrue(res.ok());
            assertArrayEquals(m, out);
            run(q, HpreAlg.RSA_NCRT, 256, HpreOperands.rsaKey(priv.getPublicExponent(), priv.getModulus(), 256),
                    HpreOperands.slot(priv.getModulus(), 256), 256, res);
            assertFalse(res.ok(), "input >= modulus is an error completion");
            assertEquals(3, res.done);
            assertThrows(NoDeviceException.class, () -> pool(u, HpreCodec.ECC_QUEUE), "V2 offers no ECC queue");
        }
    }

    @Test
    void x25519AndEcdsaOnAV3Device() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair kp = g.generateKeyPair();
        ECPublicKey pub = (ECPublicKey) kp.getPublic();
        byte[] msg = {1, 2, 3};
        Signature s = Signature.getInstance("SHA384withECDSAinP1363Format");
        s.initSign(kp.getPrivate());
        s.update(msg);
        byte[] rs = s.sign();
        EcCurve c = EcCurve.of(pub.getParams());
        BigInteger e = new BigInteger(1, MessageDigest.getInstance("SHA-384").digest(msg));
        try (ModelHost host = ModelHost.builder().device(d -> d.engine(EngineKind.HPRE).api(ModelApi.V3).queues(2)).build();
                RequestPool<HpreRequest, HpreResult> p = pool(Uacce.builder().target(host.target()).build(),
                        HpreCodec.ECC_QUEUE)) {
            RequestQueue<HpreRequest, HpreResult> q = p.next();
            HpreResult res = new HpreResult();
            byte[] out = run(q, HpreAlg.X_DH_MULTIPLY, 32,
                    HpreOperands.xKey(false, HEX.parseHex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4")),
                    HpreOperands.xInput(false, HEX.parseHex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")),
                    32, res);
            assertTrue(res.ok());
            assertEquals("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552",
                    HEX.formatHex(HpreOperands.xOutput(false, out)), "RFC 7748 §5.2");
            byte[] key = HpreOperands.eccPublicKey(c, pub.getW().getAffineX(), pub.getW().getAffineY());
            BigInteger r = new BigInteger(1, rs, 0, 48);
            BigInteger sv = new BigInteger(1, rs, 48, 48);
            run(q, HpreAlg.ECDSA_VERIFY, c.slot(), key, HpreOperands.verifyInput(c, e, r, sv), 0, res);
            assertTrue(res.ok());
            assertTrue(res.verdict, "a JDK signature verifies (P-384, 48-byte slots)");
            run(q, HpreAlg.ECDSA_VERIFY, c.slot(), key, HpreOperands.verifyInput(c, e.flipBit(3), r, sv), 0, res);
            assertTrue(res.ok());
            assertFalse(res.verdict, "a wrong digest does not");
        }
    }
}
