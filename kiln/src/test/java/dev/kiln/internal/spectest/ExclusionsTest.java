package dev.kiln.internal.spectest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExclusionsTest {

    private final Exclusions exclusions = Exclusions.parse(List.of(
            "# comment", "", "text-modules   no text parser", "v2/simd_*.json  later", "v1/func.json:493  2.0 allows it"));

    @Test
    void matchesWholeScriptsByGlob() {
        assertEquals("later", exclusions.scriptReason("v2/simd_lane.json"));
        assertNull(exclusions.scriptReason("v1/simd_lane.json"));
        assertNull(exclusions.scriptReason("v2/i32.json"));
    }

    @Test
    void matchesSingleCommandsByLine() {
        assertEquals("2.0 allows it", exclusions.commandReason("v1/func.json", 493, false));
        assertNull(exclusions.commandReason("v1/func.json", 494, false));
        assertEquals("no text parser", exclusions.commandReason("v1/i32.json", 7, true));
    }

    @Test
    void everyRuleNeedsAReason() {
        assertThrows(IllegalArgumentException.class, () -> Exclusions.parse(List.of("v1/func.json")));
    }

    @Test
    void theShippedListLoads() {
        assertNotNull(Exclusions.load().scriptReason("v2/simd_address.json"));
    }
}
