package dev.kiln.wasi;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;

/**
 * A {@link FileIo} on a descriptor {@link DescriptorFiles} opened with {@code openat} relative to
 * a held directory: {@code readv}, {@code writev}, {@code preadv}, {@code pwritev}, {@code lseek},
 * {@code fstat}, {@code ftruncate}, {@code fsync} and {@code close} of the C library
 * ({@link DirectoryCalls}). A {@link java.nio.channels.FileChannel} would need the file opened
 * by Java itself, through a {@code SecureDirectoryStream} made from {@code /proc/self/fd/N}, and
 * brings locks, interruption and a cleaner to every open, read and close.
 */
final class DescriptorFileIo implements FileIo {

    private static final int SEEK_SET = 0;
    private static final int SEEK_CUR = 1;
    private static final int AT_POSITION = -1;

    private final int fd;

    DescriptorFileIo(int fd) {
        this.fd = fd;
    }

    @Override
    public long read(ByteBuffer[] targets) {
        return transfer(targets, AT_POSITION, false);
    }

    @Override
    public long write(ByteBuffer[] sources) {
        return transfer(sources, AT_POSITION, true);
    }

    @Override
    public long read(ByteBuffer[] targets, long offset) {
        return transfer(targets, offset, false);
    }

    @Override
    public long write(ByteBuffer[] sources, long offset) {
        return transfer(sources, offset, true);
    }

    private long transfer(ByteBuffer[] buffers, long offset, boolean write) {
        for (ByteBuffer buffer : buffers) {
            if (!buffer.isDirect()) {
                return throughCopies(buffers, offset, write);
            }
        }
        DirectoryCalls calls = DirectoryCalls.ofThisThread();
        return write ? calls.write(fd, buffers, offset) : calls.read(fd, buffers, offset);
    }

    /**
     * A guest memory on the Java heap gives copies, not views ({@link GuestMemory#view}): the
     * kernel needs native addresses, so the bytes pass through native copies of them.
     */
    private long throughCopies(ByteBuffer[] buffers, long offset, boolean write) {
        try (Arena arena = Arena.ofConfined()) {
            ByteBuffer[] copies = new ByteBuffer[buffers.length];
            for (int i = 0; i < buffers.length; i++) {
                ByteBuffer buffer = buffers[i];
                copies[i] = arena.allocate(Math.max(1, buffer.remaining())).asByteBuffer().limit(buffer.remaining());
                copies[i].put(0, buffer, buffer.position(), buffer.remaining());
            }
            long n = transfer(copies, offset, write);
            for (int i = 0; i < buffers.length; i++) {
                ByteBuffer buffer = buffers[i];
                int moved = copies[i].position();
                if (!write) {
                    buffer.put(buffer.position(), copies[i], 0, moved);
                }
                buffer.position(buffer.position() + moved);
            }
            return n;
        }
    }

    @Override
    public long position() {
        return DirectoryCalls.ofThisThread().seek(fd, 0, SEEK_CUR);
    }

    @Override
    public void position(long position) {
        DirectoryCalls.ofThisThread().seek(fd, position, SEEK_SET);
    }

    @Override
    public long size() {
        return DirectoryCalls.ofThisThread().sizeOf(fd);
    }

    @Override
    public void setSize(long size) {
        DirectoryCalls.ofThisThread().setSize(fd, size);
    }

    @Override
    public void force(boolean metadata) {
        DirectoryCalls.ofThisThread().sync(fd, metadata);
    }

    @Override
    public void close() {
        DirectoryCalls.ofThisThread().close(fd);
    }
}
