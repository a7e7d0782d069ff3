package dev.kiln.wasi;

import java.io.IOException;
import java.nio.channels.SelectableChannel;

/**
 * What a listening socket and a connection have in common: a non-blocking Java channel, the
 * module's {@link Waiter} for calls that block, and {@code fdflags} where only
 * {@link FdFlags#NONBLOCK} means something.
 */
abstract class SocketDescriptor extends OpenFile {

    final Waiter waiter;
    private int fdFlags;

    /** Makes {@code channel} non-blocking: a blocking call waits on {@code waiter} instead. */
    SocketDescriptor(long rightsBase, long rightsInheriting, SelectableChannel channel, Waiter waiter, int fdFlags)
            throws IOException {
        super(rightsBase, rightsInheriting);
        channel.configureBlocking(false);
        this.waiter = waiter;
        this.fdFlags = fdFlags;
    }

    @Override
    final int fileType() {
        return FileType.SOCKET_STREAM;
    }

    @Override
    final int fdFlags() {
        return fdFlags;
    }

    /** Only {@code NONBLOCK} means something for a socket. */
    @Override
    final void setFdFlags(int flags) {
        if ((flags & ~FdFlags.NONBLOCK) != 0) {
            throw new ErrnoException(Errno.NOTSUP);
        }
        fdFlags = flags;
    }

    /** Whether a call that would block is {@link Errno#AGAIN} rather than a wait. */
    final boolean nonBlocking() {
        return (fdFlags & FdFlags.NONBLOCK) != 0;
    }
}
