package dev.kiln.internal.validate;

import static dev.kiln.ValueType.I32;
import static dev.kiln.ValueType.I64;
import static dev.kiln.internal.validate.Asm.block;
import static dev.kiln.internal.validate.Asm.end;
import static dev.kiln.internal.validate.Asm.i32;
import static dev.kiln.internal.validate.Asm.mem;
import static dev.kiln.internal.validate.Asm.op;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.kiln.internal.wasm.Limits.NO_MAX;

import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Module;
import dev.kiln.internal.wasm.Op;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Validation must be fast: a module the size of a 2 MB binary (about a million instructions)
 * validates well under a second once the JIT has warmed up.
 */
class ValidatorPerformanceTest {

    private static final int FUNCTIONS = 2_000;
    private static final int SNIPPETS_PER_FUNCTION = 40;

    @Test
    void millionInstructionsValidateWellUnderASecond() {
        Module module = bigModule();
        for (int i = 0; i < 5; i++) {
            Validator.validate(module);
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            Validator.validate(module);
            best = Math.min(best, System.nanoTime() - start);
        }
        long millis = best / 1_000_000;
        assertTrue(millis < 500, "validating about a million instructions took " + millis + " ms");
    }

    /** Functions (i32, i64) -> i32 made of a loop of loads, stores, arithmetic, calls and branches. */
    private static Module bigModule() {
        TestModule module = new TestModule().memory(1, NO_MAX);
        int type = module.type(List.of(I32, I64), List.of(I32));
        for (int f = 0; f < FUNCTIONS; f++) {
            List<Instruction> body = new ArrayList<>();
            for (int s = 0; s < SNIPPETS_PER_FUNCTION; s++) {
                snippet(body, f);
            }
            body.add(op(Op.LOCAL_GET, 0));
            module.function(type, List.of(I32, I64), body.toArray(Instruction[]::new));
        }
        return module.build();
    }

    /** 25 instructions of the kinds compilers emit most. */
    private static void snippet(List<Instruction> body, int function) {
        body.add(block(Op.BLOCK));
        body.add(block(Op.LOOP));
        body.add(op(Op.LOCAL_GET, 0));
        body.add(mem(Op.I32_LOAD, 2, 16));
        body.add(op(Op.LOCAL_GET, 2));
        body.add(op(Op.I32_ADD));
        body.add(op(Op.LOCAL_TEE, 2));
        body.add(i32(1));
        body.add(op(Op.I32_SHL));
        body.add(op(Op.LOCAL_SET, 2));
        body.add(op(Op.LOCAL_GET, 0));
        body.add(op(Op.LOCAL_GET, 1));
        body.add(op(Op.CALL, function));
        body.add(op(Op.LOCAL_GET, 2));
        body.add(mem(Op.I32_STORE, 2, 0));
        body.add(op(Op.LOCAL_GET, 1));
        body.add(op(Op.I32_WRAP_I64));
        body.add(op(Op.DROP));
        body.add(op(Op.LOCAL_GET, 2));
        body.add(op(Op.I32_EQZ));
        body.add(op(Op.BR_IF, 1));
        body.add(op(Op.LOCAL_GET, 2));
        body.add(op(Op.BR_IF, 0));
        body.add(end());
        body.add(end());
    }
}
