package io.uacce.compress.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** The reason of a failed file operation as the C library words it (strerror), for messages. */
final class Reasons {
    private Reasons() {
    }

    static String of(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "Directory not empty";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            // the JDK appends this to ELOOP for O_NOFOLLOW opens
            return f.getReason().replace(" or unable to access attributes of symbolic link", "");
        }
        String m = e.getMessage();
        return m != null ? m : e.getClass().getSimpleName();
    }
}
