package dev.kiln.internal.nativecode;

import static dev.kiln.ValueType.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kiln.FunctionType;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Xmm;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallLayoutTest {

    @Test
    void twentyMixedParametersFillTheRegistersThenTheStack() {
        CallLayout l = new CallLayout(new FunctionType(TestCode.repeat(List.of(I32, I64, F32, F64, V128), 4), List.of()));
        // Integers: RCX RDI RSI R8 R9 R10 R11, then the stack.
        assertEquals(Gpr.RCX, l.params.get(0).register());
        assertEquals(Gpr.RDI, l.params.get(1).register());
        assertEquals(Gpr.R11, l.params.get(15).register()); // the 7th integer (i32 #4)
        assertNull(l.params.get(16).register());            // the 8th integer (i64 #4)
        // Floats and v128: XMM0..XMM7, then the stack.
        assertEquals(Xmm.XMM0, l.params.get(2).register());
        assertEquals(Xmm.XMM7, l.params.get(13).register()); // f64 #3: the 8th float
        // On the stack in order: v128 #3 (16 bytes), f32 #4, f64 #4, v128 #4, and i64 #4 between them.
        assertEquals(0, l.params.get(14).stackOffset());
        assertEquals(16, l.params.get(16).stackOffset());
        assertEquals(24, l.params.get(17).stackOffset());
        assertEquals(32, l.params.get(18).stackOffset());
        assertEquals(40, l.params.get(19).stackOffset());
        assertEquals(56, l.paramStackSize);
        assertEquals(64, l.stackAreaSize());
        // Slots: 8 bytes each, v128 16.
        assertEquals(0, l.params.get(0).slotOffset());
        assertEquals(32, l.params.get(4).slotOffset());
        assertEquals(48, l.params.get(5).slotOffset());
        assertEquals(24, l.paramSlots);
    }

    @Test
    void resultsUseRaxFirstAndSpillPastNineIntegersAndEightFloats() {
        CallLayout l = new CallLayout(new FunctionType(List.of(), TestCode.repeat(List.of(I64, F64), 10)));
        assertEquals(Gpr.RAX, l.results.get(0).register());
        assertEquals(Gpr.RBX, l.results.get(2).register());
        assertEquals(Gpr.R11, l.results.get(16).register());
        assertNull(l.results.get(18).register());
        assertEquals(Xmm.XMM7, l.results.get(15).register());
        assertNull(l.results.get(17).register());
        assertEquals(0, l.results.get(17).stackOffset());
        assertEquals(8, l.results.get(18).stackOffset());
        assertEquals(16, l.results.get(19).stackOffset());
        assertEquals(24, l.resultStackSize);
        assertEquals(32, l.stackAreaSize());
        assertEquals(20, l.slotCount());
    }

    @Test
    void wasmsLargestSignaturesFitButLargerOnesAreRefused() {
        java.util.List<dev.kiln.ValueType> thousand = java.util.Collections.nCopies(1000, V128);
        CallLayout largest = new CallLayout(new FunctionType(thousand, thousand));
        assertEquals(2 * (1000 - 8) * 16, largest.paramStackSize + largest.resultStackSize);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new CallLayout(new FunctionType(java.util.Collections.nCopies(3000, V128), List.of())));
    }

    @Test
    void referencesAreIntegersAndAnEmptySignatureStillHasASlot() {
        CallLayout l = new CallLayout(new FunctionType(List.of(FUNCREF, EXTERNREF), List.of(EXTERNREF)));
        assertEquals(Gpr.RCX, l.params.get(0).register());
        assertEquals(Gpr.RDI, l.params.get(1).register());
        assertEquals(Gpr.RAX, l.results.get(0).register());
        assertEquals(1, new CallLayout(FunctionType.EMPTY).slotCount());
        assertEquals(0, new CallLayout(FunctionType.EMPTY).stackAreaSize());
    }
}
