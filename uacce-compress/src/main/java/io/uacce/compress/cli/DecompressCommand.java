package io.uacce.compress.cli;

import picocli.CommandLine.Command;

@Command(name = "decompress", mixinStandardHelpOptions = true,
        description = "Decompress a file or stdin (gzip: concatenated members too).")
final class DecompressCommand extends TransferCommand {
    @Override
    boolean compress() {
        return false;
    }
}
