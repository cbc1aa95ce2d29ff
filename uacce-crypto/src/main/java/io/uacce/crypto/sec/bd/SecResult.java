package io.uacce.crypto.sec.bd;

/** The completion fields of a SEC BD (spec §2.7). Mutable, reused. */
public final class SecResult {
    /** The BD type that was sent (set by the request's owner; {@link #status()} checks it). */
    public int expectedType = SecBd.TYPE3;
    /** BD type the device returned (must equal the type sent). */
    public int type;
    public boolean done;
    /** 2 = ICV (tag) check failed. */
    public int icv;
    public int flag;
    public int errorType;
    public int warningType;
    /** BD3 hac_sva_status (byte 121); 0 for BD2. */
    public int svaStatus;
    /** BD2: the 16-bit tag; BD3: the low 32 bits of the 64-bit tag. */
    public int tag;

    /** UADK's success test plus the type check: done, error_type 0, no ICV failure. */
    public boolean ok(int sentType) {
        return done && errorType == 0 && icv != 2 && type == sentType;
    }

    /**
     * One int for the request layer's status: 0 = success, else (error_type | icv << 8 | !done << 12
     * | type mismatch << 13).
     */
    public int status(int sentType) {
        return errorType | (icv == 2 ? 2 << 8 : 0) | (done ? 0 : 1 << 12) | (type != sentType ? 1 << 13 : 0);
    }

    /** {@link #status(int)} against {@link #expectedType}. */
    public int status() {
        return status(expectedType);
    }

    @Override
    public String toString() {
        return "SEC completion type " + type + (done ? " done" : " NOT done") + " icv " + icv + " flag " + flag
                + " error_type 0x" + Integer.toHexString(errorType) + " warning 0x" + Integer.toHexString(warningType)
                + (svaStatus != 0 ? " hac_sva_status 0x" + Integer.toHexString(svaStatus) : "");
    }
}
