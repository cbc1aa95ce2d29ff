package io.uacce.compress.cli;

import io.uacce.compress.Mode;
import io.uacce.compress.ZipEngine;
import picocli.CommandLine.Option;

/** Options every command that compresses shares. */
final class EngineOptions {
    @Option(names = {"-m", "--mode"}, description = "auto, hardware or software (default: ${DEFAULT-VALUE};"
            + " the system property uacce.compress.mode wins)", defaultValue = "auto")
    Mode mode;

    ZipEngine open() {
        return ZipEngine.open(mode);
    }
}
