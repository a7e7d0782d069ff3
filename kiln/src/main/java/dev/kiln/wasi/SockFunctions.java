package dev.kiln.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The {@code sock_*} calls, on the listeners preopened with {@link WasiConfig#withListener} and
 * the connections accepted from them. Each checks the descriptor ({@link Errno#BADF}), that it
 * is a socket ({@link Errno#NOTSOCK}) of the right kind (a listener cannot send or receive:
 * {@link Errno#NOTCONN}; a connection cannot accept: {@link Errno#INVAL}, as Linux answers),
 * its right ({@link Errno#NOTCAPABLE}), the flags ({@link Errno#INVAL}) and every guest pointer
 * ({@link Errno#FAULT}) before doing anything.
 */
final class SockFunctions {

    private static final int RECV_PEEK = 1;
    private static final int RECV_WAITALL = 2;
    private static final int SHUT_RD = 1;
    private static final int SHUT_WR = 2;

    private final FdTable fds;

    SockFunctions(FdTable fds) {
        this.fds = fds;
    }

    /**
     * {@code sock_accept(fd, flags, result_fd_ptr)}: the next connection on a listener, as a new
     * descriptor whose fdflags are {@code flags} (only {@code NONBLOCK} is allowed). Waits for
     * one unless the listener is non-blocking ({@link Errno#AGAIN}).
     */
    int accept(GuestMemory memory, int fd, int flags, long resultPtr) throws IOException {
        OpenFile file = socket(fd);
        if (!(file instanceof ListenerFile listener)) {
            return Errno.INVAL;
        }
        checkRight(file, Rights.SOCK_ACCEPT);
        if ((flags & ~FdFlags.NONBLOCK) != 0) {
            return Errno.INVAL;
        }
        memory.check(resultPtr, 4);
        fds.checkRoom();
        memory.writeInt(resultPtr, fds.add(listener.accept(flags)));
        return Errno.SUCCESS;
    }

    /**
     * {@code sock_recv(fd, ri_data, ri_data_len, ri_flags, ro_datalen_ptr, ro_flags_ptr)}: as
     * {@code fd_read}, with {@code RECV_PEEK} (the bytes stay) and {@code RECV_WAITALL} (wait
     * until the buffers are full or the input ends). {@code ro_flags} is always 0: a stream is
     * never truncated.
     */
    int recv(GuestMemory memory, int fd, long iovs, long iovsLength, int flags, long lengthPtr, long flagsPtr)
            throws IOException {
        SocketFile socket = connection(fd, Rights.FD_READ);
        if ((flags & ~(RECV_PEEK | RECV_WAITALL)) != 0) {
            return Errno.INVAL;
        }
        IovecArray iovecs = new IovecArray(memory, iovs, iovsLength);
        ByteBuffer[] buffers = iovecs.checkedViews();
        memory.check(lengthPtr, 4);
        memory.check(flagsPtr, 2);
        boolean peek = (flags & RECV_PEEK) != 0;
        boolean waitAll = (flags & RECV_WAITALL) != 0;
        long read = FdFunctions.transfer(buffers, targets -> socket.receive(targets, peek, waitAll));
        iovecs.commit(buffers);
        memory.writeInt(lengthPtr, (int) read);
        memory.writeShort(flagsPtr, 0);
        return Errno.SUCCESS;
    }

    /**
     * {@code sock_send(fd, si_data, si_data_len, si_flags, so_datalen_ptr)}: as {@code fd_write};
     * preview1 defines no {@code si_flags}, so any is {@link Errno#INVAL}.
     */
    int send(GuestMemory memory, int fd, long iovs, long iovsLength, int flags, long lengthPtr) throws IOException {
        SocketFile socket = connection(fd, Rights.FD_WRITE);
        if (flags != 0) {
            return Errno.INVAL;
        }
        ByteBuffer[] buffers = new IovecArray(memory, iovs, iovsLength).checkedViews();
        memory.check(lengthPtr, 4);
        long total = IovecArray.remaining(buffers);
        long sent = FdFunctions.transfer(buffers, socket::write);
        if (sent == 0 && total > 0) {
            return Errno.AGAIN;
        }
        memory.writeInt(lengthPtr, (int) sent);
        return Errno.SUCCESS;
    }

    /** {@code sock_shutdown(fd, how)}: {@code how} is {@code SHUT_RD}, {@code SHUT_WR} or both. */
    int shutdown(int fd, int how) throws IOException {
        SocketFile socket = connection(fd, Rights.SOCK_SHUTDOWN);
        if (how == 0 || (how & ~(SHUT_RD | SHUT_WR)) != 0) {
            return Errno.INVAL;
        }
        socket.shutdown((how & SHUT_RD) != 0, (how & SHUT_WR) != 0);
        return Errno.SUCCESS;
    }

    private OpenFile socket(int fd) {
        OpenFile file = fds.get(fd);
        if (file.fileType() != FileType.SOCKET_STREAM) {
            throw new ErrnoException(Errno.NOTSOCK);
        }
        return file;
    }

    private SocketFile connection(int fd, long right) {
        if (!(socket(fd) instanceof SocketFile socket)) {
            throw new ErrnoException(Errno.NOTCONN);
        }
        checkRight(socket, right);
        return socket;
    }

    private static void checkRight(OpenFile file, long right) {
        if ((file.rightsBase() & right) == 0) {
            throw new ErrnoException(Errno.NOTCAPABLE);
        }
    }
}
