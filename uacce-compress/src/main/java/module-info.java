/**
 * uacce-compress: the hisi_zip SQE codec, java.util.zip-style APIs, software fallback, CLI.
 * The API ({@code io.uacce.compress}, with {@code io.uacce.compress.types}: {@code Format} and the
 * data errors, the leaf package that the API and the codecs share) exposes {@code io.uacce.ffm} types ({@code Uacce},
 * {@code UacceException}), hence {@code requires transitive}. Picocli and the UACCE provider are
 * needed by the CLI only (optional dependencies; the CLI jar bundles them).
 */
module io.uacce.compress {
    requires transitive io.uacce.ffm;
    requires org.slf4j;
    requires java.management; // the ZipEngineMXBean of each open engine
    requires static info.picocli;
    requires static io.uacce.crypto; // the CLI's digest and crypto bench only

    exports io.uacce.compress;
    exports io.uacce.compress.types;

    opens io.uacce.compress.cli to info.picocli;
}
