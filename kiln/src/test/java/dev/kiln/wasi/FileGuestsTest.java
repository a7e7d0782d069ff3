package dev.kiln.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.Runtime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file guests of {@code bench/run-wasi.sh}, on small inputs, so the benchmark measures working programs. */
class FileGuestsTest {

    @TempDir
    Path tmp;

    private int run(byte[] wasm) {
        try (Runtime runtime = Runtime.create();
             Wasi wasi = Wasi.instantiate(runtime, WasiConfig.defaults().withPreopen(tmp, "/"))) {
            return wasi.run(runtime.instantiate(runtime.compile(wasm)));
        }
    }

    @Test
    void theCopyGuestCopiesAFileChunkByChunk() throws IOException {
        byte[] data = new byte[3 * 65536 + 17];
        new Random(1).nextBytes(data);
        Files.write(tmp.resolve("in.bin"), data);
        Files.writeString(tmp.resolve("out.bin"), "longer than nothing, and truncated");
        assertEquals(0, run(WasiGuests.copyFile(64 * 1024)));
        assertArrayEquals(data, Files.readAllBytes(tmp.resolve("out.bin")));
        Files.write(tmp.resolve("in.bin"), new byte[0]);
        assertEquals(0, run(WasiGuests.copyFile(4096)));
        assertEquals(0, Files.size(tmp.resolve("out.bin")));
    }

    @Test
    void theStatAndOpenGuestVisitsEveryFile() throws IOException {
        Files.createDirectory(tmp.resolve("d"));
        for (int i = 0; i < 12; i++) {
            Files.writeString(tmp.resolve("d/%05d".formatted(i)), "file " + i);
        }
        assertEquals(0, run(WasiGuests.statAndOpen(12)));
        assertEquals(0, run(WasiGuests.statAndOpen(0)), "the empty guest does nothing");
        assertEquals(100 + Errno.NOENT, run(WasiGuests.statAndOpen(13)), "d/00012 is missing");
    }
}
