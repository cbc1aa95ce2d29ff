package io.uacce.crypto.soft;

import java.io.IOException;
import java.security.AlgorithmParameters;
import java.security.AlgorithmParametersSpi;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.InvalidParameterSpecException;
import javax.crypto.spec.IvParameterSpec;

/** AlgorithmParameters holding an IV, DER-encoded as an OCTET STRING (as SunJCE's AES parameters). */
public final class IvParameters extends AlgorithmParametersSpi {
    private byte[] iv;

    /** Parameters object of algorithm {@code name} holding {@code iv}. */
    static AlgorithmParameters of(String name, byte[] iv) {
        AlgorithmParameters p = new AlgorithmParameters(new IvParameters(), null, name) { };
        try {
            p.init(new IvParameterSpec(iv));
        } catch (InvalidParameterSpecException e) {
            throw new IllegalStateException(e);
        }
        return p;
    }

    @Override
    protected void engineInit(AlgorithmParameterSpec paramSpec) throws InvalidParameterSpecException {
        if (!(paramSpec instanceof IvParameterSpec p)) {
            throw new InvalidParameterSpecException("IvParameterSpec expected");
        }
        iv = p.getIV();
    }

    @Override
    protected void engineInit(byte[] params) throws IOException {
        if (params.length < 2 || params[0] != 0x04 || (params[1] & 0xff) != params.length - 2 || params.length > 129) {
            throw new IOException("IV parameters: expected a short DER OCTET STRING");
        }
        iv = java.util.Arrays.copyOfRange(params, 2, params.length);
    }

    @Override
    protected void engineInit(byte[] params, String format) throws IOException {
        if (format != null && !format.equalsIgnoreCase("ASN.1")) {
            throw new IllegalArgumentException("Only support ASN.1 format");
        }
        engineInit(params);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <T extends AlgorithmParameterSpec> T engineGetParameterSpec(Class<T> paramSpec)
            throws InvalidParameterSpecException {
        if (!paramSpec.isAssignableFrom(IvParameterSpec.class)) {
            throw new InvalidParameterSpecException("Inappropriate parameter specification");
        }
        return (T) new IvParameterSpec(iv);
    }

    @Override
    protected byte[] engineGetEncoded() {
        byte[] out = new byte[iv.length + 2];
        out[0] = 0x04;
        out[1] = (byte) iv.length;
        System.arraycopy(iv, 0, out, 2, iv.length);
        return out;
    }

    @Override
    protected byte[] engineGetEncoded(String format) {
        return engineGetEncoded();
    }

    @Override
    protected String engineToString() {
        return "IV: " + java.util.HexFormat.of().formatHex(iv);
    }
}
