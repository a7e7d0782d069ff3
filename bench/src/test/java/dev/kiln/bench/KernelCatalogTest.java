package dev.kiln.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads the real {@code ../shared/bench} tables. */
class KernelCatalogTest {

    private static final List<Kernel> SMALL = KernelCatalog.load(KernelCatalog.defaultDirectory(), SizeClass.SMALL);

    @Test
    void listsTwelveKernelsInFileOrder() {
        assertEquals(12, SMALL.size());
        assertEquals("fib", SMALL.getFirst().name());
        assertEquals("fnptr", SMALL.getLast().name());
        SMALL.forEach(k -> assertTrue(Files.isRegularFile(k.wasm()), k.wasm().toString()));
    }

    @Test
    void pairsEachSizeWithItsChecksum() {
        Kernel fib = KernelCatalog.select(SMALL, List.of("fib")).getFirst();
        assertEquals("32", fib.size());
        assertEquals(2178309, fib.expectedChecksum());
        Kernel sieve = KernelCatalog.select(
                KernelCatalog.load(KernelCatalog.defaultDirectory(), SizeClass.DEFAULT), List.of("sieve")).getFirst();
        assertEquals("300", sieve.size());
        assertEquals("13040010268674295696", Long.toUnsignedString(sieve.expectedChecksum()));
    }

    @Test
    void readsEachKernelsSourceAndWasmFlags() {
        Kernel memops = KernelCatalog.select(SMALL, List.of("memops")).getFirst();
        Kernel bulk = KernelCatalog.select(SMALL, List.of("memops_bulk")).getFirst();
        assertEquals(memops.source(), bulk.source());
        assertTrue(Files.isRegularFile(bulk.source()), bulk.source().toString());
        assertEquals(List.of(), memops.wasmFlags());
        assertEquals(List.of("-mbulk-memory"), bulk.wasmFlags());
    }

    @Test
    void selectsInTheOrderGiven() {
        List<Kernel> chosen = KernelCatalog.select(SMALL, List.of("sha256", "fib"));
        assertEquals(List.of("sha256", "fib"), chosen.stream().map(Kernel::name).toList());
    }

    @Test
    void rejectsAnUnknownKernel() {
        assertThrows(IllegalArgumentException.class, () -> KernelCatalog.select(SMALL, List.of("nope")));
    }

    @Test
    void aWrongChecksumFailsLoudly() {
        Kernel fib = KernelCatalog.select(SMALL, List.of("fib")).getFirst();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> fib.check(new KernelOutput("fib", 2178308, 1.0), "Test"));
        assertTrue(e.getMessage().contains("CHECKSUM MISMATCH"), e.getMessage());
    }
}
