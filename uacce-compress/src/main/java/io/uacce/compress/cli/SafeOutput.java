package io.uacce.compress.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * An output file that appears under its name only when complete: written to a temporary file
 * (mode 600, O_EXCL) in the target's directory, fsynced, given the input's owner where permitted,
 * mode (never wider: group bits are dropped when the group cannot be carried over) and times,
 * then linked (no overwrite) or renamed (force) onto the target, and the directory fsynced.
 * {@link #close()} without {@link #commit} removes the temporary file.
 */
final class SafeOutput implements AutoCloseable {
    /** What the output inherits from the input; {@code null} fields are left alone. */
    record Metadata(Set<PosixFilePermission> permissions, Integer uid, Integer gid, FileTime mtime, FileTime atime) {
    }

    private final Path dir;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private boolean committed;

    private SafeOutput(Path dir, String name, Path temp, FileChannel channel) {
        this.dir = dir;
        this.temp = temp;
        this.channel = channel;
        this.stream = WriteFailure.labelled(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 18),
                name);
    }

    /**
     * Creates the temporary file next to {@code target}; write errors name {@code target}, which
     * {@link #commit} may still change (gzip -N takes the name from the header).
     */
    static SafeOutput create(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        // createTempFile: O_CREAT|O_EXCL (never follows a link), mode 600 on POSIX file systems
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            return new SafeOutput(dir, target.toString(), temp, FileChannel.open(temp, StandardOpenOption.WRITE));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    OutputStream stream() {
        return stream;
    }

    /**
     * Makes the output durable and visible as {@code target} (in the directory given to create).
     *
     * @param replace replace an existing target (force); otherwise an existing target fails with
     *                {@link FileAlreadyExistsException} and stays as it was
     */
    void commit(Path target, Metadata meta, boolean replace) throws IOException {
        stream.flush();
        try {
            channel.force(true);
        } catch (IOException e) {
            throw new WriteFailure(target.toString(), e);
        }
        channel.close();
        apply(meta);
        if (replace) {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE); // rename(2): replaces, never follows
        } else {
            try {
                Files.createLink(target, temp); // link(2): fails on an existing name, atomically
                Files.delete(temp);
            } catch (UnsupportedOperationException e) { // no hard links on this file system
                if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    throw new FileAlreadyExistsException(target.toString());
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        committed = true;
        syncDirectory(dir);
    }

    private void apply(Metadata meta) throws IOException {
        Set<PosixFilePermission> perms = meta.permissions();
        if (meta.uid() != null) {
            try {
                Files.setAttribute(temp, "unix:uid", meta.uid(), java.nio.file.LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                // not permitted (not root): the file stays ours, as with gzip
            }
        }
        if (meta.gid() != null) {
            try {
                Files.setAttribute(temp, "unix:gid", meta.gid(), java.nio.file.LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                if (perms != null) { // another group than the input's: it gets no access
                    Set<PosixFilePermission> fewer = java.util.EnumSet.noneOf(PosixFilePermission.class);
                    fewer.addAll(perms);
                    fewer.removeAll(Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                            PosixFilePermission.GROUP_EXECUTE));
                    perms = fewer;
                }
            }
        }
        if (perms != null) {
            Files.setPosixFilePermissions(temp, perms);
        }
        if (meta.mtime() != null) {
            Files.getFileAttributeView(temp, BasicFileAttributeView.class).setTimes(meta.mtime(), meta.atime(), null);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems refuse fsync on a directory; the rename is done either way
        }
    }

    /** Removes the temporary file unless committed. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }
}
