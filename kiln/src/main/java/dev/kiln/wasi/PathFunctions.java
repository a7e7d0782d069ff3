package dev.kiln.wasi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The {@code path_*} calls, every one resolving its guest paths through the descriptor's
 * {@link Sandbox} (so nothing outside a preopen is reached) and refusing changes through a
 * read-only preopen with {@link Errno#ROFS}. Errnos follow Linux where preview1 leaves them open.
 */
final class PathFunctions {

    private static final int KNOWN_OFLAGS = FdFlags.O_CREAT | FdFlags.O_DIRECTORY | FdFlags.O_EXCL | FdFlags.O_TRUNC;
    private static final int KNOWN_FDFLAGS = FdFlags.APPEND | FdFlags.DSYNC | FdFlags.NONBLOCK | FdFlags.RSYNC
            | FdFlags.SYNC;

    private final FdFunctions fd;
    private final WasiClock clock;

    PathFunctions(FdFunctions fd, WasiClock clock) {
        this.fd = fd;
        this.clock = clock;
    }

    /**
     * {@code path_open(fd, dirflags, path, path_len, oflags, fs_rights_base, fs_rights_inheriting,
     * fdflags, fd_ptr)}. The new descriptor's rights are the requested ones the directory may pass
     * on; the file is opened for writing if any of {@link Rights#WRITE} is asked for, for reading
     * if a read right is (or nothing is). A directory asked for write rights is {@link Errno#ISDIR};
     * a symbolic link as the last component without {@code symlink_follow} is {@link Errno#LOOP}.
     */
    int open(GuestMemory memory, int dirFd, int lookupFlags, long pathPtr, long pathLength, int oflags,
             long rightsBase, long rightsInheriting, int fdFlags, long fdPtr) throws IOException {
        DirectoryFile dir = fd.directory(dirFd, Rights.PATH_OPEN);
        String path = memory.readString(pathPtr, pathLength);
        memory.check(fdPtr, 4);
        if ((oflags & ~KNOWN_OFLAGS) != 0 || (fdFlags & ~KNOWN_FDFLAGS) != 0) {
            return Errno.INVAL;
        }
        boolean create = (oflags & FdFlags.O_CREAT) != 0;
        boolean truncate = (oflags & FdFlags.O_TRUNC) != 0;
        boolean directoryOnly = (oflags & FdFlags.O_DIRECTORY) != 0;
        if (create && (dir.rightsBase() & Rights.PATH_CREATE_FILE) == 0
                || truncate && (dir.rightsBase() & Rights.PATH_FILESTAT_SET_SIZE) == 0) {
            return Errno.NOTCAPABLE;
        }
        fd.table().checkRoom();
        Sandbox.Resolved target = dir.resolve(path, (lookupFlags & FdFlags.LOOKUP_SYMLINK_FOLLOW) != 0);
        long base = rightsBase & dir.rightsInheriting();
        long inheriting = rightsInheriting & dir.rightsInheriting();
        boolean write = (rightsBase & Rights.WRITE) != 0;
        OpenFile opened;
        if (target.exists()) {
            if (create && (oflags & FdFlags.O_EXCL) != 0) {
                return Errno.EXIST;
            }
            if (target.isSymbolicLink()) {
                return Errno.LOOP;
            }
            if (target.isDirectory()) {
                if (write || truncate || create) {
                    return Errno.ISDIR;
                }
                opened = new DirectoryFile(dir.sandbox(), target.components(), dir.sandbox().directoryKey(target), false,
                        base & Rights.DIRECTORY, inheriting);
            } else {
                if (directoryOnly || target.directoryRequired()) {
                    return Errno.NOTDIR;
                }
                if (!target.isRegularFile()) {
                    return Errno.NOTSUP; // devices, FIFOs and sockets are not opened through the sandbox
                }
                if (write || truncate) {
                    dir.sandbox().checkWritable();
                }
                opened = openFile(target, false, oflags, base, inheriting, fdFlags);
            }
        } else {
            if (!create) {
                return Errno.NOENT;
            }
            if (directoryOnly || target.directoryRequired()) {
                return Errno.ISDIR;
            }
            dir.sandbox().checkWritable();
            opened = openFile(target, true, oflags, base, inheriting, fdFlags);
        }
        memory.writeInt(fdPtr, fd.table().add(opened));
        return Errno.SUCCESS;
    }

    private static RegularFile openFile(Sandbox.Resolved target, boolean create, int oflags, long base,
                                        long inheriting, int fdFlags) throws IOException {
        Set<OpenOption> options = new HashSet<>();
        // The last component is opened with O_NOFOLLOW: if it became a link since it was
        // resolved, the open fails instead of following it.
        options.add(LinkOption.NOFOLLOW_LINKS);
        boolean write = (base & Rights.WRITE) != 0;
        boolean read = (base & Rights.READ) != 0 || !write;
        if (read) {
            options.add(StandardOpenOption.READ);
        }
        // Java ignores CREATE and TRUNCATE_EXISTING on a channel opened only for reading; the
        // descriptor's rights, not the channel's mode, decide what the guest may do with it.
        if (write || create || (oflags & FdFlags.O_TRUNC) != 0) {
            options.add(StandardOpenOption.WRITE);
        }
        if ((oflags & FdFlags.O_TRUNC) != 0) {
            options.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        if (create) {
            options.add((oflags & FdFlags.O_EXCL) != 0 ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        }
        HostFiles files = target.sandbox().files();
        FileIo io = files.openFile(target, options);
        try {
            Filestat opened = target.exists() ? target.stat() : files.stat(target);
            return new RegularFile(io, target.sandbox(), target.components(), opened, fdFlags,
                    base & Rights.REGULAR_FILE, inheriting & Rights.REGULAR_FILE);
        } catch (IOException | RuntimeException e) {
            io.close();
            throw e;
        }
    }

    /** {@code path_create_directory(fd, path, path_len)}. */
    int createDirectory(GuestMemory memory, int dirFd, long pathPtr, long pathLength) throws IOException {
        DirectoryFile dir = fd.directory(dirFd, Rights.PATH_CREATE_DIRECTORY);
        Sandbox.Resolved target = dir.resolve(memory.readString(pathPtr, pathLength), false);
        if (target.exists()) {
            return Errno.EXIST;
        }
        dir.sandbox().checkWritable();
        dir.sandbox().files().createDirectory(target);
        return Errno.SUCCESS;
    }

    /**
     * {@code path_remove_directory(fd, path, path_len)}: {@link Errno#NOTEMPTY} unless empty,
     * {@link Errno#NOTDIR} for anything but a directory, {@link Errno#INVAL} for the descriptor's
     * own directory ({@code "."}).
     */
    int removeDirectory(GuestMemory memory, int dirFd, long pathPtr, long pathLength) throws IOException {
        DirectoryFile dir = fd.directory(dirFd, Rights.PATH_REMOVE_DIRECTORY);
        Sandbox.Resolved target = dir.resolve(memory.readString(pathPtr, pathLength), false);
        if (!target.exists()) {
            return Errno.NOENT;
        }
        if (!target.isDirectory()) {
            return Errno.NOTDIR;
        }
        if (target.components().size() <= dir.components().size()) {
            return Errno.INVAL;
        }
        dir.sandbox().checkWritable();
        dir.sandbox().files().deleteDirectory(target);
        return Errno.SUCCESS;
    }

    /**
     * {@code path_unlink_file(fd, path, path_len)}: removes a file or a link (never what it points
     * to); a directory is {@link Errno#ISDIR}, a trailing slash on a file {@link Errno#NOTDIR}.
     */
    int unlinkFile(GuestMemory memory, int dirFd, long pathPtr, long pathLength) throws IOException {
        DirectoryFile dir = fd.directory(dirFd, Rights.PATH_UNLINK_FILE);
        Sandbox.Resolved target = dir.resolve(memory.readString(pathPtr, pathLength), false);
        if (!target.exists()) {
            return Errno.NOENT;
        }
        if (target.isDirectory()) {
            return Errno.ISDIR;
        }
        if (target.directoryRequired()) {
            return Errno.NOTDIR;
        }
        dir.sandbox().checkWritable();
        dir.sandbox().files().deleteFile(target);
        return Errno.SUCCESS;
    }

    /**
     * {@code path_rename(fd, old_path, old_path_len, new_fd, new_path, new_path_len)}: POSIX
     * {@code rename(2)} (an existing target is replaced, a directory only by a directory and only
     * if empty). Links are renamed, not followed.
     */
    int rename(GuestMemory memory, int oldFd, long oldPtr, long oldLength, int newFd, long newPtr, long newLength)
            throws IOException {
        DirectoryFile from = fd.directory(oldFd, Rights.PATH_RENAME_SOURCE);
        String oldPath = memory.readString(oldPtr, oldLength);
        DirectoryFile to = fd.directory(newFd, Rights.PATH_RENAME_TARGET);
        String newPath = memory.readString(newPtr, newLength);
        Sandbox.Resolved source = from.resolve(oldPath, false);
        Sandbox.Resolved target = to.resolve(newPath, false);
        if (!source.exists()) {
            return Errno.NOENT;
        }
        if (source.components().size() <= from.components().size()
                || target.components().size() <= to.components().size()) {
            return Errno.BUSY; // the descriptor's own directory, "." or "a/.."
        }
        boolean directory = source.isDirectory();
        if (!directory && (source.directoryRequired() || target.directoryRequired())) {
            return Errno.NOTDIR;
        }
        if (target.exists()) {
            if (directory && !target.isDirectory()) {
                return Errno.NOTDIR;
            }
            if (!directory && target.isDirectory()) {
                return Errno.ISDIR;
            }
        }
        from.sandbox().checkWritable();
        to.sandbox().checkWritable();
        // renameat(2): it replaces the target as POSIX says, and fails across file systems
        // (EXDEV) instead of copying.
        from.sandbox().files().rename(source, target);
        return Errno.SUCCESS;
    }

    /**
     * {@code path_link(old_fd, old_flags, old_path, old_path_len, new_fd, new_path, new_path_len)}:
     * a hard link; a directory cannot be linked ({@link Errno#PERM}).
     */
    int link(GuestMemory memory, int oldFd, int oldFlags, long oldPtr, long oldLength, int newFd, long newPtr,
             long newLength) throws IOException {
        DirectoryFile from = fd.directory(oldFd, Rights.PATH_LINK_SOURCE);
        String oldPath = memory.readString(oldPtr, oldLength);
        DirectoryFile to = fd.directory(newFd, Rights.PATH_LINK_TARGET);
        String newPath = memory.readString(newPtr, newLength);
        Sandbox.Resolved source = from.resolve(oldPath, (oldFlags & FdFlags.LOOKUP_SYMLINK_FOLLOW) != 0);
        Sandbox.Resolved target = to.resolve(newPath, false);
        if (!source.exists()) {
            return Errno.NOENT;
        }
        if (source.isDirectory()) {
            return Errno.PERM;
        }
        if (source.directoryRequired()) {
            return Errno.NOTDIR;
        }
        if (target.exists()) {
            return Errno.EXIST;
        }
        if (target.directoryRequired()) {
            return Errno.NOENT;
        }
        from.sandbox().checkWritable();
        to.sandbox().checkWritable();
        from.sandbox().files().link(source, target);
        return Errno.SUCCESS;
    }

    /**
     * {@code path_symlink(old_path, old_path_len, fd, new_path, new_path_len)}: a link at
     * {@code new_path} whose target is {@code old_path}, stored as given. A target that is
     * absolute or climbs above the preopen is {@link Errno#NOTCAPABLE}: the guest could never
     * follow it, and a host program walking the directory later must not be led outside either.
     */
    int symlink(GuestMemory memory, long targetPtr, long targetLength, int dirFd, long pathPtr, long pathLength)
            throws IOException {
        String linkTarget = memory.readString(targetPtr, targetLength);
        DirectoryFile dir = fd.directory(dirFd, Rights.PATH_SYMLINK);
        Sandbox.Resolved link = dir.resolve(memory.readString(pathPtr, pathLength), false);
        if (link.exists()) {
            return Errno.EXIST;
        }
        if (link.directoryRequired()) {
            return Errno.NOENT;
        }
        if (linkTarget.isEmpty()) {
            return Errno.NOENT;
        }
        if (linkTarget.indexOf('\0') >= 0) {
            return Errno.INVAL;
        }
        if (!Sandbox.staysInside(link.parent(), linkTarget)) {
            return Errno.NOTCAPABLE;
        }
        dir.sandbox().checkWritable();
        dir.sandbox().files().symlink(linkTarget, link);
        return Errno.SUCCESS;
    }

    /**
     * {@code path_readlink(fd, path, path_len, buf, buf_len, bufused_ptr)}: the link's target,
     * cut to {@code buf_len} bytes if longer (as {@code readlink(2)}), no NUL; anything but a
     * link is {@link Errno#INVAL}.
     */
    int readlink(GuestMemory memory, int dirFd, long pathPtr, long pathLength, long buffer, long bufferLength,
                 long usedPtr) throws IOException {
        DirectoryFile dir = fd.directory(dirFd, Rights.PATH_READLINK);
        Sandbox.Resolved link = dir.resolve(memory.readString(pathPtr, pathLength), false);
        memory.check(buffer, bufferLength);
        memory.check(usedPtr, 4);
        if (!link.exists()) {
            return Errno.NOENT;
        }
        if (!link.isSymbolicLink()) {
            return Errno.INVAL;
        }
        byte[] target = dir.sandbox().files().readLink(link).getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.min(target.length, bufferLength);
        memory.write(buffer, target, 0, n);
        memory.writeInt(usedPtr, n);
        return Errno.SUCCESS;
    }

    /** {@code path_filestat_get(fd, flags, path, path_len, filestat_ptr)}. */
    int filestatGet(GuestMemory memory, int dirFd, int flags, long pathPtr, long pathLength, long statPtr)
            throws IOException {
        DirectoryFile dir = fd.directory(dirFd, Rights.PATH_FILESTAT_GET);
        Sandbox.Resolved target = dir.resolve(memory.readString(pathPtr, pathLength),
                (flags & FdFlags.LOOKUP_SYMLINK_FOLLOW) != 0);
        memory.check(statPtr, Filestat.SIZE);
        checkExists(target);
        target.stat().write(memory, statPtr);
        return Errno.SUCCESS;
    }

    /** {@code path_filestat_set_times(fd, flags, path, path_len, atim, mtim, fst_flags)}. */
    int filestatSetTimes(GuestMemory memory, int dirFd, int flags, long pathPtr, long pathLength, long atim,
                         long mtim, int fstFlags) throws IOException {
        DirectoryFile dir = fd.directory(dirFd, Rights.PATH_FILESTAT_SET_TIMES);
        String path = memory.readString(pathPtr, pathLength);
        Filestat.checkTimeFlags(fstFlags);
        Sandbox.Resolved target = dir.resolve(path, (flags & FdFlags.LOOKUP_SYMLINK_FOLLOW) != 0);
        checkExists(target);
        dir.sandbox().checkWritable();
        dir.sandbox().files().setTimes(target, atim, mtim, fstFlags, clock.time(WasiClockId.REALTIME));
        return Errno.SUCCESS;
    }

    private static void checkExists(Sandbox.Resolved target) {
        if (!target.exists()) {
            throw new ErrnoException(Errno.NOENT);
        }
        if (target.directoryRequired() && !target.isDirectory()) {
            throw new ErrnoException(Errno.NOTDIR);
        }
    }
}
