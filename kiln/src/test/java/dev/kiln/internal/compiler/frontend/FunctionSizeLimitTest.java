package dev.kiln.internal.compiler.frontend;

import static dev.kiln.testing.Instructions.i32;
import static dev.kiln.testing.Instructions.op;
import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.CompileException;
import dev.kiln.internal.binary.ModuleDecoder;
import dev.kiln.internal.validate.Validator;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Module;
import dev.kiln.internal.wasm.Op;
import dev.kiln.internal.wasm.TypeIds;
import dev.kiln.testing.TestModule;
import org.junit.jupiter.api.Test;

/** A function too big for the heap is refused with a LIMIT, before its compile could exhaust the heap. */
class FunctionSizeLimitTest {

    /** A function of {@code instructions} instructions (its final {@code end} included). */
    private static Module function(int instructions) {
        Instruction[] body = new Instruction[instructions - 1];
        body[0] = op(Op.LOCAL_GET, 0);
        for (int k = 1; k + 1 < body.length; k += 2) {
            body[k] = i32(k);
            body[k + 1] = op(Op.I32_ADD);
        }
        if (body.length % 2 == 0) {
            body[body.length - 1] = op(Op.NOP);
        }
        TestModule test = new TestModule();
        test.function(test.type(sig("i32", "i32")), body);
        Module module = ModuleDecoder.decode(test.encode());
        Validator.validate(module);
        return module;
    }

    @Test
    void aFunctionAtTheLimitLowers() {
        assertNotNull(new Frontend(function(1000), TypeIds::of, 1000).lower(0));
    }

    @Test
    void oneInstructionMoreIsALimitNamingTheFunctionAndWhatToDo() {
        CompileException e = assertThrows(CompileException.class,
                () -> new Frontend(function(1001), TypeIds::of, 1000).lower(0));
        assertEquals(CompileException.Reason.LIMIT, e.reason());
        assertTrue(e.getMessage().startsWith("function fn0 has 1001 instructions, more than the 1000 this compile allows"),
                e.getMessage());
        assertTrue(e.getMessage().contains("(-Xmx)"), e.getMessage());
    }

    @Test
    void theLimitGivesOneFunctionHalfTheHeap() {
        assertEquals(4_194_304, Frontend.instructionLimit(1L << 30), "1 GiB / 2 / 128 bytes");
        assertEquals(1_048_576, Frontend.instructionLimit(256L << 20), "a 256 MiB heap refuses the 4.2 MB body's 2.4 million");
    }
}
