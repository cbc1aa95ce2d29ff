package io.uacce.crypto.types;

import java.nio.charset.StandardCharsets;
import java.security.spec.AlgorithmParameterSpec;

/**
 * The signer's distinguishing identifier ID_A of an {@code SM3withSM2} signature (GB/T 32918.2-2016
 * §5.5: Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A)). Without it the provider uses the
 * default ID of GM/T 0009-2012, {@code "1234567812345678"}, as BouncyCastle and OpenSSL do.
 * Pass it with {@link java.security.Signature#setParameter(AlgorithmParameterSpec)}.
 */
public final class Sm2ParameterSpec implements AlgorithmParameterSpec {
    /** The default ID of GM/T 0009-2012, section 10. */
    public static final String DEFAULT_ID = "1234567812345678";
    private final byte[] id;

    /** @param id the identifier's bytes (at most 8191 bytes: ENTL is a 16-bit bit count) */
    public Sm2ParameterSpec(byte[] id) {
        if (id == null || id.length > 8191) {
            throw new IllegalArgumentException("SM2 ID must be 0..8191 bytes");
        }
        this.id = id.clone();
    }

    /** The ID as UTF-8 bytes. */
    public Sm2ParameterSpec(String id) {
        this(id.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] id() {
        return id.clone();
    }
}
