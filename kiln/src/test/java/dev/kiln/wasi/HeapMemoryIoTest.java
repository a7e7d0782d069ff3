package dev.kiln.wasi;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kiln.TestMemories;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File and stream I/O against a memory on the Java heap (where the JVM may not map native
 * memory), which has no byte buffer view: reads and writes go through copies, and a read's bytes
 * must still land where the iovecs said before the read, even when the read overwrites the
 * iovec array itself. Writes to a file take the bytes from the copies, at the position or at
 * an offset ({@link HeapMemoryIoOnHostPathsTest}: the same on host paths).
 */
class HeapMemoryIoTest {

    private static final int DIR = 3;

    @TempDir
    Path tmp;

    @Test
    void readsAndWritesMoveTheBytesThroughCopies() throws IOException {
        Files.writeString(tmp.resolve("in.txt"), "0123456789abcdef");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        try (WasiHarness wasi = new WasiHarness(WasiConfig.defaults().withStdout(stdout).withPreopen(tmp, "/"),
                TestMemories.onHeap(1))) {
            assertFalse(wasi.memory.isNative());
            wasi.memory.write(100, "in.txt".getBytes(US_ASCII));
            assertEquals(Errno.SUCCESS, wasi.call(Preview1.PATH_OPEN, DIR, 0, 100, 6, 0, Rights.FD_READ, 0, 0, 0));
            int fd = wasi.memory.readInt(0);

            // Two iovecs at 200: 4 bytes at 1000, then 12 bytes at 196, over the array itself.
            wasi.writeIovecs(200, 1000, 4, 196, 12);
            assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_READ, fd, 200, 2, 8));
            assertEquals(16, wasi.memory.readInt(8));
            assertArrayEquals("0123".getBytes(US_ASCII), wasi.memory.read(1000, 4));
            assertArrayEquals("456789abcdef".getBytes(US_ASCII), wasi.memory.read(196, 12));

            wasi.writeIovecs(200, 1000, 4);
            assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_PREAD, fd, 200, 1, 10, 8));
            assertArrayEquals("abcd".getBytes(US_ASCII), wasi.memory.read(1000, 4));

            assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_WRITE, 1, 200, 1, 8));
            assertEquals("abcd", stdout.toString(US_ASCII));
        }
    }

    @Test
    void fileWritesTakeTheBytesThroughCopies() throws IOException {
        try (WasiHarness wasi = new WasiHarness(WasiConfig.defaults().withPreopen(tmp, "/"), TestMemories.onHeap(1))) {
            wasi.memory.write(100, "out.txt".getBytes(US_ASCII));
            assertEquals(Errno.SUCCESS, wasi.call(Preview1.PATH_OPEN, DIR, 0, 100, 7, FdFlags.O_CREAT,
                    Rights.FD_WRITE | Rights.FD_READ, 0, 0, 0));
            int fd = wasi.memory.readInt(0);
            wasi.memory.write(1000, "0123456789".getBytes(US_ASCII));

            // 4 bytes from 1006, then an empty buffer, then 6 from 1000.
            wasi.writeIovecs(200, 1006, 4, 1000, 0, 1000, 6);
            assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_WRITE, fd, 200, 3, 8));
            assertEquals(10, wasi.memory.readInt(8));
            wasi.writeIovecs(200, 1000, 2);
            assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_PWRITE, fd, 200, 1, 1, 8));
            assertEquals(2, wasi.memory.readInt(8));
            assertEquals("6019012345", Files.readString(tmp.resolve("out.txt"), US_ASCII));

            wasi.writeIovecs(200, 2000, 3);
            assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_PREAD, fd, 200, 1, 8, 8));
            assertEquals(2, wasi.memory.readInt(8));
            assertArrayEquals("45\0".getBytes(US_ASCII), wasi.memory.read(2000, 3));
        }
    }
}
