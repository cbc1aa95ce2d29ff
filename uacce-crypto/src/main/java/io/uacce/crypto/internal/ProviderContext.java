package io.uacce.crypto.internal;

import io.uacce.crypto.CryptoSettings;
import io.uacce.crypto.Mode;
import java.security.Provider;

/**
 * What every SPI instance of one provider instance shares: the settings it was built with and the
 * provider itself (for {@code getProvider()}-style messages).
 */
public record ProviderContext(Provider provider, CryptoSettings settings) {
    public Mode mode() {
        return settings.mode();
    }
}
