package io.uacce.crypto.internal;

import io.uacce.Uacce;
import io.uacce.crypto.types.CryptoSettings;
import io.uacce.crypto.types.CryptoMode;
import java.security.Provider;
import java.util.function.Supplier;

/**
 * What every SPI instance of one provider instance shares: the settings it was built with, the
 * provider itself (for messages), where its devices are found ({@code host}, called at the first
 * device use: {@link Uacce#system()} unless the provider was built on an explicit host),
 * {@code software}, a provider of the same kind in SOFTWARE mode (made at first use), whose SPIs
 * are the software side of the device SPIs (the provider supplies it, so that the engines need not
 * import the provider class above them: issue 8, rule 9), and the device side (counters, pools to
 * close) behind the provider's {@code statistics()} and {@code close()}.
 */
public record ProviderContext(Provider provider, CryptoSettings settings, Supplier<Uacce> host,
        Supplier<Provider> software, ProviderDevices devices) {

    public CryptoMode mode() {
        return settings.mode();
    }
}
