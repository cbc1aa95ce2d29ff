package io.uacce.compress.cli;

import picocli.CommandLine.Command;

@Command(name = "compress", mixinStandardHelpOptions = true,
        description = "Compress a file or stdin (raw deflate, zlib or gzip).")
final class CompressCommand extends TransferCommand {
    @Override
    boolean compress() {
        return true;
    }
}
