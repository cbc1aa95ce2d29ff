package io.uacce.compress.cli;

import io.uacce.crypto.UacceProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code digest [-a sha256] [FILE...]} like sha256sum (GNU coreutils' output: {@code hex  name}, '-'
 * for standard input), {@code -c} checks such lines; on the SEC device through the {@code UACCE}
 * provider (AUTO: the device from the size threshold on, else software; exit status as sha256sum:
 * 0 all right, 1 a mismatch or an unreadable file).
 */
@Command(name = "digest", mixinStandardHelpOptions = true,
        description = "Print or check message digests (like sha256sum) through the UACCE provider: SEC device or software.")
final class DigestCommand implements Callable<Integer> {
    private static final Pattern LINE = Pattern.compile("^([0-9a-fA-F]+) [ *](.+)$");

    @Option(names = {"-a", "--algorithm"}, defaultValue = "sha256",
            description = "md5, sha1, sha224, sha256, sha384, sha512, sha512-224, sha512-256, sm3 (default: ${DEFAULT-VALUE})")
    String algorithm;

    @Option(names = {"-c", "--check"}, description = "read checksums from the FILEs and check them")
    boolean check;

    @Option(names = {"-m", "--mode"}, defaultValue = "auto", description = "auto, hardware or software (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--quiet", description = "with -c: do not print OK for each verified file")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "say on stderr where the digests were computed")
    boolean verbose;

    @Parameters(paramLabel = "FILE", description = "files ('-' or none: standard input)")
    List<String> files = new ArrayList<>();

    PrintStream out = System.out;
    PrintStream err = System.err;
    InputStream stdin = System.in;

    @Override
    public Integer call() throws Exception {
        String jca = CryptoCli.digest(algorithm);
        UacceProvider p = CryptoCli.provider(CryptoCli.mode(mode), -1);
        try {
            List<String> names = files.isEmpty() ? List.of("-") : files;
            int rc = check ? check(p, jca, names) : print(p, jca, names);
            if (verbose) {
                err.println("digest: " + jca + " on " + CryptoCli.served(p));
            }
            return rc;
        } finally {
            p.close();
        }
    }

    private int print(UacceProvider p, String jca, List<String> names) throws Exception {
        int rc = 0;
        for (String n : names) {
            try {
                out.println(HexFormat.of().formatHex(hash(p, jca, n)) + "  " + n);
            } catch (IOException e) {
                err.println("digest: " + n + ": " + Reasons.of(e));
                rc = 1;
            }
        }
        return rc;
    }

    private byte[] hash(UacceProvider p, String jca, String name) throws Exception {
        MessageDigest md = MessageDigest.getInstance(jca, p);
        try (InputStream in = name.equals("-") ? stdin : Files.newInputStream(Path.of(name))) {
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                md.update(buf, 0, r);
            }
        }
        return md.digest();
    }

    private int check(UacceProvider p, String jca, List<String> lists) throws Exception {
        int bad = 0, unreadable = 0, malformed = 0, good = 0;
        int width = MessageDigest.getInstance(jca, p).getDigestLength() * 2;
        for (String list : lists) {
            try (InputStream in = list.equals("-") ? stdin : Files.newInputStream(Path.of(list));
                    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    Matcher m = LINE.matcher(line);
                    if (!m.matches() || m.group(1).length() != width) {
                        malformed++;
                        continue;
                    }
                    String name = m.group(2);
                    byte[] got;
                    try {
                        got = hash(p, jca, name);
                    } catch (IOException e) {
                        err.println("digest: " + name + ": " + Reasons.of(e));
                        out.println(name + ": FAILED open or read");
                        unreadable++;
                        continue;
                    }
                    if (HexFormat.of().formatHex(got).equalsIgnoreCase(m.group(1))) {
                        good++;
                        if (!quiet) {
                            out.println(name + ": OK");
                        }
                    } else {
                        bad++;
                        out.println(name + ": FAILED");
                    }
                }
            } catch (IOException e) {
                err.println("digest: " + list + ": " + Reasons.of(e));
                return 1;
            }
        }
        if (malformed > 0) {
            err.println("digest: WARNING: " + malformed + " line" + (malformed == 1 ? " is" : "s are") + " improperly formatted");
        }
        if (unreadable > 0) {
            err.println("digest: WARNING: " + unreadable + " listed file" + (unreadable == 1 ? "" : "s") + " could not be read");
        }
        if (bad > 0) {
            err.println("digest: WARNING: " + bad + " computed checksum" + (bad == 1 ? "" : "s") + " did NOT match");
        }
        if (good + bad + unreadable == 0) {
            err.println("digest: no properly formatted checksum lines found");
            return 1;
        }
        return bad + unreadable > 0 ? 1 : 0;
    }
}
