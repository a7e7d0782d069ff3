package dev.kiln.internal.nativecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.TrapKind;
import org.junit.jupiter.api.Test;

class ExitCodeTest {

    @Test
    void codesRoundTripAndAreDistinct() {
        for (ExitCode c : ExitCode.values()) {
            assertEquals(c, ExitCode.of(c.code()));
        }
        assertNull(ExitCode.of(-1));
        assertNull(ExitCode.of(12));
        assertNull(ExitCode.of(1 << 20));
        assertEquals(0, ExitCode.RETURNED.code(), "the entry stub returns 0 in EAX; the fast path tests for it");
    }

    @Test
    void everyTrapButThoseJavaRaisesHasAnExitCode() {
        for (TrapKind k : TrapKind.values()) {
            if (k == TrapKind.STACK_OVERFLOW || k == TrapKind.INTERRUPTED) {
                assertThrows(IllegalArgumentException.class, () -> ExitCode.forTrap(k));
            } else {
                assertEquals(k, ExitCode.forTrap(k).trap());
            }
        }
    }
}
