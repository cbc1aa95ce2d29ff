package io.uacce.crypto.sec;

import io.uacce.crypto.internal.DeviceLink;
import io.uacce.crypto.internal.ProviderContext;
import io.uacce.crypto.sec.bd.SecBd;
import io.uacce.crypto.sec.bd.SecCodec;
import io.uacce.crypto.sec.bd.SecCodes;
import io.uacce.crypto.sec.bd.SecRequest;
import io.uacce.crypto.sec.bd.SecResult;
import io.uacce.request.RequestPool;
import io.uacce.request.RequestQueue;
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
    /** A known answer: key (null for a plain hash), message, expected output; iv for GMAC. */
    private record Kat(byte[] key, byte[] message, String expected, byte[] iv) {
        Kat(byte[] key, byte[] message, String expected) {
            this(key, message, expected, null);
        }
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
                    + "2e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737")),
            // RFC 4493 example 2 (AES-CMAC, 16-byte message); IEEE 802.1AE-2006 annex C.1.1 (GCM-AES-128
            // integrity only: the 54-byte packet is all AAD, i.e. AES-GMAC)
            Map.entry(SecCodes.A_AES_CMAC, new Kat(HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c"),
                    HEX.parseHex("6bc1bee22e409f96e93d7e117393172a"), "070a16b46b4d4144f79bdd9dd04a287c")),
            Map.entry(SecCodes.A_AES_GMAC, new Kat(HEX.parseHex("ad7a2bd03eac835a6f620fdcb506b345"),
                    HEX.parseHex("d609b1f056637a0d46df998d88e5222ab2c2846512153524c0895e8108000f101112131415161718191a1b1c1d"
                            + "1e1f202122232425262728292a2b2c2d2e2f30313233340001"), "f09478a9b09007d06f46e9b6a1da25dd",
                    HEX.parseHex("12153524c0895e81b2c28465"))),
            // [choice] HMAC-SM3: no standards body publishes an HMAC-SM3 answer (GB/T 32905 has SM3 alone);
            // Wycheproof's hmac_sm3_test.json tcId 164 (16-byte key and message, an independent publication)
            Map.entry(SecCodes.A_HMAC_SM3, new Kat(HEX.parseHex("ac686ba0f1a51b4ec4f0b30492b7f556"),
                    HEX.parseHex("2fa43a14ae500507deb95ab5bd32b0fe"),
                    "7f19bf830aeed3fb44216489b998fd9bc7b44114480c544209dbc058cbcbe703")));

    private final ProviderContext context;
    private final DeviceLink<SecRequest, SecResult> link;
    private final Map<Integer, Boolean> selfTests = new ConcurrentHashMap<>();

    /** The SOFTWARE-mode provider of the software side of this device's SPIs. */
    java.security.Provider software() {
        return context.software().get();
    }

    SecDevice(ProviderContext context) {
        this.context = context;
        this.link = new DeviceLink<>(context, "SEC", SecCodec.QUEUE_TYPE, SecCodec.INSTANCE);
    }

    /** True in HARDWARE mode: a request the device does not run is an error, never software. */
    boolean hardware() {
        return link.hardware();
    }

    /** The typed HARDWARE-mode error for {@code algorithm}. */
    io.uacce.crypto.types.SecDeviceException refuse(String algorithm, String reason) {
        RequestPool<SecRequest, SecResult> p = pool();
        return new io.uacce.crypto.types.SecDeviceException(link.deviceName(), algorithm,
                p == null ? "no usable SEC device on this host" : reason);
    }

    private RequestPool<SecRequest, SecResult> pool() {
        return link.pool();
    }

    private String deviceName() {
        return link.deviceName();
    }

    /**
     * The digest of {@code data[off, off+len)} computed on the device, or {@code null} when no device
     * (or no device that passed this algorithm's self-test) can do it: the caller computes it in software.
     */
    byte[] digest(int aAlg, int digestLength, byte[] key, byte[] data, int off, int len) {
        return mac(aAlg, digestLength, key, null, data, off, len);
    }

    /** As {@link #digest}, for a MAC with an IV (AES-GMAC: the 12-byte IV at a_ivin). */
    byte[] mac(int aAlg, int digestLength, byte[] key, byte[] iv, byte[] data, int off, int len) {
        byte[] out = macOnDevice(aAlg, digestLength, key, iv, data, off, len);
        if (out == null) {
            link.fallback();
        }
        return out;
    }

    private byte[] macOnDevice(int aAlg, int digestLength, byte[] key, byte[] iv, byte[] data, int off, int len) {
        Kat kat = KATS.get(aAlg);
        if (len > SecCodes.MAX_DATA_LENGTH || kat == null || pool() == null) {
            return null; // no known answer: the algorithm never goes to the device
        }
        Boolean ok = selfTests.get(aAlg);
        if (ok == null) {
            byte[] got = run(aAlg, digestLength, kat.key(), kat.iv(), kat.message(), 0, kat.message().length, true);
            ok = got != null && HEX.formatHex(got).equals(kat.expected());
            if (!ok) {
                LOG.warn("UACCE provider: SEC device {} failed the known-answer test of a_alg 0x{} (got {}); this"
                        + " algorithm stays in software", deviceName(), Integer.toHexString(aAlg),
                        got == null ? "an error" : HEX.formatHex(got));
            }
            selfTests.put(aAlg, ok);
        }
        return ok ? run(aAlg, digestLength, key, iv, data, off, len, false) : null;
    }

    /**
     * Long-hash known answers (§2.5), each sent as a first and an end block: FIPS 180-2's 1 000 000 ×
     * 'a' message (999 936 + 64 bytes) for SHA-1/224/256/384/512; MD5: RFC 1321's 80-digit message (64 +
     * 16). SHA-512/224, /256 and SM3 have no standard message that splits at a block boundary: their
     * long messages stay in software.
     */
    private static final Map<Integer, String> LONG_KATS = Map.of(
            SecCodes.A_SHA1, "34aa973cd4c4daa4f61eeb2bdbad27316534016f",
            SecCodes.A_SHA224, "20794655980c91d8bbb4c1ea97618a4bf03f42581948b2ee4ee7ad67",
            SecCodes.A_SHA256, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
            SecCodes.A_SHA384, "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4eb"
                    + "ae97ddd87f3d8985",
            SecCodes.A_SHA512, "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a"
                    + "4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b",
            SecCodes.A_MD5, "57edf4a22be3c955ac49da2e2107b67a");

    /** Bytes of the long-hash chaining value (§2.5 [unverified]: the whole state, H words as in the digest). */
    static int longHashStateBytes(int aAlg) {
        return switch (aAlg) {
            case SecCodes.A_SHA1 -> 20;
            case SecCodes.A_MD5 -> 16;
            case SecCodes.A_SHA224, SecCodes.A_SHA256 -> 32;
            default -> 64;
        };
    }

    /**
     * True when long messages of {@code aAlg} may go to the device as chained BDs: a known answer exists
     * and the device passed it (run once, before the first real long-hash request).
     */
    boolean longHashOffered(int aAlg) {
        String want = LONG_KATS.get(aAlg);
        if (want == null || pool() == null) {
            return false;
        }
        int key = 0x20000 | aAlg;
        Boolean ok = selfTests.get(key);
        if (ok == null) {
            boolean md5 = aAlg == SecCodes.A_MD5;
            byte[] m = md5 ? "1234567890".repeat(8).getBytes(java.nio.charset.StandardCharsets.US_ASCII) : new byte[1_000_000];
            if (!md5) {
                java.util.Arrays.fill(m, (byte) 'a');
            }
            int first = md5 ? 64 : 999_936;
            byte[] state = runLong(aAlg, 0, null, m, 0, first, -1, true);
            byte[] got = state == null ? null : runLong(aAlg, want.length() / 2, state, m, first, m.length - first,
                    8L * m.length, true);
            ok = got != null && HEX.formatHex(got).equals(want);
            if (!ok) {
                LOG.warn("UACCE provider: SEC device {} {} the long-hash known-answer test of a_alg 0x{}; messages"
                        + " longer than one BD stay in software", deviceName(), got == null ? "refused" : "failed",
                        Integer.toHexString(aAlg));
            }
            selfTests.put(key, ok);
        }
        return ok;
    }

    /**
     * One long-hash block of {@code data[off, off+len)} on the device: {@code state} null for the first
     * block, else the chaining value so far; {@code totalBits} &lt; 0 for a first or middle block (whole
     * hash blocks; returns the new chaining value), else the end block (returns the digest of
     * {@code digestLength} bytes). Null when the device did not run it (counted as a failure).
     */
    byte[] longHash(int aAlg, int digestLength, byte[] state, byte[] data, int off, int len, long totalBits) {
        return runLong(aAlg, digestLength, state, data, off, len, totalBits, false);
    }

    private byte[] runLong(int aAlg, int digestLength, byte[] state, byte[] data, int off, int len, long totalBits,
            boolean selfTest) {
        RequestQueue<SecRequest, SecResult> q = queue(selfTest);
        if (q == null) {
            return null;
        }
        boolean last = totalBits >= 0;
        int stateBytes = longHashStateBytes(aAlg);
        int type = SecBd.typeFor(q.version());
        MemorySegment src = null, mac = null;
        try {
            src = q.memory().allocate(len); // a no-SVA SS region may be too small: a failure like any other
            mac = q.memory().allocate(64);
            MemorySegment.copy(data, off, src, ValueLayout.JAVA_BYTE, 0, len);
            if (state != null) {
                MemorySegment.copy(state, 0, mac, ValueLayout.JAVA_BYTE, 0, stateBytes);
            }
            SecRequest r = new SecRequest();
            r.bdType = type;
            r.longHash(aAlg, (last ? digestLength : stateBytes) / 4, q.memory().deviceAddress(src), len,
                    q.memory().deviceAddress(mac), state != null, last, totalBits);
            SecResult res = new SecResult();
            res.expectedType = type;
            SecResult done = q.call(r, new Ticket<>(res));
            link.completed(selfTest, r, done, done.ok(type));
            if (!done.ok(type)) {
                LOG.debug("UACCE provider: long hash: {}", SecCodec.INSTANCE.statusTable().describe(done.status()));
                return null;
            }
            return mac.asSlice(0, last ? digestLength : stateBytes).toArray(ValueLayout.JAVA_BYTE);
        } catch (RuntimeException e) { // timeout, stopped queue, device fault: never a wrong result
            LOG.debug("UACCE provider: SEC long-hash request failed ({})", e.getMessage());
            link.failed(selfTest, e);
            return null;
        } finally {
            if (mac != null) {
                mac.fill((byte) 0);
                q.memory().free(mac);
            }
            if (src != null) {
                q.memory().free(src);
            }
        }
    }

    /** A cipher known answer (whole blocks); {@code iv} null for ECB. */
    private record CipherKat(String key, String iv, String plain, String cipher) {
    }

    private static final String SM4_KEY = "0123456789abcdeffedcba9876543210";
    private static final String SM4_CT = "681edf34d206965e86b3e94f536e4246";
    private static final String ZERO16 = "00000000000000000000000000000000";
    private static final String TDEA_KEY = "0123456789abcdef23456789abcdef01456789abcdef0123";
    private static final String TDEA_PLAIN = "5468652071756663" + "6b2062726f776e20" + "666f78206a756d70";
    private static final String TDEA_CIPHER = "a826fd8ce53b855f" + "cce21c8112256fe6" + "68d5c05dd9b6b900";
    private static final String SM4_XTS_KEY = "2b7e151628aed2a6abf7158809cf4f3c000102030405060708090a0b0c0d0e0f";
    private static final String SM4_XTS_TWEAK = "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";
    private static final String SM4_XTS_PLAIN = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17";
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
            cipherKey(SecCodes.C_ALG_SM4, SecCodes.C_MODE_CTR), new CipherKat(SM4_KEY, SM4_KEY, ZERO16, SM4_CT),
            // IEEE 1619-2007 annex B vector 2 (XTS-AES-128; vector 1 has equal key halves)
            cipherKey(SecCodes.C_ALG_AES, SecCodes.C_MODE_XTS), new CipherKat(
                    "1111111111111111111111111111111122222222222222222222222222222222", "33333333330000000000000000000000",
                    "4444444444444444444444444444444444444444444444444444444444444444",
                    "c454185e6a16936e39334038acef838bfb186fff7480adc4289382ecd6d394f0"),
            // GB/T 17964-2021's SM4-XTS example, its first 16-byte block as a one-block data unit: block 0
            // uses the encrypted tweak itself, so it is the same in the GB/T and the IEEE 1619 convention
            // (they differ in the multiplication by alpha from block 1 on, checked by sm4XtsAgrees)
            cipherKey(SecCodes.C_ALG_SM4, SecCodes.C_MODE_XTS), new CipherKat(SM4_XTS_KEY, SM4_XTS_TWEAK,
                    SM4_XTS_PLAIN.substring(0, 32), "e9538251c71d7b80bbe4483fef497bd1"),
            // NIST SP 800-67 Rev. 2 (TDEA example: K1, K2, K3, "The qufck brown fox jump"); CBC with a zero
            // IV, whose first block is the ECB block
            cipherKey(SecCodes.C_ALG_3DES, SecCodes.C_MODE_ECB), new CipherKat(TDEA_KEY, null, TDEA_PLAIN, TDEA_CIPHER),
            cipherKey(SecCodes.C_ALG_3DES, SecCodes.C_MODE_CBC), new CipherKat(TDEA_KEY, "0000000000000000",
                    TDEA_PLAIN.substring(0, 16), TDEA_CIPHER.substring(0, 16)));

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
        return cipher(encrypt, cAlg, cMode, key, iv, MemorySegment.ofArray(in).asSlice(off, len),
                MemorySegment.ofArray(out).asSlice(outOff, len));
    }

    /**
     * As the array form, for any memory: where the device reaches both {@code in} and {@code out} (native
     * memory on an SVA device) the BD carries their addresses and nothing is copied (counted in
     * {@link io.uacce.crypto.types.ProviderStatistics#zeroCopyRequests()}); otherwise (heap memory, a
     * no-SVA device, whose SS region holds no caller memory) the data is staged in device memory.
     * {@code in} and {@code out} have the same length and are the same memory or do not overlap.
     */
    boolean cipher(boolean encrypt, int cAlg, int cMode, byte[] key, byte[] iv, MemorySegment in, MemorySegment out) {
        boolean done = cipherOnDevice(encrypt, cAlg, cMode, key, iv, in, out);
        if (!done) {
            link.fallback();
        }
        return done;
    }

    private boolean cipherOnDevice(boolean encrypt, int cAlg, int cMode, byte[] key, byte[] iv, MemorySegment in,
            MemorySegment out) {
        int id = cipherKey(cAlg, cMode);
        CipherKat kat = CIPHER_KATS.get(id);
        if (in.byteSize() > SecCodes.MAX_DATA_LENGTH || kat == null || pool() == null) {
            return false;
        }
        Boolean ok = selfTests.get(id);
        if (ok == null) {
            byte[] k = HEX.parseHex(kat.key()), v = kat.iv() == null ? null : HEX.parseHex(kat.iv());
            byte[] p = HEX.parseHex(kat.plain()), c = HEX.parseHex(kat.cipher());
            byte[] e = new byte[p.length], d = new byte[p.length];
            boolean done = runCipher(true, cAlg, cMode, k, v, MemorySegment.ofArray(p), MemorySegment.ofArray(e), true);
            ok = done && java.util.Arrays.equals(e, c) && runCipher(false, cAlg, cMode, k, v, MemorySegment.ofArray(c),
                    MemorySegment.ofArray(d), true) && java.util.Arrays.equals(d, p)
                    && (id != cipherKey(SecCodes.C_ALG_SM4, SecCodes.C_MODE_XTS) || sm4XtsAgrees());
            if (!ok) {
                LOG.warn("UACCE provider: SEC device {} {} the known-answer test of c_alg {} c_mode {}; this mode stays"
                        + " in software", deviceName(), done ? "failed" : "refused", cAlg, cMode);
            }
            selfTests.put(id, ok);
        }
        return ok && runCipher(encrypt, cAlg, cMode, key, iv, in, out, false);
    }

    /**
     * [choice] The second half of the SM4-XTS self-test: the provider's SM4/XTS is IEEE 1619 XTS over SM4
     * (c_mode 7 without the GB bit, as the Linux kernel's xts(sm4) and spec §6), and no standard publishes
     * an answer in that convention past block 0, so the device must give the SOFTWARE provider's bytes for
     * the whole 56-byte GB/T 17964-2021 example (blocks 1 and 2 with alpha, ciphertext stealing), both ways.
     */
    private boolean sm4XtsAgrees() {
        byte[] k = HEX.parseHex(SM4_XTS_KEY), t = HEX.parseHex(SM4_XTS_TWEAK), p = HEX.parseHex(SM4_XTS_PLAIN);
        byte[] want;
        try {
            javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("SM4/XTS/NoPadding", software());
            c.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(k, "SM4"),
                    new javax.crypto.spec.IvParameterSpec(t));
            want = c.doFinal(p);
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
        byte[] e = new byte[p.length], d = new byte[p.length];
        return runCipher(true, SecCodes.C_ALG_SM4, SecCodes.C_MODE_XTS, k, t, MemorySegment.ofArray(p),
                MemorySegment.ofArray(e), true) && java.util.Arrays.equals(e, want)
                && runCipher(false, SecCodes.C_ALG_SM4, SecCodes.C_MODE_XTS, k, t, MemorySegment.ofArray(want),
                        MemorySegment.ofArray(d), true) && java.util.Arrays.equals(d, p);
    }

    private boolean runCipher(boolean encrypt, int cAlg, int cMode, byte[] key, byte[] iv, MemorySegment in,
            MemorySegment out, boolean selfTest) {
        boolean xts = cMode == SecCodes.C_MODE_XTS;
        // XTS: c_key_len encodes one half (§2.3); XTS-AES-192 stays in software [choice: the kernel falls back]
        int code = SecCodes.keyLengthCode(cAlg, xts ? key.length / 2 : key.length);
        if (code < 0 || (xts && (key.length % 2 != 0 || key.length == 48))) {
            return false;
        }
        RequestQueue<SecRequest, SecResult> q = queue(selfTest);
        if (q == null) {
            return false;
        }
        int type = SecBd.typeFor(q.version());
        long len = in.byteSize();
        long inAt = q.memory().deviceAddress(in), outAt = q.memory().deviceAddress(out);
        boolean direct = inAt >= 0 && outAt >= 0;
        MemorySegment src = direct ? null : q.memory().allocate(len);
        MemorySegment dst = direct ? null : q.memory().allocate(len);
        MemorySegment k = q.memory().allocate(key.length);
        MemorySegment v = q.memory().allocate(16);
        try {
            if (!direct) {
                src.copyFrom(in);
                inAt = q.memory().deviceAddress(src);
                outAt = q.memory().deviceAddress(dst);
            }
            MemorySegment.copy(key, 0, k, ValueLayout.JAVA_BYTE, 0, key.length);
            if (iv != null) {
                MemorySegment.copy(iv, 0, v, ValueLayout.JAVA_BYTE, 0, iv.length); // 8 bytes for 3DES
            }
            SecRequest r = new SecRequest();
            r.bdType = type;
            r.cipher(encrypt, cAlg, cMode, code, inAt, outAt, len, q.memory().deviceAddress(k),
                    iv == null ? 0 : q.memory().deviceAddress(v));
            SecResult res = new SecResult();
            res.expectedType = type;
            SecResult done = q.call(r, new Ticket<>(res));
            link.completed(selfTest, r, done, done.ok(type));
            if (!done.ok(type)) {
                LOG.debug("UACCE provider: {}; software", SecCodec.INSTANCE.statusTable().describe(done.status()));
                return false;
            }
            if (direct) {
                link.zeroCopy();
            } else {
                out.copyFrom(dst);
            }
            return true;
        } catch (RuntimeException e) { // timeout, stopped queue, device fault: never a wrong result
            LOG.debug("UACCE provider: SEC cipher request failed ({}); software", e.getMessage());
            link.failed(selfTest, e);
            return false;
        } finally {
            k.fill((byte) 0);
            q.memory().free(k);
            q.memory().free(v);
            if (!direct) {
                q.memory().free(src);
                q.memory().free(dst);
            }
        }
    }

    /** What {@link #aead} did. */
    enum AeadOutcome {
        /** Done: output (and, encrypting, the tag) written. */
        DONE,
        /** Decryption: the device found the tag wrong; nothing was written. */
        BAD_TAG,
        /** The device did not run it (absent, self-test failed, refused, fault): do it in software. */
        NOT_RUN
    }

    /** An AEAD known answer: key, IV (GCM) or nonce (CCM), tag bytes, AAD, plaintext, ciphertext ‖ tag. */
    private record AeadKat(String key, String iv, int tag, String aad, String plain, String sealed) {
    }

    private static final String RFC8998_KEY = "0123456789abcdeffedcba9876543210";
    private static final String RFC8998_IV = "00001234567800000000abcd";
    private static final String RFC8998_AAD = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
    private static final String RFC8998_PT = "aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbccccccccccccccccdddddddddddddddd"
            + "eeeeeeeeeeeeeeeeffffffffffffffffeeeeeeeeeeeeeeeeaaaaaaaaaaaaaaaa";
    /**
     * AES-GCM: McGrew-Viega test case 4 (the GCM specification submitted to NIST, AES-128 with AAD);
     * AES-CCM: NIST SP 800-38C example 2; SM4-GCM / SM4-CCM: RFC 8998 appendix A.1 / A.2.
     */
    private static final Map<Integer, AeadKat> AEAD_KATS = Map.of(
            cipherKey(SecCodes.C_ALG_AES, SecCodes.C_MODE_GCM), new AeadKat("feffe9928665731c6d6a8f9467308308",
                    "cafebabefacedbaddecaf888", 16, "feedfacedeadbeeffeedfacedeadbeefabaddad2",
                    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b1"
                            + "6aedf5aa0de657ba637b39", "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                            + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e0915bc94fbc3221a5db94fae95ae7121a47"),
            cipherKey(SecCodes.C_ALG_AES, SecCodes.C_MODE_CCM), new AeadKat("404142434445464748494a4b4c4d4e4f",
                    "1011121314151617", 6, "000102030405060708090a0b0c0d0e0f", "202122232425262728292a2b2c2d2e2f",
                    "d2a1f0e051ea5f62081a7792073d593d1fc64fbfaccd"),
            cipherKey(SecCodes.C_ALG_SM4, SecCodes.C_MODE_GCM), new AeadKat(RFC8998_KEY, RFC8998_IV, 16, RFC8998_AAD,
                    RFC8998_PT, "17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735d82710ca5c22f0ccfa7cbf93"
                            + "d496ac15a56834cbcf98c397b4024a2691233b8d83de3541e4c2b58177e065a9bf7b62ec"),
            cipherKey(SecCodes.C_ALG_SM4, SecCodes.C_MODE_CCM), new AeadKat(RFC8998_KEY, RFC8998_IV, 16, RFC8998_AAD,
                    RFC8998_PT, "48af93501fa62adbcd414cce6034d895dda1bf8f132f042098661572e7483094fd12e518ce062c98acee28d9"
                            + "5df4416bed31a2f04476c18bb40c84a74b97dc5b16842d4fa186f56ab33256971fa110f4"));

    /** True when this AEAD can go to the device at all (a known answer exists). */
    static boolean hasAead(int cAlg, int cMode) {
        return AEAD_KATS.containsKey(cipherKey(cAlg, cMode));
    }

    /**
     * GCM or CCM of {@code text[off, off+len)} with {@code aad} on the device. Encrypting writes the
     * ciphertext to {@code out} and the tag to {@code tag}; decrypting reads the expected tag from
     * {@code tag} and writes the plaintext to {@code out} only when the device verified it. The
     * self-test per (algorithm, mode) checks encryption, decryption and that a wrong tag is refused.
     */
    AeadOutcome aead(boolean encrypt, int cAlg, int cMode, byte[] key, byte[] iv, byte[] aad, byte[] text, int off,
            int len, byte[] out, int outOff, byte[] tag) {
        AeadOutcome o = aeadOnDevice(encrypt, cAlg, cMode, key, iv, aad, text, off, len, out, outOff, tag);
        if (o == AeadOutcome.NOT_RUN) {
            link.fallback();
        }
        return o;
    }

    private AeadOutcome aeadOnDevice(boolean encrypt, int cAlg, int cMode, byte[] key, byte[] iv, byte[] aad,
            byte[] text, int off, int len, byte[] out, int outOff, byte[] tag) {
        int id = cipherKey(cAlg, cMode);
        AeadKat kat = AEAD_KATS.get(id);
        if (kat == null || !aeadFits(cMode, iv.length, tag.length, aad.length, len) || pool() == null) {
            return AeadOutcome.NOT_RUN;
        }
        Boolean ok = selfTests.get(id);
        if (ok == null) {
            byte[] k = HEX.parseHex(kat.key()), v = HEX.parseHex(kat.iv()), a = HEX.parseHex(kat.aad());
            byte[] p = HEX.parseHex(kat.plain()), sealed = HEX.parseHex(kat.sealed());
            byte[] c = new byte[p.length], t = new byte[kat.tag()], back = new byte[p.length];
            byte[] goodTag = java.util.Arrays.copyOfRange(sealed, p.length, sealed.length);
            byte[] badTag = goodTag.clone();
            badTag[0] ^= 1;
            AeadOutcome e = runAead(true, cAlg, cMode, k, v, a, p, 0, p.length, c, 0, t, true);
            ok = e == AeadOutcome.DONE && java.util.Arrays.equals(c, 0, p.length, sealed, 0, p.length)
                    && java.util.Arrays.equals(t, goodTag)
                    && runAead(false, cAlg, cMode, k, v, a, c, 0, c.length, back, 0, goodTag, true) == AeadOutcome.DONE
                    && java.util.Arrays.equals(back, p)
                    && runAead(false, cAlg, cMode, k, v, a, c, 0, c.length, new byte[p.length], 0, badTag, true)
                            == AeadOutcome.BAD_TAG;
            if (!ok) {
                LOG.warn("UACCE provider: SEC device {} {} the known-answer test of c_alg {} c_mode {} (AEAD); this mode"
                        + " stays in software", deviceName(), e == AeadOutcome.NOT_RUN ? "refused" : "failed", cAlg, cMode);
            }
            selfTests.put(id, ok);
        }
        return ok ? runAead(encrypt, cAlg, cMode, key, iv, aad, text, off, len, out, outOff, tag, false)
                : AeadOutcome.NOT_RUN;
    }

    /**
     * The limits of one AEAD BD (§2.6): GCM with a 12-byte IV and an 8…16-byte tag, CCM with a 7…13-byte
     * nonce, an even 4…16-byte tag and at most 65279 bytes of AAD (2-byte AAD length encoding), AAD ≤ 65535
     * (the kernel's limit), AAD + text ≤ 16 MiB − 512. Anything else runs in software.
     */
    private static boolean aeadFits(int cMode, int ivLen, int tagLen, int aadLen, int textLen) {
        boolean gcm = cMode == SecCodes.C_MODE_GCM;
        boolean params = gcm ? ivLen == 12 && tagLen >= 8 && tagLen <= 16
                : ivLen >= 7 && ivLen <= 13 && tagLen >= 4 && tagLen <= 16 && tagLen % 2 == 0 && aadLen <= 65279;
        return params && aadLen <= 65535 && (long) aadLen + textLen <= SecCodes.MAX_DATA_LENGTH;
    }

    private AeadOutcome runAead(boolean encrypt, int cAlg, int cMode, byte[] key, byte[] iv, byte[] aad, byte[] text,
            int off, int len, byte[] out, int outOff, byte[] tag, boolean selfTest) {
        int code = SecCodes.keyLengthCode(cAlg, key.length);
        if (code < 0) {
            return AeadOutcome.NOT_RUN;
        }
        RequestQueue<SecRequest, SecResult> q = queue(selfTest);
        if (q == null) {
            return AeadOutcome.NOT_RUN;
        }
        int type = SecBd.typeFor(q.version());
        if (len == 0 && type == SecBd.TYPE2) {
            return AeadOutcome.NOT_RUN; // V2: no zero-length text for CCM/GCM (§2.6)
        }
        int total = aad.length + len;
        MemorySegment src = q.memory().allocate(Math.max(1, total));
        MemorySegment dst = q.memory().allocate(Math.max(1, total));
        MemorySegment k = q.memory().allocate(key.length);
        MemorySegment civ = q.memory().allocate(16);
        MemorySegment aiv = q.memory().allocate(16);
        MemorySegment t = q.memory().allocate(16);
        try {
            MemorySegment.copy(aad, 0, src, ValueLayout.JAVA_BYTE, 0, aad.length);
            MemorySegment.copy(text, off, src, ValueLayout.JAVA_BYTE, aad.length, len);
            MemorySegment.copy(key, 0, k, ValueLayout.JAVA_BYTE, 0, key.length);
            boolean gcm = cMode == SecCodes.C_MODE_GCM;
            byte[] counter = gcm ? iv : io.uacce.crypto.sec.bd.SecCcm.counterBlock(iv);
            MemorySegment.copy(counter, 0, civ, ValueLayout.JAVA_BYTE, 0, counter.length);
            if (!gcm) {
                byte[] b0 = io.uacce.crypto.sec.bd.SecCcm.b0(iv, tag.length, aad.length > 0, len);
                MemorySegment.copy(b0, 0, aiv, ValueLayout.JAVA_BYTE, 0, 16);
            }
            if (!encrypt) {
                MemorySegment.copy(tag, 0, t, ValueLayout.JAVA_BYTE, 0, tag.length);
            }
            SecRequest r = new SecRequest();
            r.bdType = type;
            r.aead(encrypt, cAlg, cMode, code, q.memory().deviceAddress(src), q.memory().deviceAddress(dst), aad.length,
                    len, q.memory().deviceAddress(k), q.memory().deviceAddress(civ), q.memory().deviceAddress(aiv),
                    q.memory().deviceAddress(t), tag.length);
            SecResult res = new SecResult();
            res.expectedType = type;
            SecResult done = q.call(r, new Ticket<>(res));
            if (!encrypt && done.done && done.errorType == 0 && done.type == type && done.icv == 2) {
                dst.fill((byte) 0); // whatever the device left there is not released
                count(selfTest, true); // a verdict, not a failure
                return AeadOutcome.BAD_TAG;
            }
            link.completed(selfTest, r, done, done.ok(type));
            if (!done.ok(type)) {
                LOG.debug("UACCE provider: {}; software", SecCodec.INSTANCE.statusTable().describe(done.status()));
                return AeadOutcome.NOT_RUN;
            }
            MemorySegment.copy(dst, ValueLayout.JAVA_BYTE, aad.length, out, outOff, len);
            if (encrypt) {
                MemorySegment.copy(t, ValueLayout.JAVA_BYTE, 0, tag, 0, tag.length);
            }
            return AeadOutcome.DONE;
        } catch (RuntimeException e) { // timeout, stopped queue, device fault: never a wrong result
            LOG.debug("UACCE provider: SEC AEAD request failed ({}); software", e.getMessage());
            link.failed(selfTest, e);
            return AeadOutcome.NOT_RUN;
        } finally {
            k.fill((byte) 0);
            dst.fill((byte) 0);
            src.fill((byte) 0);
            for (MemorySegment m : new MemorySegment[] {k, civ, aiv, t, src, dst}) {
                q.memory().free(m);
            }
        }
    }

    /** A queue of the pool, or null (counted as a device failure) when there is none now. */
    private RequestQueue<SecRequest, SecResult> queue(boolean selfTest) {
        try {
            return java.util.Objects.requireNonNull(link.current(), "provider closed").next();
        } catch (RuntimeException e) {
            LOG.debug("UACCE provider: no SEC queue now ({}); software", e.getMessage());
            link.failed(selfTest, e);
            return null;
        }
    }

    private void count(boolean selfTest, boolean ok) {
        link.count(selfTest, ok);
    }

    /** A call AUTO serves in software because the device could not (a long message without a long hash). */
    void fallback() {
        link.fallback();
    }

    /** Counters of the pool (tests); null before the first device use. */
    io.uacce.request.RequestCounters counters() {
        return link.counters();
    }

    private byte[] run(int aAlg, int digestLength, byte[] key, byte[] iv, byte[] data, int off, int len,
            boolean selfTest) {
        RequestQueue<SecRequest, SecResult> q = queue(selfTest);
        if (q == null) {
            return null;
        }
        int type = SecBd.typeFor(q.version());
        if (len == 0 && (type == SecBd.TYPE2 || aAlg == SecCodes.A_AES_CMAC)) {
            return null; // V2 has no zero-length single-block hash, no device has a zero-length CMAC (§2.4)
        }
        MemorySegment src = q.memory().allocate(Math.max(1, len));
        MemorySegment mac = q.memory().allocate(64);
        MemorySegment k = q.memory().allocate(key == null ? 4 : Math.max(4, key.length));
        MemorySegment v = q.memory().allocate(16);
        try {
            MemorySegment.copy(data, off, src, ValueLayout.JAVA_BYTE, 0, len);
            if (key != null) {
                MemorySegment.copy(key, 0, k, ValueLayout.JAVA_BYTE, 0, key.length);
            }
            if (iv != null) {
                MemorySegment.copy(iv, 0, v, ValueLayout.JAVA_BYTE, 0, iv.length);
            }
            SecRequest r = new SecRequest();
            r.bdType = type;
            r.digest(aAlg, (digestLength + 3) / 4, q.memory().deviceAddress(src), len, q.memory().deviceAddress(mac),
                    key == null ? 0 : q.memory().deviceAddress(k), key == null ? 0 : key.length,
                    iv == null ? 0 : q.memory().deviceAddress(v));
            SecResult res = new SecResult();
            res.expectedType = type;
            SecResult done = q.call(r, new Ticket<>(res));
            link.completed(selfTest, r, done, done.ok(type));
            if (!done.ok(type)) {
                LOG.debug("UACCE provider: {}; software", SecCodec.INSTANCE.statusTable().describe(done.status()));
                return null;
            }
            return mac.asSlice(0, digestLength).toArray(ValueLayout.JAVA_BYTE);
        } catch (RuntimeException e) { // timeout, stopped queue, device fault: never a wrong result
            LOG.debug("UACCE provider: SEC request failed ({}); software", e.getMessage());
            link.failed(selfTest, e);
            return null;
        } finally {
            k.fill((byte) 0);
            q.memory().free(k);
            q.memory().free(v);
            q.memory().free(src);
            q.memory().free(mac);
        }
    }
}
