/**
 * uacce-crypto: the {@code UACCE} JCA/JCE provider. Only {@code io.uacce.crypto} is exported;
 * the SPI classes, the SEC/HPRE codecs and the software implementations live in unexported
 * packages and are reached through {@link java.security.Provider.Service#newInstance}.
 */
module io.uacce.crypto {
    requires io.uacce.ffm;
    requires org.slf4j;
    requires java.management; // the CryptoProviderMXBean of each provider instance with devices open

    exports io.uacce.crypto;
    exports io.uacce.crypto.types;

    provides java.security.Provider with io.uacce.crypto.UacceProvider;
}
