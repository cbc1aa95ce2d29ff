package io.uacce;

import io.uacce.internal.sys.Libc;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;

/**
 * Where the calling thread runs and how far the NUMA nodes are from each other, for device
 * selection.
 *
 * <p>Distances come from {@code <nodeRoot>/node<N>/distance} (the kernel's SLIT row for node N,
 * the same numbers libnuma's {@code numa_distance} returns). When that row is missing, the
 * distance is 0 for the same node and 1 for any other node: enough to prefer the local node, with
 * no ranking among remote nodes. A node missing from an existing row counts as 255 (the SLIT
 * value for "unreachable"), so it is never preferred over a node the row lists.
 */
final class NumaTopology {

    static final Path DEFAULT_NODE_ROOT = Path.of("/sys/devices/system/node");
    private static final Path CPU_ROOT = Path.of("/sys/devices/system/cpu");

    static final int UNREACHABLE = 255;

    private final Path nodeRoot;
    private final IntSupplier currentNode;

    NumaTopology(Path nodeRoot, IntSupplier currentNode) {
        this.nodeRoot = nodeRoot;
        this.currentNode = currentNode;
    }

    static NumaTopology system() {
        return new NumaTopology(DEFAULT_NODE_ROOT, NumaTopology::callingThreadNode);
    }

    /** The node of the calling thread's CPU, or -1 when unknown. */
    int currentNode() {
        return currentNode.getAsInt();
    }

    /**
     * The node of the CPU this thread runs on: getcpu(); without it, sched_getcpu() and the
     * {@code nodeN} link in {@code /sys/devices/system/cpu/cpuM}; -1 when neither works.
     */
    static int callingThreadNode() {
        try {
            int node = Libc.currentNode();
            if (node >= 0) {
                return node;
            }
            int cpu = Libc.currentCpu();
            if (cpu < 0) {
                return -1;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(CPU_ROOT.resolve("cpu" + cpu), "node*")) {
                for (Path p : ds) {
                    String n = p.getFileName().toString().substring(4);
                    if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
                        return Integer.parseInt(n);
                    }
                }
            }
            return -1;
        } catch (IOException | RuntimeException | LinkageError e) {
            return -1;
        }
    }

    /** Distance between two nodes (see class comment); 0 when either node is unknown (-1). */
    int distance(int from, int to) {
        if (from < 0 || to < 0) {
            return 0;
        }
        String row = SysfsAttribute.read(nodeRoot.resolve("node" + from).resolve("distance"));
        if (row == null) {
            return from == to ? 0 : 1;
        }
        String[] cells = row.strip().split("\\s+");
        try {
            return to < cells.length ? Integer.parseInt(cells[to]) : UNREACHABLE;
        } catch (NumberFormatException e) {
            throw new SysfsFormatException(nodeRoot.resolve("node" + from).resolve("distance"), row,
                    "node distances as space-separated decimal numbers");
        }
    }
}
