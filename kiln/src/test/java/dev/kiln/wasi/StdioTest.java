package dev.kiln.wasi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StdioTest {

    private static final long WHENCE_CUR = 1;

    private static final OutputStream FAILING = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("device failure");
        }
    };

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private WasiHarness wasi = harness("");

    private WasiHarness harness(String stdin) {
        return harness(new ByteArrayInputStream(stdin.getBytes(UTF_8)), stdout);
    }

    private WasiHarness harness(InputStream stdin, OutputStream out) {
        return new WasiHarness(WasiConfig.defaults().withStdin(stdin).withStdout(out).withStderr(stderr));
    }

    @AfterEach
    void close() {
        wasi.close();
    }

    @Test
    void fdWriteGathersTheBuffersInOrder() {
        wasi.memory.write(1000, "Hello, WASI!\n".getBytes(UTF_8));
        wasi.writeIovecs(100, 1000, 7, 2000, 0, 1007, 6);
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_WRITE, 1, 100, 3, 200));
        assertEquals(13, wasi.memory.readInt(200));
        assertEquals("Hello, WASI!\n", stdout.toString(UTF_8));
        assertEquals(0, stderr.size());
    }

    @Test
    void fdWriteToStderr() {
        wasi.memory.write(1000, "oops".getBytes(UTF_8));
        wasi.writeIovecs(100, 1000, 4);
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_WRITE, 2, 100, 1, 200));
        assertEquals("oops", stderr.toString(UTF_8));
    }

    @Test
    void fdWriteFlushesSoNothingIsLostWhenTheProgramEnds() {
        wasi.close();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        wasi = harness(InputStream.nullInputStream(), new BufferedOutputStream(sink, 8192));
        wasi.memory.write(1000, "buffered?".getBytes(UTF_8));
        wasi.writeIovecs(100, 1000, 9);
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_WRITE, 1, 100, 1, 200));
        assertEquals("buffered?", sink.toString(UTF_8));
    }

    @Test
    void fdWriteLargerThanOneCopyChunk() {
        byte[] data = new byte[50_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        wasi.memory.write(10_000, data);
        wasi.writeIovecs(100, 10_000, data.length, 10_000, data.length);
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_WRITE, 1, 100, 2, 200));
        assertEquals(2 * data.length, wasi.memory.readInt(200));
        byte[] written = stdout.toByteArray();
        assertArrayEquals(data, Arrays.copyOfRange(written, 0, data.length));
        assertArrayEquals(data, Arrays.copyOfRange(written, data.length, written.length));
    }

    @Test
    void fdWriteWithABadPointerIsEfaultAndWritesNothing() {
        long end = WasiHarness.MEMORY_SIZE;
        wasi.memory.write(1000, "text".getBytes(UTF_8));
        wasi.writeIovecs(100, 1000, 4, (int) end - 2, 4);
        assertEquals(Errno.FAULT, wasi.call(Preview1.FD_WRITE, 1, 100, 2, 200), "second buffer runs past the end");
        wasi.writeIovecs(100, 1000, 4);
        assertEquals(Errno.FAULT, wasi.call(Preview1.FD_WRITE, 1, 100, 1, end - 3), "nwritten pointer");
        assertEquals(Errno.FAULT, wasi.call(Preview1.FD_WRITE, 1, end - 4, 1, 200), "iovec array");
        assertEquals(Errno.FAULT, wasi.call(Preview1.FD_WRITE, 1, 0xFFFF_FFF8L, 1, 200), "iovec array at 2^32 - 8");
        assertEquals(0, stdout.size());
    }

    @Test
    void fdWriteToANonOutputDescriptorIsEbadf() {
        wasi.writeIovecs(100, 1000, 1);
        assertEquals(Errno.BADF, wasi.call(Preview1.FD_WRITE, 0, 100, 1, 200), "stdin");
        assertEquals(Errno.BADF, wasi.call(Preview1.FD_WRITE, 3, 100, 1, 200));
        assertEquals(Errno.BADF, wasi.call(Preview1.FD_WRITE, 0xFFFF_FFFFL, 100, 1, 200));
        assertEquals(0, stdout.size());
    }

    @Test
    void fdReadScattersOverTheBuffers() {
        wasi.close();
        wasi = harness("hello world");
        wasi.writeIovecs(100, 1000, 5, 2000, 0, 3000, 100);
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_READ, 0, 100, 3, 200));
        assertEquals(11, wasi.memory.readInt(200));
        assertEquals("hello", wasi.memory.readString(1000, 5));
        assertEquals(" world", wasi.memory.readString(3000, 6));
    }

    @Test
    void fdReadAtEndOfInputReadsZeroBytes() {
        wasi.close();
        wasi = harness("abc");
        wasi.writeIovecs(100, 1000, 64);
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_READ, 0, 100, 1, 200));
        assertEquals(3, wasi.memory.readInt(200));
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_READ, 0, 100, 1, 200));
        assertEquals(0, wasi.memory.readInt(200));
    }

    @Test
    void fdReadWithABadBufferIsEfaultAndConsumesNothing() {
        wasi.close();
        wasi = harness("abc");
        wasi.writeIovecs(100, (int) WasiHarness.MEMORY_SIZE - 1, 2);
        assertEquals(Errno.FAULT, wasi.call(Preview1.FD_READ, 0, 100, 1, 200));
        wasi.writeIovecs(100, 1000, 8);
        assertEquals(Errno.FAULT, wasi.call(Preview1.FD_READ, 0, 100, 1, WasiHarness.MEMORY_SIZE));
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_READ, 0, 100, 1, 200));
        assertEquals("abc", wasi.memory.readString(1000, wasi.memory.readInt(200)));
    }

    @Test
    void fdReadFromAnOutputOrUnknownDescriptorIsEbadf() {
        wasi.writeIovecs(100, 1000, 8);
        assertEquals(Errno.BADF, wasi.call(Preview1.FD_READ, 1, 100, 1, 200));
        assertEquals(Errno.BADF, wasi.call(Preview1.FD_READ, 42, 100, 1, 200));
    }

    @Test
    void fdCloseRemovesTheDescriptorButLeavesTheStreamOpen() {
        boolean[] closed = {false};
        wasi.close();
        wasi = harness(InputStream.nullInputStream(), new OutputStream() {
            @Override
            public void write(int b) {}

            @Override
            public void close() {
                closed[0] = true;
            }
        });
        wasi.writeIovecs(100, 1000, 1);
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_CLOSE, 1));
        assertEquals(Errno.BADF, wasi.call(Preview1.FD_WRITE, 1, 100, 1, 200));
        assertEquals(Errno.BADF, wasi.call(Preview1.FD_FDSTAT_GET, 1, 300));
        assertEquals(Errno.BADF, wasi.call(Preview1.FD_CLOSE, 1));
        assertEquals(Errno.BADF, wasi.call(Preview1.FD_CLOSE, 7));
        assertFalse(closed[0]);
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_WRITE, 2, 100, 1, 200), "stderr is still open");
    }

    @Test
    void stdioIsACharacterDeviceWithoutSeekOrTellRights() {
        long seekAndTell = 1L << 2 | 1L << 5;
        for (int fd = 0; fd <= 2; fd++) {
            byte[] garbage = new byte[24];
            Arrays.fill(garbage, (byte) 0xEE);
            wasi.memory.write(300, garbage);
            assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_FDSTAT_GET, fd, 300));
            assertEquals(FileType.CHARACTER_DEVICE, wasi.memory.readByte(300));
            assertEquals(0, wasi.memory.readByte(301), "padding");
            assertEquals(0, wasi.memory.readShort(302), "fdflags");
            assertEquals(0, wasi.memory.readInt(304), "padding");
            long rights = wasi.memory.readLong(308);
            assertEquals(0, rights & seekAndTell, "a tty to wasi-libc's isatty");
            long expected = fd == 0 ? Rights.FD_READ : Rights.FD_WRITE;
            assertEquals(expected, rights & (Rights.FD_READ | Rights.FD_WRITE));
            assertEquals(0, wasi.memory.readLong(316), "inheriting rights");
        }
    }

    @Test
    void fdstatOfAnUnknownDescriptorOrToABadPointer() {
        assertEquals(Errno.BADF, wasi.call(Preview1.FD_FDSTAT_GET, 3, 300));
        assertEquals(Errno.FAULT, wasi.call(Preview1.FD_FDSTAT_GET, 1, WasiHarness.MEMORY_SIZE - 23));
    }

    @Test
    void stdioCannotSeekOrTell() {
        assertEquals(Errno.SPIPE, wasi.call(Preview1.FD_SEEK, 1, 0, WHENCE_CUR, 300));
        assertEquals(Errno.SPIPE, wasi.call(Preview1.FD_SEEK, 0, 10, 0, 300));
        assertEquals(Errno.SPIPE, wasi.call(Preview1.FD_TELL, 2, 300));
        assertEquals(Errno.BADF, wasi.call(Preview1.FD_SEEK, 5, 0, WHENCE_CUR, 300));
        assertEquals(Errno.BADF, wasi.call(Preview1.FD_TELL, 5, 300));
    }

    @Test
    void thereAreNoPreopens() {
        for (int fd = 0; fd <= 4; fd++) {
            assertEquals(Errno.BADF, wasi.call(Preview1.FD_PRESTAT_GET, fd, 300));
            assertEquals(Errno.BADF, wasi.call(Preview1.FD_PRESTAT_DIR_NAME, fd, 300, 10));
        }
    }

    @Test
    void anIoErrorIsEio() {
        wasi.close();
        wasi = harness(InputStream.nullInputStream(), FAILING);
        wasi.writeIovecs(100, 1000, 1);
        assertEquals(Errno.IO, wasi.call(Preview1.FD_WRITE, 1, 100, 1, 200));
    }

    @Test
    void aBrokenPipeIsEpipe() {
        wasi.close();
        wasi = harness(InputStream.nullInputStream(), new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        });
        wasi.writeIovecs(100, 1000, 1);
        assertEquals(Errno.PIPE, wasi.call(Preview1.FD_WRITE, 1, 100, 1, 200));
    }

    @Test
    void anIoErrorSwallowedByAPrintStreamIsEioToo() {
        wasi.close();
        wasi = harness(InputStream.nullInputStream(), new PrintStream(FAILING));
        wasi.writeIovecs(100, 1000, 1);
        assertEquals(Errno.IO, wasi.call(Preview1.FD_WRITE, 1, 100, 1, 200));
    }
}
