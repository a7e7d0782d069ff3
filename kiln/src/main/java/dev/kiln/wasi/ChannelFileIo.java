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

    /** A channel reads at an offset into one buffer at a time: the first with room. */
    @Override
    public long read(ByteBuffer[] targets, long offset) throws IOException {
        for (ByteBuffer target : targets) {
            if (target.hasRemaining()) {
                return channel.read(target, offset);
            }
        }
        return 0;
    }

    @Override
    public long write(ByteBuffer[] sources, long offset) throws IOException {
        for (ByteBuffer source : sources) {
            if (source.hasRemaining()) {
                return channel.write(source, offset);
            }
        }
        return 0;
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
