package io.uacce.crypto.sec;

import io.uacce.Uacce;
import io.uacce.crypto.internal.ProviderContext;
import io.uacce.crypto.sec.bd.SecBd;
import io.uacce.crypto.sec.bd.SecCodec;
import io.uacce.crypto.sec.bd.SecCodes;
import io.uacce.crypto.sec.bd.SecRequest;
import io.uacce.crypto.sec.bd.SecResult;
import io.uacce.request.RequestPool;
import io.uacce.request.RequestQueue;
import io.uacce.request.RequestSettings;
import io.uacce.request.Ticket;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SEC devices of one provider instance: a request pool opened at the first device use, and a
 * known-answer self-test per algorithm before the algorithm's first real request. A device that is
 * absent, fails to open or gives a wrong known answer is not used (logged once); callers then stay
 * in software. Thread-safe.
 */
final class SecDevice {
    private static final Logger LOG = LoggerFactory.getLogger(SecDevice.class);
    private static final HexFormat HEX = HexFormat.of();
    /** A known answer: key (null for a plain hash), message, expected output. */
    private record Kat(byte[] key, byte[] message, String expected) {
    }

    private static final byte[] ABC = {'a', 'b', 'c'};
    private static final byte[] JEFE = "Jefe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] WHAT = "what do ya want for nothing?".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** "abc" from FIPS 180-4's examples, RFC 1321, GB/T 32905-2016; HMAC test case 2 of RFC 2202 / RFC 4231. */
    private static final Map<Integer, Kat> KATS = Map.ofEntries(
            Map.entry(SecCodes.A_SHA1, new Kat(null, ABC, "a9993e364706816aba3e25717850c26c9cd0d89d")),
            Map.entry(SecCodes.A_SHA224, new Kat(null, ABC, "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7")),
            Map.entry(SecCodes.A_SHA256, new Kat(null, ABC,
                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")),
            Map.entry(SecCodes.A_SHA384, new Kat(null, ABC, "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a"
                    + "43ff5bed8086072ba1e7cc2358baeca134c825a7")),
            Map.entry(SecCodes.A_SHA512, new Kat(null, ABC, "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee6"
                    + "4b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")),
            Map.entry(SecCodes.A_SHA512_224, new Kat(null, ABC, "4634270f707b6a54daae7530460842e20e37ed265ceee9a43e8924aa")),
            Map.entry(SecCodes.A_SHA512_256, new Kat(null, ABC,
                    "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23")),
            Map.entry(SecCodes.A_MD5, new Kat(null, ABC, "900150983cd24fb0d6963f7d28e17f72")),
            Map.entry(SecCodes.A_SM3, new Kat(null, ABC, "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")),
            Map.entry(SecCodes.A_HMAC | SecCodes.A_MD5, new Kat(JEFE, WHAT, "750c783e6ab0b503eaa86e310a5db738")),
            Map.entry(SecCodes.A_HMAC | SecCodes.A_SHA1, new Kat(JEFE, WHAT, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")),
            Map.entry(SecCodes.A_HMAC | SecCodes.A_SHA224, new Kat(JEFE, WHAT,
                    "a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44")),
            Map.entry(SecCodes.A_HMAC | SecCodes.A_SHA256, new Kat(JEFE, WHAT,
                    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")),
            Map.entry(SecCodes.A_HMAC | SecCodes.A_SHA384, new Kat(JEFE, WHAT, "af45d2e376484031617f78d2b58a6b1b9c7ef464"
                    + "f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649")),
            Map.entry(SecCodes.A_HMAC | SecCodes.A_SHA512, new Kat(JEFE, WHAT, "164b7a7bfcf819e2e395fbe73b56e0a387bd6422"
                    + "2e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737")));

    private final ProviderContext context;
    private volatile RequestPool<SecRequest, SecResult> pool;
    private volatile boolean unavailable;
    private final Map<Integer, Boolean> selfTests = new ConcurrentHashMap<>();

    /** The SOFTWARE-mode provider of the software side of this device's SPIs. */
    java.security.Provider software() {
        return context.software().get();
    }

    SecDevice(ProviderContext context) {
        this.context = context;
    }

    /** True in HARDWARE mode: a request the device does not run is an error, never software. */
    boolean hardware() {
        return context.mode() == io.uacce.crypto.types.CryptoMode.HARDWARE;
    }

    /** The typed HARDWARE-mode error for {@code algorithm}. */
    io.uacce.crypto.types.SecDeviceException refuse(String algorithm, String reason) {
        RequestPool<SecRequest, SecResult> p = pool();
        return new io.uacce.crypto.types.SecDeviceException(p == null ? "none" : p.device().name(), algorithm,
                p == null ? "no usable SEC device on this host" : reason);
    }

    private RequestPool<SecRequest, SecResult> pool() {
        RequestPool<SecRequest, SecResult> p = pool;
        if (p != null || unavailable) {
            return p;
        }
        synchronized (this) {
            if (pool == null && !unavailable) {
                try {
                    Uacce host = context.host().get();
                    pool = RequestPool.open(host, SecCodec.QUEUE_TYPE, SecCodec.INSTANCE,
                            RequestSettings.fromSystemProperties("uacce.crypto").withTimeoutMillis(
                                    context.settings().timeoutMillis()));
                    LOG.info("UACCE provider: SEC device {} in use", pool.device().name());
                } catch (RuntimeException e) { // AUTO never fails for want of a device
                    unavailable = true;
                    LOG.info("UACCE provider: no usable SEC device ({}); the SEC algorithms run in software", e.getMessage());
                }
            }
            return pool;
        }
    }

    /**
     * The digest of {@code data[off, off+len)} computed on the device, or {@code null} when no device
     * (or no device that passed this algorithm's self-test) can do it: the caller computes it in software.
     */
    byte[] digest(int aAlg, int digestLength, byte[] key, byte[] data, int off, int len) {
        Kat kat = KATS.get(aAlg);
        if (len > SecCodes.MAX_DATA_LENGTH || kat == null || pool() == null) {
            return null; // no known answer: the algorithm never goes to the device
        }
        Boolean ok = selfTests.get(aAlg);
        if (ok == null) {
            byte[] got = run(aAlg, digestLength, kat.key(), kat.message(), 0, kat.message().length);
            ok = got != null && HEX.formatHex(got).equals(kat.expected());
            if (!ok) {
                LOG.warn("UACCE provider: SEC device {} failed the known-answer test of a_alg 0x{} (got {}); this"
                        + " algorithm stays in software", pool.device().name(), Integer.toHexString(aAlg),
                        got == null ? "an error" : HEX.formatHex(got));
            }
            selfTests.put(aAlg, ok);
        }
        return ok ? run(aAlg, digestLength, key, data, off, len) : null;
    }

    /** A cipher known answer: one block; {@code iv} null for ECB. */
    private record CipherKat(String key, String iv, String plain, String cipher) {
    }

    private static final String SM4_KEY = "0123456789abcdeffedcba9876543210";
    private static final String SM4_CT = "681edf34d206965e86b3e94f536e4246";
    private static final String ZERO16 = "00000000000000000000000000000000";
    /**
     * AES: NIST SP 800-38A F.1.1, F.2.1, F.5.1 (first block). SM4: GB/T 32907-2016 example 1, used for
     * CBC with a zero IV (first block = ECB) and for CTR with the example's plaintext as counter block and
     * a zero plaintext (output = E(counter)).
     */
    private static final Map<Integer, CipherKat> CIPHER_KATS = Map.of(
            cipherKey(SecCodes.C_ALG_AES, SecCodes.C_MODE_ECB), new CipherKat("2b7e151628aed2a6abf7158809cf4f3c", null,
                    "6bc1bee22e409f96e93d7e117393172a", "3ad77bb40d7a3660a89ecaf32466ef97"),
            cipherKey(SecCodes.C_ALG_AES, SecCodes.C_MODE_CBC), new CipherKat("2b7e151628aed2a6abf7158809cf4f3c",
                    "000102030405060708090a0b0c0d0e0f", "6bc1bee22e409f96e93d7e117393172a", "7649abac8119b246cee98e9b12e9197d"),
            cipherKey(SecCodes.C_ALG_AES, SecCodes.C_MODE_CTR), new CipherKat("2b7e151628aed2a6abf7158809cf4f3c",
                    "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff", "6bc1bee22e409f96e93d7e117393172a", "874d6191b620e3261bef6864990db6ce"),
            cipherKey(SecCodes.C_ALG_SM4, SecCodes.C_MODE_ECB), new CipherKat(SM4_KEY, null, SM4_KEY, SM4_CT),
            cipherKey(SecCodes.C_ALG_SM4, SecCodes.C_MODE_CBC), new CipherKat(SM4_KEY, ZERO16, SM4_KEY, SM4_CT),
            cipherKey(SecCodes.C_ALG_SM4, SecCodes.C_MODE_CTR), new CipherKat(SM4_KEY, SM4_KEY, ZERO16, SM4_CT));

    private static int cipherKey(int cAlg, int cMode) {
        return 0x10000 | cAlg << 8 | cMode;
    }

    /** True when a cipher of this algorithm and mode can go to the device at all (KAT known). */
    static boolean hasCipher(int cAlg, int cMode) {
        return CIPHER_KATS.containsKey(cipherKey(cAlg, cMode));
    }

    /**
     * Encrypts or decrypts {@code in[off, off+len)} (whole blocks) into {@code out} on the device with
     * the given key and IV; false when no device (or none that passed this mode's self-test, encryption
     * and decryption) can: the caller does it in software, nothing was written to {@code out}.
     */
    boolean cipher(boolean encrypt, int cAlg, int cMode, byte[] key, byte[] iv, byte[] in, int off, int len,
            byte[] out, int outOff) {
        int id = cipherKey(cAlg, cMode);
        CipherKat kat = CIPHER_KATS.get(id);
        if (len > SecCodes.MAX_DATA_LENGTH || kat == null || pool() == null) {
            return false;
        }
        Boolean ok = selfTests.get(id);
        if (ok == null) {
            byte[] k = HEX.parseHex(kat.key()), v = kat.iv() == null ? null : HEX.parseHex(kat.iv());
            byte[] p = HEX.parseHex(kat.plain()), c = HEX.parseHex(kat.cipher());
            byte[] e = new byte[16], d = new byte[16];
            boolean done = runCipher(true, cAlg, cMode, k, v, p, 0, 16, e, 0);
            ok = done && java.util.Arrays.equals(e, c)
                    && runCipher(false, cAlg, cMode, k, v, c, 0, 16, d, 0) && java.util.Arrays.equals(d, p);
            if (!ok) {
                LOG.warn("UACCE provider: SEC device {} {} the known-answer test of c_alg {} c_mode {}; this mode stays"
                        + " in software", pool.device().name(), done ? "failed" : "refused", cAlg, cMode);
            }
            selfTests.put(id, ok);
        }
        return ok && runCipher(encrypt, cAlg, cMode, key, iv, in, off, len, out, outOff);
    }

    private boolean runCipher(boolean encrypt, int cAlg, int cMode, byte[] key, byte[] iv, byte[] in, int off,
            int len, byte[] out, int outOff) {
        int code = SecCodes.keyLengthCode(cAlg, key.length);
        if (code < 0) {
            return false;
        }
        RequestQueue<SecRequest, SecResult> q;
        try {
            q = pool.next();
        } catch (RuntimeException e) {
            LOG.debug("UACCE provider: no SEC queue now ({}); software", e.getMessage());
            return false;
        }
        int type = SecBd.typeFor(q.version());
        MemorySegment src = q.memory().allocate(len);
        MemorySegment dst = q.memory().allocate(len);
        MemorySegment k = q.memory().allocate(key.length);
        MemorySegment v = q.memory().allocate(16);
        try {
            MemorySegment.copy(in, off, src, ValueLayout.JAVA_BYTE, 0, len);
            MemorySegment.copy(key, 0, k, ValueLayout.JAVA_BYTE, 0, key.length);
            if (iv != null) {
                MemorySegment.copy(iv, 0, v, ValueLayout.JAVA_BYTE, 0, 16);
            }
            SecRequest r = new SecRequest();
            r.bdType = type;
            r.cipher(encrypt, cAlg, cMode, code, q.memory().deviceAddress(src), q.memory().deviceAddress(dst), len,
                    q.memory().deviceAddress(k), iv == null ? 0 : q.memory().deviceAddress(v));
            SecResult res = new SecResult();
            res.expectedType = type;
            SecResult done = q.call(r, new Ticket<>(res));
            if (!done.ok(type)) {
                LOG.debug("UACCE provider: {}; software", SecCodec.INSTANCE.statusTable().describe(done.status()));
                return false;
            }
            MemorySegment.copy(dst, ValueLayout.JAVA_BYTE, 0, out, outOff, len);
            return true;
        } catch (RuntimeException e) { // timeout, stopped queue, device fault: never a wrong result
            LOG.debug("UACCE provider: SEC cipher request failed ({}); software", e.getMessage());
            return false;
        } finally {
            k.fill((byte) 0);
            q.memory().free(k);
            q.memory().free(v);
            q.memory().free(src);
            q.memory().free(dst);
        }
    }

    /** Counters of the pool (tests); null before the first device use. */
    io.uacce.request.RequestCounters counters() {
        RequestPool<SecRequest, SecResult> p = pool;
        return p == null ? null : p.counters();
    }

    private byte[] run(int aAlg, int digestLength, byte[] key, byte[] data, int off, int len) {
        RequestQueue<SecRequest, SecResult> q;
        try {
            q = pool.next();
        } catch (RuntimeException e) {
            LOG.debug("UACCE provider: no SEC queue now ({}); software", e.getMessage());
            return null;
        }
        int type = SecBd.typeFor(q.version());
        if (len == 0 && type == SecBd.TYPE2) {
            return null; // V2 has no zero-length single-block hash (§2.4)
        }
        MemorySegment src = q.memory().allocate(Math.max(1, len));
        MemorySegment mac = q.memory().allocate(64);
        MemorySegment k = q.memory().allocate(key == null ? 4 : Math.max(4, key.length));
        try {
            MemorySegment.copy(data, off, src, ValueLayout.JAVA_BYTE, 0, len);
            if (key != null) {
                MemorySegment.copy(key, 0, k, ValueLayout.JAVA_BYTE, 0, key.length);
            }
            SecRequest r = new SecRequest();
            r.bdType = type;
            r.digest(aAlg, digestLength / 4, q.memory().deviceAddress(src), len, q.memory().deviceAddress(mac),
                    key == null ? 0 : q.memory().deviceAddress(k), key == null ? 0 : key.length, 0);
            SecResult res = new SecResult();
            res.expectedType = type;
            SecResult done = q.call(r, new Ticket<>(res));
            if (!done.ok(type)) {
                LOG.debug("UACCE provider: {}; software", SecCodec.INSTANCE.statusTable().describe(done.status()));
                return null;
            }
            return mac.asSlice(0, digestLength).toArray(ValueLayout.JAVA_BYTE);
        } catch (RuntimeException e) { // timeout, stopped queue, device fault: never a wrong result
            LOG.debug("UACCE provider: SEC request failed ({}); software", e.getMessage());
            return null;
        } finally {
            k.fill((byte) 0);
            q.memory().free(k);
            q.memory().free(src);
            q.memory().free(mac);
        }
    }
}
