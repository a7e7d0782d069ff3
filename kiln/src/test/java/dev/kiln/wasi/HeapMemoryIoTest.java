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
 * iovec array itself.
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
}
