package dev.kiln.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KernelOutputTest {

    @Test
    void parsesTheResultLine() {
        KernelOutput out = KernelOutput.parse("fib checksum=2178309 kernel_ms=12.345\n");
        assertEquals(new KernelOutput("fib", 2178309, 12.345), out);
    }

    @Test
    void readsChecksumsAboveLongMaxAsUnsigned() {
        KernelOutput out = KernelOutput.parse("sieve checksum=13040010268674295696 kernel_ms=1.0\n");
        assertEquals("13040010268674295696", Long.toUnsignedString(out.checksum()));
    }

    @Test
    void findsTheLineAmongOthers() {
        KernelOutput out = KernelOutput.parse("warming up\nnbody checksum=1 kernel_ms=0.5\n");
        assertEquals("nbody", out.name());
    }

    @Test
    void rejectsOutputWithoutAResultLine() {
        assertThrows(IllegalStateException.class, () -> KernelOutput.parse("usage: fib SIZE\n"));
    }
}
