/** uacce-compress: the hisi_zip SQE codec, java.util.zip-style APIs, software fallback, CLI. */
module io.uacce.compress {
    requires io.uacce.ffm;
    requires org.slf4j;
    requires static info.picocli;

    exports io.uacce.compress;

    opens io.uacce.compress.cli to info.picocli;
}
