package dev.kiln;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.testing.TestModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A memory can be as large as a 32-bit memory gets, 65,536 pages (4 GiB), and its maximum costs
 * address space, not RAM: the bytes live in a reservation committed page by page as it grows.
 */
class LargeMemoryTest {

    private static final long GIB = 1L << 30;
    private static final long LAST_BYTE = 4 * GIB - 1;

    @Test
    void aMemoryGrowsToFourGibibytesAndItsLastByteIsReachable() throws IOException {
        try (Runtime runtime = Runtime.create()) {
            Instance instance = module(0, -1).instantiate(runtime);
            long rssBefore = status("VmRSS");

            assertArrayEquals(new long[] {0}, instance.function("grow").call(65536));
            assertArrayEquals(new long[] {65536}, instance.function("size").call());
            instance.function("store8").call(LAST_BYTE, 0x5A);
            assertArrayEquals(new long[] {0x5A}, instance.function("load8").call(LAST_BYTE));
            assertEquals(0x5A, instance.memory().readByte(LAST_BYTE));

            TrapException pastTheEnd = assertThrows(TrapException.class,
                    () -> instance.function("load32").call(LAST_BYTE - 2));
            assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, pastTheEnd.kind());
            assertArrayEquals(new long[] {0xFFFF_FFFFL}, instance.function("grow").call(1), "beyond 4 GiB: -1");
            assertArrayEquals(new long[] {65536}, instance.function("size").call());

            long rssGrowth = status("VmRSS") - rssBefore;
            assertTrue(rssGrowth < 256L << 20, "growing to 4 GiB and touching one page took " + rssGrowth + " bytes of RAM");
        }
    }

    @Test
    void aFourGibibyteMaximumReservesAddressSpaceNotRam() throws IOException {
        try (Runtime runtime = Runtime.create()) {
            long sizeBefore = status("VmSize");
            long rssBefore = status("VmRSS");
            Instance instance = module(1, 65536).instantiate(runtime);
            long reserved = status("VmSize") - sizeBefore;
            long rssGrowth = status("VmRSS") - rssBefore;

            assertTrue(reserved >= 4 * GIB, "a 4 GiB maximum reserved only " + reserved + " bytes of address space");
            assertTrue(rssGrowth < 128L << 20, "a 1-page memory with a 4 GiB maximum took " + rssGrowth + " bytes of RAM");
            assertEquals(65536, instance.memory().size());
        }
    }

    @Test
    void closingTheRuntimeGivesTheAddressSpaceBack() throws IOException {
        long sizeBefore;
        try (Runtime runtime = Runtime.create()) {
            sizeBefore = status("VmSize");
            module(1, 65536).instantiate(runtime);
            assertTrue(status("VmSize") - sizeBefore >= 4 * GIB);
        }
        long left = status("VmSize") - sizeBefore;
        assertTrue(left < GIB, "after close, " + left + " bytes of address space are still mapped");
    }

    private static TestModule module(int minPages, int maxPages) {
        TestModule m = new TestModule().memory("memory", minPages, maxPages);
        m.function("grow", sig("i32", "i32"), "local.get 0 memory.grow");
        m.function("size", sig("", "i32"), "memory.size");
        m.function("store8", sig("i32 i32", ""), "local.get 0 local.get 1 i32.store8");
        m.function("load8", sig("i32", "i32"), "local.get 0 i32.load8_u");
        m.function("load32", sig("i32", "i32"), "local.get 0 i32.load");
        return m;
    }

    /** A size field of {@code /proc/self/status}, in bytes. */
    private static long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim()) * 1024;
            }
        }
        throw new IllegalStateException("no " + field + " in /proc/self/status");
    }
}
