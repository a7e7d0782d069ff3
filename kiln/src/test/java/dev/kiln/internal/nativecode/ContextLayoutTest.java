package dev.kiln.internal.nativecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Operand;
import dev.kiln.internal.compiler.amd64.Xmm;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextLayoutTest {

    @Test
    void fieldsDoNotOverlapAndStayInside() {
        List<ContextLayout.Field> fields = ContextLayout.fields();
        int end = 0;
        for (ContextLayout.Field f : fields) {
            assertTrue(f.offset() >= end, f.name() + " overlaps the field before it");
            assertEquals(0, f.offset() % Math.min(f.size(), 8), f.name() + " is misaligned");
            end = f.offset() + f.size();
        }
        assertTrue(end <= ContextLayout.SIZE, "the last field ends past SIZE");
    }

    @Test
    void saveSlotsAre16ByteAlignedAndTheCallerContextFollows() {
        for (int i = 0; i < ContextLayout.SAVE_SLOTS; i++) {
            assertEquals(0, ContextLayout.saveSlot(i) % 16, "save slot " + i);
        }
        assertEquals(ContextLayout.CALLER_CONTEXT, ContextLayout.saveSlot(ContextLayout.SAVE_SLOTS - 1) + 16);
        assertEquals(ContextLayout.SIZE, ContextLayout.CALLER_CONTEXT + 16, "the caller context and its pad end it");
        assertEquals(0x270, ContextLayout.SIZE, "the size the diagram shows");
        assertEquals(0, ContextLayout.SIZE % ContextLayout.ALIGNMENT);
    }

    @Test
    void everySavedRegisterHasItsOwnSlotAndTheCalleeSavedComeFirst() {
        List<Operand> all = Abi.SAVED_FOR_GROWTH;
        assertEquals(ContextLayout.SAVE_SLOTS, all.size());
        assertEquals(all.size(), new HashSet<>(all).size());
        assertEquals(Abi.CALLEE_SAVED, all.subList(0, Abi.CALLEE_SAVED.size()));
        // Every register but RAX (the context), RSP and RBP.
        for (Gpr g : Gpr.values()) {
            assertEquals(g != Gpr.RAX && g != Gpr.RSP && g != Gpr.RBP, all.contains(g), g.toString());
        }
        for (Xmm x : Xmm.values()) {
            assertTrue(all.contains(x), x.toString());
        }
    }

    @Test
    void theExitStateIsTheFirstFieldsUpToTheJavaRegisters() {
        assertEquals(ContextLayout.JAVA_RSP, ContextLayout.EXIT_STATE_END);
        assertTrue(ContextLayout.WASM_RESUME < ContextLayout.EXIT_STATE_END);
    }
}
