package dev.kiln.internal.wasm;

import static dev.kiln.ValueType.F64;
import static dev.kiln.ValueType.I32;
import static dev.kiln.ValueType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.FunctionType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TypeIdsTest {

    @Test
    void equalTypesShareAnIdAndUnequalOnesDoNot() {
        FunctionType a = FunctionType.of(List.of(I32, I64), List.of(F64));
        FunctionType sameAsA = FunctionType.of(List.of(I32, I64), List.of(F64));
        FunctionType swapped = FunctionType.of(List.of(I64, I32), List.of(F64));
        FunctionType resultsAsParams = FunctionType.of(List.of(I32, I64, F64), List.of());
        assertEquals(TypeIds.of(a), TypeIds.of(sameAsA));
        Set<Integer> ids = new HashSet<>(List.of(TypeIds.of(a), TypeIds.of(swapped), TypeIds.of(resultsAsParams)));
        assertEquals(3, ids.size());
        assertTrue(TypeIds.of(a) > 0, "0 is left for 'no function'");
    }

    @Test
    void threadsRacingOnOneNewTypeAllSeeOneId() {
        FunctionType fresh = FunctionType.of(List.of(I64, I64, I64, I64, I64, I64, I64, I32), List.of(I32, I32));
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 64).parallel().forEach(i -> seen.add(TypeIds.of(fresh)));
        assertEquals(1, seen.size());
        assertNotEquals(TypeIds.of(fresh), TypeIds.of(FunctionType.of(List.of(), List.of())));
    }
}
