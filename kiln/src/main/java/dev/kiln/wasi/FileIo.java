package dev.kiln.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The host side of a {@link RegularFile}: how its bytes, position and size are reached.
 * {@link DescriptorFileIo} calls the C library on a descriptor {@link DescriptorFiles} opened;
 * {@link ChannelFileIo}, the pure-Java fallback, is a {@link java.nio.channels.FileChannel}. Each
 * transfer is one system call's worth: it moves some bytes (advancing the buffers' positions) and
 * says how many, 0 or -1 at the end of the file; {@link RegularFile} loops.
 */
interface FileIo {

    /** Reads at the position into what remains of {@code targets}, in order. */
    long read(ByteBuffer[] targets) throws IOException;

    /** Writes what remains of {@code sources}, in order, at the position. */
    long write(ByteBuffer[] sources) throws IOException;

    /** Reads at {@code offset}, the position unchanged. */
    long read(ByteBuffer[] targets, long offset) throws IOException;

    /** Writes at {@code offset}, the position unchanged. */
    long write(ByteBuffer[] sources, long offset) throws IOException;

    long position() throws IOException;

    void position(long position) throws IOException;

    long size() throws IOException;

    /** Shortens the file to {@code size} bytes or extends it with zeros; the position stays. */
    void setSize(long size) throws IOException;

    /** Forces the data, and with {@code metadata} the file's status, to the disk. */
    void force(boolean metadata) throws IOException;

    void close() throws IOException;
}
