package io.uacce.crypto.soft;

import java.util.function.IntPredicate;
import javax.crypto.MacSpi;

/** Base of the MACs over a 128-bit block cipher (CMAC, GMAC): 16-byte tags, key checks. */
abstract class BlockMac extends MacSpi implements Cloneable {
    protected final String cipherName;
    protected final IntPredicate keyLengthOk;
    protected final BlockCipher.Factory factory;

    BlockMac(String cipherName, IntPredicate keyLengthOk, BlockCipher.Factory factory) {
        this.cipherName = cipherName;
        this.keyLengthOk = keyLengthOk;
        this.factory = factory;
    }

    @Override
    protected int engineGetMacLength() {
        return 16;
    }

    @Override
    protected void engineUpdate(byte input) {
        engineUpdate(new byte[] {input}, 0, 1);
    }
}
