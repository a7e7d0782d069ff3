package dev.kiln.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A {@link FileIo} on a {@link FileChannel}: the files of {@link PathFiles}, the pure-Java fallback. */
final class ChannelFileIo implements FileIo {

    private final FileChannel channel;

    ChannelFileIo(FileChannel channel) {
        this.channel = channel;
    }

    @Override
    public long read(ByteBuffer[] targets) throws IOException {
        return channel.read(targets);
    }

    @Override
    public long write(ByteBuffer[] sources) throws IOException {
        return channel.write(sources);
    }

    @Override
    public long read(ByteBuffer[] targets, long offset) throws IOException {
        ByteBuffer target = firstWithRoom(targets);
        return target == null ? 0 : channel.read(target, offset);
    }

    @Override
    public long write(ByteBuffer[] sources, long offset) throws IOException {
        ByteBuffer source = firstWithRoom(sources);
        return source == null ? 0 : channel.write(source, offset);
    }

    /** A channel reads and writes at an offset one buffer at a time: the first with room, or null. */
    private static ByteBuffer firstWithRoom(ByteBuffer[] buffers) {
        for (ByteBuffer buffer : buffers) {
            if (buffer.hasRemaining()) {
                return buffer;
            }
        }
        return null;
    }

    @Override
    public long position() throws IOException {
        return channel.position();
    }

    @Override
    public void position(long position) throws IOException {
        channel.position(position);
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    /** A channel only truncates: a longer file gets its last byte, a zero, written. */
    @Override
    public void setSize(long size) throws IOException {
        long current = channel.size();
        if (size < current) {
            channel.truncate(size);
        } else if (size > current) {
            channel.write(ByteBuffer.wrap(new byte[1]), size - 1);
        }
    }

    @Override
    public void force(boolean metadata) throws IOException {
        channel.force(metadata);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
