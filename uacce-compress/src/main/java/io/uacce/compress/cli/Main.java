package io.uacce.compress.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar uacce-cli.jar <command>}. */
@Command(name = "uacce-cli", mixinStandardHelpOptions = true, version = "uacce-cli 0.1.0",
        description = "Compression (ZIP) and digests/crypto benchmarks (SEC) on HiSilicon engines through uacce (pure Java,"
                + " FFM), with a software fallback.",
        subcommands = {CompressCommand.class, DecompressCommand.class, DevicesCommand.class, BenchCommand.class,
                DigestCommand.class,
                DemoCommand.class, DfxCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("gzip") || args[0].equals("digest"))
                && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // gzip's and digest's stderr: messages only
        }
        System.exit(run(args));
    }

    /** Runs the command line; returns the exit code (for tests). */
    public static int run(String... args) {
        if (args.length > 0 && args[0].equals("gzip")) { // its own streams, parser settings and exit codes
            return GzipCommand.execute(GzipCommand.Io.system(), java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        return new CommandLine(new Main()).addSubcommand("gzip", new GzipCommand(null))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("uacce-cli " + cmd.getCommandName() + ": " + e.getMessage());
                    if (Boolean.getBoolean("uacce.cli.stacktrace")) {
                        e.printStackTrace(cmd.getErr());
                    }
                    return 1;
                })
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
