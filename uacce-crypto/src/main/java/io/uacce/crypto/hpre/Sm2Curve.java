package io.uacce.crypto.hpre;

import java.math.BigInteger;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import java.util.Locale;
import java.util.Set;

/**
 * The recommended SM2 curve of GB/T 32918.5-2017 (sm2p256v1, OID 1.2.156.10197.1.301 of GM/T 0006),
 * which SunEC does not carry, and the names by which a caller asks for it.
 */
final class Sm2Curve {
    private Sm2Curve() {
    }

    /** 1.2.156.10197.1.301 (GM/T 0006-2012: sm2p256v1). */
    static final String OID = "1.2.156.10197.1.301";

    private static final Set<String> NAMES = Set.of("sm2p256v1", "sm2", OID, "oid." + OID);

    private static BigInteger h(String hex) {
        return new BigInteger(hex, 16);
    }

    /** GB/T 32918.5-2017 section 4: p, a, b, n, G (cofactor 1). */
    static final ECParameterSpec SPEC = new ECParameterSpec(
            new EllipticCurve(new ECFieldFp(h("fffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffff")),
                    h("fffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffc"),
                    h("28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93")),
            new ECPoint(h("32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7"),
                    h("bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0")),
            h("fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123"), 1);

    /** True for an {@link ECGenParameterSpec} naming sm2p256v1 (by name or OID) or the same curve by parameters. */
    static boolean isSm2(AlgorithmParameterSpec params) {
        if (params instanceof ECGenParameterSpec g) {
            return NAMES.contains(g.getName().toLowerCase(Locale.ROOT));
        }
        return params instanceof ECParameterSpec s && EcCurves.sameCurve(s, SPEC);
    }
}
