package dev.kiln.internal.nativecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** The kernel's refusals become exceptions that name the call and its errno. */
class LibcTest {

    private static final int ENOMEM = 12;

    @Test
    void aMappingTooLargeForTheAddressSpaceIsRefusedWithItsErrno() {
        NativeMemoryException e = assertThrows(NativeMemoryException.class,
                () -> Libc.map(1L << 60, Libc.PROT_READ));
        assertEquals("mmap of " + (1L << 60) + " bytes failed: errno " + ENOMEM, e.getMessage());
    }

    @Test
    void protectingAndUnmappingPagesThatAreNotMappedAreRefusedWithTheirErrno() {
        MemorySegment unmapped = MemorySegment.ofAddress(Libc.PAGE_SIZE).reinterpret(Libc.PAGE_SIZE);
        NativeMemoryException e = assertThrows(NativeMemoryException.class,
                () -> Libc.protect(unmapped, Libc.PROT_READ));
        assertEquals("mprotect failed: errno " + ENOMEM, e.getMessage());
        MemorySegment misaligned = MemorySegment.ofAddress(Libc.PAGE_SIZE + 8).reinterpret(Libc.PAGE_SIZE);
        NativeMemoryException m = assertThrows(NativeMemoryException.class, () -> Libc.unmap(misaligned));
        assertTrue(m.getMessage().startsWith("munmap failed: errno "), m.getMessage());
    }

    @Test
    void aMappingComesBackZeroedWritableAndOfExactlyItsLength() {
        MemorySegment pages = Libc.map(2 * Libc.PAGE_SIZE, Libc.PROT_READ | Libc.PROT_WRITE);
        try {
            assertEquals(2 * Libc.PAGE_SIZE, pages.byteSize());
            assertEquals(0, pages.get(ValueLayout.JAVA_LONG, Libc.PAGE_SIZE + 8));
            pages.set(ValueLayout.JAVA_LONG, 0, 42);
            assertEquals(42, pages.get(ValueLayout.JAVA_LONG, 0));
        } finally {
            Libc.unmap(pages);
        }
    }
}
