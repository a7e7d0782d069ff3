package dev.kiln.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ArgsEnvironTest {

    private WasiHarness wasi;

    @AfterEach
    void close() {
        wasi.close();
    }

    @Test
    void argsSizesCountTheNulTerminatorsAndUtf8Bytes() {
        wasi = new WasiHarness(WasiConfig.defaults().withArgs("prog", "a b", "ünï"));
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.ARGS_SIZES_GET, 100, 104));
        assertEquals(3, wasi.memory.readInt(100));
        assertEquals(5 + 4 + 6, wasi.memory.readInt(104));
    }

    @Test
    void argsGetWritesPointersIntoOneBufferOfNulTerminatedStrings() {
        wasi = new WasiHarness(WasiConfig.defaults().withArgs("prog", "", "ünï"));
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.ARGS_GET, 100, 200));
        assertEquals(200, wasi.memory.readInt(100));
        assertEquals(205, wasi.memory.readInt(104));
        assertEquals(206, wasi.memory.readInt(108));
        byte[] expected = "prog\0\0ünï\0".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(expected, wasi.memory.read(200, expected.length));
    }

    @Test
    void noArgsMeansZeroCountAndSize() {
        wasi = new WasiHarness(WasiConfig.defaults());
        wasi.memory.writeInt(100, -1);
        wasi.memory.writeInt(104, -1);
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.ARGS_SIZES_GET, 100, 104));
        assertEquals(0, wasi.memory.readInt(100));
        assertEquals(0, wasi.memory.readInt(104));
    }

    @Test
    void environIsNameEqualsValueInConfigurationOrder() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("Z", "last?");
        environment.put("A", "x=y");
        environment.put("EMPTY", "");
        wasi = new WasiHarness(WasiConfig.defaults().withEnvironment(environment));
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.ENVIRON_SIZES_GET, 100, 104));
        assertEquals(3, wasi.memory.readInt(100));
        byte[] expected = "Z=last?\0A=x=y\0EMPTY=\0".getBytes(StandardCharsets.UTF_8);
        assertEquals(expected.length, wasi.memory.readInt(104));

        assertEquals(Errno.SUCCESS, wasi.call(Preview1.ENVIRON_GET, 300, 400));
        assertArrayEquals(expected, wasi.memory.read(400, expected.length));
        assertEquals(400, wasi.memory.readInt(300));
        assertEquals(408, wasi.memory.readInt(304));
        assertEquals(414, wasi.memory.readInt(308));
    }

    @Test
    void pointersOutsideMemoryAreEfaultAndWriteNothing() {
        wasi = new WasiHarness(WasiConfig.defaults().withArgs("prog", "arg"));
        long end = WasiHarness.MEMORY_SIZE;
        assertEquals(Errno.FAULT, wasi.call(Preview1.ARGS_SIZES_GET, 100, end - 2));
        assertEquals(0, wasi.memory.readInt(100), "the count must not be written when the size pointer is bad");
        assertEquals(Errno.FAULT, wasi.call(Preview1.ARGS_SIZES_GET, 0xFFFF_FFFFL, 100));
        assertEquals(Errno.FAULT, wasi.call(Preview1.ARGS_GET, 100, end - 8));
        assertEquals(0, wasi.memory.readInt(100), "no pointer may be written when the buffer does not fit");
        assertEquals(Errno.FAULT, wasi.call(Preview1.ARGS_GET, end - 4, 200));
        assertEquals(Errno.FAULT, wasi.call(Preview1.ENVIRON_SIZES_GET, end, 0));
    }
}
