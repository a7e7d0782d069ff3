package dev.kiln.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A connected TCP socket, accepted from a {@link ListenerFile}: {@code fd_read}/{@code sock_recv}
 * and {@code fd_write}/{@code sock_send} move bytes, {@code sock_shutdown} closes a direction.
 *
 * <p>The Java channel is always non-blocking. With the descriptor's {@link FdFlags#NONBLOCK} flag
 * a call that would block is {@link Errno#AGAIN}; without it the call waits on the module's
 * {@link Waiter}, so an interruption of the instance can end the wait.
 *
 * <p>A small read-ahead buffer holds bytes {@code poll_oneoff} read to learn that the socket is
 * readable (Java has no {@code FIONREAD}): that is also how {@code nbytes} and
 * {@link #hungUp() hang-up} are reported and how {@code RECV_PEEK} works. Reads drain it before
 * reading the channel again.
 */
final class SocketFile extends SocketDescriptor {

    /** What a connection's descriptor can do. */
    static final long RIGHTS = Rights.FD_READ | Rights.FD_WRITE | Rights.POLL_FD_READWRITE | Rights.SOCK_SHUTDOWN
            | Rights.FD_FDSTAT_SET_FLAGS | Rights.FD_FILESTAT_GET;

    private static final int READ_AHEAD = 64 * 1024;

    private final SocketChannel channel;
    /** In read mode: what was read from the channel and not yet given to the guest. */
    private final ByteBuffer readAhead = ByteBuffer.allocate(READ_AHEAD).flip();
    /** The peer closed its side, or reading failed: no more bytes will arrive. */
    private boolean endOfInput;
    /** The errno of a failed read, given to the next read that finds nothing buffered. */
    private int pendingErrno;

    SocketFile(SocketChannel channel, Waiter waiter, int fdFlags) throws IOException {
        super(RIGHTS, 0, channel, waiter, fdFlags);
        this.channel = channel;
    }

    @Override
    long read(ByteBuffer[] targets) throws IOException {
        return receive(targets, false, false);
    }

    /**
     * Reads into {@code targets}: what is there, waiting (unless non-blocking) for at least one
     * byte. With {@code peek} the bytes stay to be read again; with {@code waitAll} it waits
     * until the buffers are full unless the input ends first. 0 means end of input.
     */
    long receive(ByteBuffer[] targets, boolean peek, boolean waitAll) throws IOException {
        if (peek) {
            return peek(targets);
        }
        long length = IovecArray.remaining(targets);
        long done = 0;
        while (done < length) {
            if (readAhead.hasRemaining()) {
                done += IovecArray.copy(readAhead, targets);
            } else if (!endOfInput) {
                done += readChannel(targets);
            }
            if (done == length || done > 0 && !waitAll) {
                return done;
            }
            if (endOfInput) {
                return done > 0 ? done : endOrPendingError();
            }
            if (nonBlocking()) {
                if (done > 0) {
                    return done;
                }
                throw new ErrnoException(Errno.AGAIN);
            }
            if (!await(SelectionKey.OP_READ, done)) {
                return done;
            }
        }
        return done;
    }

    /** {@code RECV_PEEK}: the bytes there are (waiting for one unless non-blocking), left to be read again. */
    private long peek(ByteBuffer[] targets) throws IOException {
        while (true) {
            if (!readAhead.hasRemaining() && !endOfInput) {
                fillReadAhead();
            }
            if (readAhead.hasRemaining() || IovecArray.remaining(targets) == 0) {
                return IovecArray.copy(readAhead.duplicate(), targets);
            }
            if (endOfInput) {
                return endOrPendingError();
            }
            if (nonBlocking()) {
                throw new ErrnoException(Errno.AGAIN);
            }
            await(SelectionKey.OP_READ, 0);
        }
    }

    /** End of input: 0, or once the errno of the read that failed (a reset connection). */
    private int endOrPendingError() {
        if (pendingErrno != 0) {
            int errno = pendingErrno;
            pendingErrno = 0;
            throw new ErrnoException(errno);
        }
        return 0;
    }

    /**
     * Sends what remains of {@code sources}, waiting for room as long as it takes, or in
     * non-blocking mode what fits now (0 if nothing does).
     */
    @Override
    long write(ByteBuffer[] sources) throws IOException {
        long length = IovecArray.remaining(sources);
        long sent = 0;
        while (true) {
            try {
                sent += channel.write(sources);
            } catch (ClosedChannelException shutDown) {
                throw new ErrnoException(Errno.PIPE); // this side was shut down for writing
            }
            if (sent == length || nonBlocking() || !await(SelectionKey.OP_WRITE, sent)) {
                return sent;
            }
        }
    }

    /**
     * Waits for {@code ops}. Returns false if woken after {@code done} bytes were already moved:
     * the call then reports those, as POSIX does for an interrupted {@code read}/{@code write}
     * that transferred some data; woken before any, the call fails with {@link Errno#INTR}.
     */
    private boolean await(int ops, long done) throws IOException {
        try {
            waiter.await(channel, ops);
            return true;
        } catch (ErrnoException interrupted) {
            if (done == 0) {
                throw interrupted;
            }
            return false;
        }
    }

    /** A non-blocking read into {@code buffers}; notes end of input or a failure for later. */
    private long readChannel(ByteBuffer... buffers) {
        try {
            long n = channel.read(buffers);
            if (n < 0) {
                endOfInput = true;
                return 0;
            }
            return n;
        } catch (IOException e) {
            endOfInput = true;
            pendingErrno = HostErrors.errno(e);
            return 0;
        }
    }

    private void fillReadAhead() {
        readAhead.clear();
        readChannel(readAhead);
        readAhead.flip();
    }

    /** {@code sock_shutdown}: {@code SHUT_RD} ends the input, {@code SHUT_WR} sends the peer end of file. */
    void shutdown(boolean input, boolean output) throws IOException {
        if (input) {
            channel.shutdownInput();
        }
        if (output) {
            channel.shutdownOutput();
        }
    }

    @Override
    Filestat filestat() {
        return new Filestat(0, 0, FileType.SOCKET_STREAM, 1, 0, 0, 0, 0);
    }

    /** Bytes readable now (read ahead without blocking), 0 at end of input, -1 if none yet. */
    @Override
    long readable() {
        if (!readAhead.hasRemaining() && !endOfInput) {
            fillReadAhead();
        }
        if (readAhead.hasRemaining()) {
            return readAhead.remaining();
        }
        return endOfInput ? 0 : -1;
    }

    @Override
    boolean hungUp() {
        return endOfInput && !readAhead.hasRemaining();
    }

    @Override
    SelectableChannel selectable() {
        return channel;
    }

    @Override
    int writeOps() {
        return SelectionKey.OP_WRITE;
    }

    @Override
    int readOps() {
        return SelectionKey.OP_READ;
    }

    /** The connection is the guest's: closing the descriptor closes it. */
    @Override
    void close() throws IOException {
        channel.close();
    }
}
