package dev.kiln.wasi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;

/**
 * Standard input, output or error: a Java stream presented to the guest as a character device
 * without seek or tell rights, which is exactly what wasi-libc's {@code isatty} looks for (so
 * the guest's stdout is line-buffered, as on a terminal).
 *
 * <p>Closing the descriptor does not close the Java stream: the embedder owns it (it is
 * usually {@code System.out}).
 */
final class StdioFile extends OpenFile {

    private static final long INPUT_RIGHTS = Rights.FD_READ | Rights.FD_FDSTAT_SET_FLAGS
            | Rights.FD_FILESTAT_GET | Rights.POLL_FD_READWRITE;
    private static final long OUTPUT_RIGHTS = Rights.FD_WRITE | Rights.FD_DATASYNC | Rights.FD_SYNC
            | Rights.FD_FDSTAT_SET_FLAGS | Rights.FD_FILESTAT_GET | Rights.POLL_FD_READWRITE;

    /** The most bytes moved between the guest and the stream per step. */
    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final OutputStream out;
    private byte[] chunk;

    private StdioFile(InputStream in, OutputStream out, long rights) {
        super(rights, 0);
        this.in = in;
        this.out = out;
    }

    static StdioFile input(InputStream in) {
        return new StdioFile(in, null, INPUT_RIGHTS);
    }

    static StdioFile output(OutputStream out) {
        return new StdioFile(null, out, OUTPUT_RIGHTS);
    }

    @Override
    int fileType() {
        return FileType.CHARACTER_DEVICE;
    }

    @Override
    Filestat filestat() {
        return Filestat.characterDevice();
    }

    /** One read of at most {@value #CHUNK} bytes, spread over the buffers in order. */
    @Override
    long read(ByteBuffer[] targets) throws IOException {
        if (in == null) {
            throw new ErrnoException(Errno.BADF);
        }
        int want = (int) Math.min(IovecArray.remaining(targets), CHUNK);
        if (want == 0) {
            return 0;
        }
        int n = in.read(chunk(), 0, want);
        return n <= 0 ? 0 : IovecArray.copy(ByteBuffer.wrap(chunk, 0, n), targets);
    }

    /** Hands the buffers to the stream in pieces of at most {@value #CHUNK} bytes. */
    @Override
    long write(ByteBuffer[] sources) throws IOException {
        if (out == null) {
            throw new ErrnoException(Errno.BADF);
        }
        long total = 0;
        for (ByteBuffer source : sources) {
            while (source.hasRemaining()) {
                int n = Math.min(source.remaining(), CHUNK);
                source.get(source.position(), chunk(), 0, n);
                out.write(chunk, 0, n);
                source.position(source.position() + n); // only now: a failed write took nothing
                total += n;
            }
        }
        return total;
    }

    /** The buffer between Java's streams, which take arrays, and the guest's memory, made at first use. */
    private byte[] chunk() {
        if (chunk == null) {
            chunk = new byte[CHUNK];
        }
        return chunk;
    }

    /**
     * Flushes the stream. A {@link PrintStream} (such as {@code System.out}) swallows I/O errors,
     * so its error flag is checked here: a closed pipe then fails the guest's write with
     * {@code EIO} instead of succeeding forever.
     */
    @Override
    void flush() throws IOException {
        if (out == null) {
            return;
        }
        out.flush();
        if (out instanceof PrintStream print && print.checkError()) {
            throw new IOException("the output stream has failed");
        }
    }

    /** What the stream says is available; a stream cannot tell end of input from "nothing yet". */
    @Override
    long readable() throws IOException {
        if (in == null) {
            return -1;
        }
        int available = in.available();
        return available > 0 ? available : -1;
    }

    /** Java output streams take bytes whenever asked (a full pipe blocks the write instead). */
    @Override
    boolean writable() {
        return out != null;
    }

    /** The descriptor goes; the stream, which the embedder owns, stays open. */
    @Override
    void close() throws IOException {
        flush();
    }
}
