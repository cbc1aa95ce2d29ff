package io.uacce.layers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every {@code §N.M} the source tree cites must be a section of docs/abi.md (issue 8, §3 "the ABI
 * facts that the code cites live in the repository"). Part 1 of that page numbers the uacce, QM
 * and ZIP facts §0–§7; part 2 numbers the SEC and HPRE facts §S0–§S8, and the crypto code (files
 * of uacce-crypto, the models' SEC/HPRE classes, docs/crypto.md) cites them without the S. A
 * citation on a line that names another document (an RFC, FIPS, IEEE, NIST, GB/T or PKCS text,
 * a testbed page) is that document's and is left alone.
 */
final class AbiCitations {
    private static final Pattern HEADING = Pattern.compile("^#{2,4} §(S?[0-9]+(?:\\.[0-9]+)*)\\s");
    private static final Pattern CITATION = Pattern.compile("§ ?(S?)([0-9]+(?:\\.[0-9]+)*)");
    private static final Pattern OTHER_DOCUMENT = Pattern.compile(
            "RFC ?[0-9]|FIPS|IEEE|NIST|SP ?800|GB/T|ANSI|X9\\.|ISO ?[0-9]|testbed|EMSA|EME-|OAEP|PKCS|SEC ?1|draft-");
    private static final Pattern CRYPTO_FILE = Pattern.compile(
            "(^|/)uacce-crypto/|(^|/)(Sec|Hpre)[A-Za-z]*\\.java$|(^|/)ze_(sec|hpre|bn)[a-z_]*\\.[ch]$|(^|/)docs/crypto\\.md$");
    private static final Set<String> SKIP_DIRS = Set.of("target", ".git", "build", ".mvn", "node_modules");

    private AbiCitations() {
    }

    /** The section numbers docs/abi.md defines ("4.6", "S2.7"). */
    static Set<String> sections(Path abi) throws IOException {
        Set<String> out = new TreeSet<>();
        for (String line : Files.readAllLines(abi, StandardCharsets.UTF_8)) {
            Matcher m = HEADING.matcher(line);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** "path:line: §N.M" for every citation under {@code root} that docs/abi.md lacks. */
    static List<String> unresolved(Path root) throws IOException {
        Set<String> sections = sections(root.resolve("docs/abi.md"));
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (!Files.isRegularFile(p) || skipped(rel) || !cited(rel)) {
                    continue;
                }
                boolean crypto = CRYPTO_FILE.matcher(rel).find();
                List<String> lines;
                try {
                    lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                } catch (java.nio.charset.MalformedInputException e) {
                    continue; // not text
                }
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    String before = i > 0 ? lines.get(i - 1) + " " : ""; // a sentence may wrap
                    Matcher m = CITATION.matcher(line);
                    while (m.find()) {
                        if (OTHER_DOCUMENT.matcher(before + line.substring(0, m.start())).find()) {
                            break; // this and the rest of the line cite another document
                        }
                        String n = (m.group(1).isEmpty() && crypto ? "S" : m.group(1)) + m.group(2);
                        if (!sections.contains(n)) {
                            out.add(rel + ":" + (i + 1) + ": §" + n);
                        }
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return out;
    }

    private static boolean skipped(String rel) {
        for (String part : rel.split("/")) {
            if (SKIP_DIRS.contains(part)) {
                return true;
            }
        }
        return false;
    }

    private static boolean cited(String rel) {
        return rel.endsWith(".java") || rel.endsWith(".c") || rel.endsWith(".h") || rel.endsWith(".md")
                || rel.endsWith(".sh") || rel.endsWith(".xml") || rel.endsWith("Makefile") || rel.endsWith(".txt");
    }

    /** {@code java AbiCitations.java <repository root>}: prints what does not resolve. */
    public static void main(String[] args) throws IOException {
        List<String> u = unresolved(Path.of(args.length > 0 ? args[0] : "."));
        u.forEach(System.out::println);
        System.exit(u.isEmpty() ? 0 : 1);
    }
}
