package io.uacce.layers;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The package import graph of compiled classes, read from the class files themselves (the
 * constant pool), not from the sources: every class, field, method, signature and annotation type
 * a class names is an edge from its package to that type's package. String constants are not
 * references and are left out. Only edges between {@code io.uacce} packages are kept.
 */
final class PackageGraph {

    private static final Pattern TYPE = Pattern.compile("io/uacce/[A-Za-z0-9_$/]+");

    /** package -> packages it references (never itself). */
    final Map<String, Set<String>> edges = new TreeMap<>();

    /** Every package that holds at least one class. */
    final Set<String> packages = new TreeSet<>();

    /** The graph of the classes under a class directory or in a jar (module-info excluded). */
    static PackageGraph of(Path classesOrJar) throws IOException {
        PackageGraph g = new PackageGraph();
        if (Files.isDirectory(classesOrJar)) {
            g.addTree(classesOrJar);
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(classesOrJar)) {
                g.addTree(jar.getPath("/"));
            }
        }
        return g;
    }

    /** Where the class files of {@code marker}'s module (a directory or a jar) are. */
    static Path locationOf(Class<?> marker) {
        try {
            return Path.of(marker.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no code source for " + marker, e);
        }
    }

    private void addTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName() == null ? "" : p.getFileName().toString();
                if (!name.endsWith(".class") || name.equals("module-info.class")) {
                    continue;
                }
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (!rel.startsWith("io/uacce/") || rel.contains("jmh_generated")) {
                    continue;
                }
                String pkg = packageOf(rel.substring(0, rel.length() - ".class".length()));
                packages.add(pkg);
                try (InputStream in = Files.newInputStream(p)) {
                    for (String ref : referencedTypes(in)) {
                        add(pkg, packageOf(ref));
                    }
                }
            }
        }
    }

    void add(String from, String to) {
        packages.add(from);
        if (!from.equals(to)) {
            edges.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
        }
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return internalName.substring(0, slash).replace('/', '.');
    }

    /** Internal names of every io.uacce type the class file's constant pool mentions. */
    static Set<String> referencedTypes(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        BitSet notTypes = new BitSet(count); // Utf8 entries that are string, module or package constants
        BitSet classes = new BitSet(count);  // Utf8 entries that name a class (may also be a string's)
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // takes two slots
                }
                case 7 -> classes.set(in.readUnsignedShort());
                case 16 -> in.readUnsignedShort(); // MethodType: its descriptor is scanned below
                case 8, 19, 20 -> notTypes.set(in.readUnsignedShort()); // String, Module, Package
                case 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
            }
        }
        Set<String> types = new TreeSet<>();
        for (int i = 1; i < count; i++) {
            if (utf8[i] == null || notTypes.get(i) && !classes.get(i)) {
                continue;
            }
            Matcher m = TYPE.matcher(utf8[i]);
            while (m.find()) {
                String t = m.group();
                if (t.lastIndexOf('/') > "io/uacce".length() - 1) {
                    types.add(t);
                }
            }
        }
        return types;
    }

    /** Every cycle's package set (strongly connected components of more than one package). */
    List<Set<String>> cycles() {
        // Tarjan's algorithm, recursive: package graphs are small.
        Map<String, Integer> index = new TreeMap<>();
        Map<String, Integer> low = new TreeMap<>();
        List<String> stack = new ArrayList<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> out = new ArrayList<>();
        int[] next = {0};
        for (String p : packages) {
            if (!index.containsKey(p)) {
                strongConnect(p, index, low, stack, onStack, out, next);
            }
        }
        return out;
    }

    private void strongConnect(String v, Map<String, Integer> index, Map<String, Integer> low, List<String> stack,
            Set<String> onStack, List<Set<String>> out, int[] next) {
        index.put(v, next[0]);
        low.put(v, next[0]);
        next[0]++;
        stack.add(v);
        onStack.add(v);
        for (String w : edges.getOrDefault(v, Set.of())) {
            if (!packages.contains(w)) {
                continue; // another module's package: Maven's module order already points down
            }
            if (!index.containsKey(w)) {
                strongConnect(w, index, low, stack, onStack, out, next);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> scc = new TreeSet<>();
            String w;
            do {
                w = stack.remove(stack.size() - 1);
                onStack.remove(w);
                scc.add(w);
            } while (!w.equals(v));
            if (scc.size() > 1) {
                out.add(scc);
            }
        }
    }

    /**
     * Violations of a declared layer order: {@code layers} lists this module's packages bottom
     * up, one entry per layer (packages of one layer separated by spaces must not import each
     * other). A package may import only packages of lower layers (and other modules'). A package
     * that is in no layer is a violation too: a new package must be given its place.
     */
    List<String> layerViolations(List<String> layers) {
        Map<String, Integer> rank = new TreeMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (String p : layers.get(i).trim().split("\\s+")) {
                rank.put(p, i);
            }
        }
        List<String> out = new ArrayList<>();
        for (String p : packages) {
            if (!rank.containsKey(p)) {
                out.add(p + " is in no declared layer");
            }
        }
        for (Map.Entry<String, Set<String>> e : edges.entrySet()) {
            Integer from = rank.get(e.getKey());
            for (String to : e.getValue()) {
                Integer r = rank.get(to);
                if (from != null && r != null && r >= from) {
                    out.add(e.getKey() + " (layer " + from + ") imports " + to + " (layer " + r + ")");
                }
            }
        }
        return out;
    }
}
