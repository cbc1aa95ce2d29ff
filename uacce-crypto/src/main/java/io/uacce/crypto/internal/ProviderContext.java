package io.uacce.crypto.internal;

import io.uacce.Uacce;
import io.uacce.crypto.CryptoSettings;
import io.uacce.crypto.Mode;
import java.security.Provider;
import java.util.function.Supplier;

/**
 * What every SPI instance of one provider instance shares: the settings it was built with, the
 * provider itself (for messages), where its devices are found ({@code host}, called at the first
 * device use: {@link Uacce#system()} unless the provider was built on an explicit host) and the
 * device side (counters, pools to close) behind {@link io.uacce.crypto.UacceProvider#statistics()}
 * and {@link io.uacce.crypto.UacceProvider#close()}.
 */
public record ProviderContext(Provider provider, CryptoSettings settings, Supplier<Uacce> host,
        ProviderDevices devices) {
    public ProviderContext(Provider provider, CryptoSettings settings) {
        this(provider, settings, Uacce::system);
    }

    public ProviderContext(Provider provider, CryptoSettings settings, Supplier<Uacce> host) {
        this(provider, settings, host, new ProviderDevices());
    }

    public Mode mode() {
        return settings.mode();
    }
}
