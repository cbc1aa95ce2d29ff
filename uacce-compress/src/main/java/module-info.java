/**
 * uacce-compress: the hisi_zip SQE codec, java.util.zip-style APIs, software fallback, CLI.
 * The API ({@code io.uacce.compress}) exposes {@code io.uacce.ffm} types ({@code Uacce},
 * {@code UacceException}), hence {@code requires transitive}. Picocli and the UACCE provider are
 * needed by the CLI only (optional dependencies; the CLI jar bundles them).
 */
module io.uacce.compress {
    requires transitive io.uacce.ffm;
    requires org.slf4j;
    requires static info.picocli;
    requires static io.uacce.crypto; // the CLI's digest and crypto bench only

    exports io.uacce.compress;

    opens io.uacce.compress.cli to info.picocli;
}
