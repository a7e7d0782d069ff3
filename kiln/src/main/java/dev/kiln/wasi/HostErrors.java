package dev.kiln.wasi;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Locale;

/**
 * Turns the {@link IOException}s of {@code java.nio.file} into preview1 errnos. The JDK maps
 * only a few {@code errno}s to exception classes and reports the rest as a
 * {@link FileSystemException} whose reason is the C library's {@code strerror} text (sockets: a
 * plain {@link IOException} with that text as message), so that text is matched too (the glibc
 * and musl wordings).
 */
final class HostErrors {

    private HostErrors() {}

    /** The errno for {@code e}; {@link Errno#IO} for anything unrecognised. */
    static int errno(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> Errno.NOENT;
            case FileAlreadyExistsException x -> Errno.EXIST;
            case DirectoryNotEmptyException x -> Errno.NOTEMPTY;
            case AccessDeniedException x -> Errno.ACCES;
            case NotDirectoryException x -> Errno.NOTDIR;
            case NotLinkException x -> Errno.INVAL;
            case FileSystemLoopException x -> Errno.LOOP;
            case AtomicMoveNotSupportedException x -> Errno.XDEV;
            case FileSystemException x -> fromReason(x.getReason());
            // Socket failures are plain IOExceptions with the strerror text as message.
            default -> fromReason(e.getMessage());
        };
    }

    /** An {@link ErrnoException} for {@code e}, to throw. */
    static ErrnoException exception(IOException e) {
        return new ErrnoException(errno(e));
    }

    /**
     * The preview1 errno for Linux's {@code errno} {@code linux}, as {@link DescriptorFiles}'
     * calls report it; {@link Errno#IO} for anything a file call should not fail with.
     */
    static int ofLinux(int linux) {
        return switch (linux) {
            case 1 -> Errno.PERM;
            case 2 -> Errno.NOENT;
            case 4 -> Errno.INTR;
            case 6 -> Errno.NXIO;
            case 9 -> Errno.BADF;
            case 11 -> Errno.AGAIN;
            case 12 -> Errno.NOMEM;
            case 13 -> Errno.ACCES;
            case 16 -> Errno.BUSY;
            case 17 -> Errno.EXIST;
            case 18 -> Errno.XDEV;
            case 19 -> Errno.NODEV;
            case 20 -> Errno.NOTDIR;
            case 21 -> Errno.ISDIR;
            case 22 -> Errno.INVAL;
            case 23 -> Errno.NFILE;
            case 24 -> Errno.MFILE;
            case 26 -> Errno.TXTBSY;
            case 27 -> Errno.FBIG;
            case 28 -> Errno.NOSPC;
            case 30 -> Errno.ROFS;
            case 31 -> Errno.MLINK;
            case 36 -> Errno.NAMETOOLONG;
            case 39 -> Errno.NOTEMPTY;
            case 40 -> Errno.LOOP;
            case 75 -> Errno.OVERFLOW;
            case 84 -> Errno.ILSEQ;
            case 95 -> Errno.NOTSUP;
            case 116 -> Errno.STALE;
            case 122 -> Errno.DQUOT;
            default -> Errno.IO;
        };
    }

    private static int fromReason(String reason) {
        if (reason == null) {
            return Errno.IO;
        }
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("too many levels of symbolic links") || r.contains("symbolic link loop")) {
            return Errno.LOOP;
        }
        if (r.contains("is a directory")) {
            return Errno.ISDIR;
        }
        if (r.contains("not a directory")) {
            return Errno.NOTDIR;
        }
        if (r.contains("directory not empty")) {
            return Errno.NOTEMPTY;
        }
        if (r.contains("read-only file system")) {
            return Errno.ROFS;
        }
        if (r.contains("invalid argument")) {
            return Errno.INVAL;
        }
        if (r.contains("no space left")) {
            return Errno.NOSPC;
        }
        if (r.contains("too large")) {
            return Errno.FBIG;
        }
        if (r.contains("operation not permitted")) {
            return Errno.PERM;
        }
        if (r.contains("permission denied")) {
            return Errno.ACCES;
        }
        if (r.contains("cross-device link")) {
            return Errno.XDEV;
        }
        if (r.contains("file exists")) {
            return Errno.EXIST;
        }
        if (r.contains("too many links")) {
            return Errno.MLINK;
        }
        if (r.contains("name too long")) {
            return Errno.NAMETOOLONG;
        }
        if (r.contains("no such file")) {
            return Errno.NOENT;
        }
        if (r.contains("busy")) {
            return Errno.BUSY;
        }
        if (r.contains("quota")) {
            return Errno.DQUOT;
        }
        if (r.contains("connection reset")) {
            return Errno.CONNRESET;
        }
        if (r.contains("broken pipe")) {
            return Errno.PIPE;
        }
        if (r.contains("not connected")) {
            return Errno.NOTCONN;
        }
        if (r.contains("too many open files")) {
            return Errno.MFILE;
        }
        return Errno.IO;
    }
}
