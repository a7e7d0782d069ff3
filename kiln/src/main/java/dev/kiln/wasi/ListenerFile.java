package dev.kiln.wasi;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A preopened listening TCP socket ({@link WasiConfig#withListener}): the guest takes connections
 * from it with {@code sock_accept}. Blocking unless the descriptor has
 * {@link FdFlags#NONBLOCK}, in which case no pending connection is {@link Errno#AGAIN}.
 *
 * <p>{@code poll_oneoff} learns that a connection is pending by accepting it (Java cannot ask
 * without taking it); the connection is then kept here and is what the next
 * {@code sock_accept} returns.
 *
 * <p>The channel belongs to the embedder, as the standard streams do: closing the descriptor (or
 * the {@link Wasi}) does not close it.
 */
final class ListenerFile extends SocketDescriptor {

    /** What a listener's descriptor can do: accept, be polled, be made non-blocking. */
    static final long RIGHTS = Rights.SOCK_ACCEPT | Rights.POLL_FD_READWRITE | Rights.FD_FDSTAT_SET_FLAGS
            | Rights.FD_FILESTAT_GET;

    private final ServerSocketChannel channel;
    /** A connection accepted to answer a poll, not yet given to the guest. */
    private SocketChannel pending;

    ListenerFile(ServerSocketChannel channel, Waiter waiter) throws IOException {
        super(RIGHTS, SocketFile.RIGHTS, channel, waiter, 0);
        this.channel = channel;
    }

    /**
     * {@code sock_accept}: the next connection, as a descriptor with {@code fdFlags}
     * ({@code NONBLOCK} or nothing); waits for one unless this descriptor is non-blocking.
     */
    SocketFile accept(int fdFlags) throws IOException {
        while (true) {
            SocketChannel connection = pending != null ? pending : channel.accept();
            pending = null;
            if (connection != null) {
                try {
                    return new SocketFile(connection, waiter, fdFlags);
                } catch (IOException | RuntimeException e) {
                    connection.close();
                    throw e;
                }
            }
            if (nonBlocking()) {
                throw new ErrnoException(Errno.AGAIN);
            }
            waiter.await(channel, SelectionKey.OP_ACCEPT);
        }
    }

    @Override
    Filestat filestat() {
        return new Filestat(0, 0, FileType.SOCKET_STREAM, 1, 0, 0, 0, 0);
    }

    /** 1 if a connection is waiting to be accepted, -1 if none is. */
    @Override
    long readable() throws IOException {
        if (pending == null) {
            pending = channel.accept();
        }
        return pending != null ? 1 : -1;
    }

    @Override
    SelectableChannel selectable() {
        return channel;
    }

    @Override
    int readOps() {
        return SelectionKey.OP_ACCEPT;
    }

    /** The listener stays open (it is the embedder's); a connection taken for a poll is closed. */
    @Override
    void close() throws IOException {
        if (pending != null) {
            pending.close();
            pending = null;
        }
    }
}
