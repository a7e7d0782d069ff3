package dev.kiln.internal.compiler.backend;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ValueType;
import dev.kiln.internal.compiler.Dump;
import dev.kiln.internal.compiler.FunctionCompiler;
import dev.kiln.internal.nativecode.CpuFeatures;
import dev.kiln.internal.nativecode.ExitCode;
import dev.kiln.testing.Golden;
import dev.kiln.testing.TestModule;
import dev.kiln.internal.validate.Validator;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * What the lowering makes of a few functions that show its choices — fused compares and trap
 * checks (a byte access's without its end), folded addresses, rematerialized constants, block arguments, a call, a jump table, an
 * exit, floats — as machine instructions on virtual registers, kept in
 * {@code backend/lowering.txt} (bless with {@code -Dkiln.bless=true}), and the whole pipeline's
 * dump ({@code -Dkiln.dump}) showing every phase.
 */
class LoweringGoldenTest {

    private static final ExitCalls EXITS = new ExitCalls() {
        @Override
        public long trampoline(ExitCode exit) {
            return 0x7000_0000_0000L;
        }

        @Override
        public int hostId(ExitCode exit) {
            return 7;
        }
    };

    private static TestModule module() {
        TestModule module = new TestModule().memory(1, 2);
        module.function("fib", sig("i32", "i32"),
                "local.get 0 i32.const 2 i32.lt_s if local.get 0 return end local.get 0 i32.const 1 i32.sub call 0"
                        + " local.get 0 i32.const 2 i32.sub call 0 i32.add");
        module.function("sum", sig("i32 i32", "i64"),
                "block loop local.get 1 i32.eqz br_if 1 local.get 2 local.get 0 i64.load offset=8 i64.add local.set 2"
                        + " local.get 0 i32.const 8 i32.add local.set 0 local.get 1 i32.const 1 i32.sub local.set 1"
                        + " br 0 end end local.get 2", ValueType.I64);
        module.function("dispatch", sig("i32", "i32"),
                "block block local.get 0 br_table 0,1 end i32.const 5 return end local.get 0 memory.grow");
        module.function("lerp", sig("f64 f64 f64", "f64"),
                "local.get 1 local.get 0 f64.sub local.get 2 f64.mul local.get 0 f64.add local.get 0 local.get 2"
                        + " f64.const 1 f64.gt select");
        // a byte's bounds check compares the address itself (ge_u), without computing its end
        module.function("copyByte", sig("i32 i32", ""), "local.get 1 local.get 0 i32.load8_u i32.store8");
        Validator.validate(module.module());
        return module;
    }

    @Test
    void loweredFunctionsMatchTheGoldenFile() {
        StringBuilder text = new StringBuilder();
        Dump dump = new Dump(EnumSet.of(Dump.Phase.LOWERED), "", text::append);
        FunctionCompiler compiler = new FunctionCompiler(module().module(), CpuFeatures.host(), EXITS, f -> { },
                SpillEverywhere::allocate, dump);
        for (int f = 0; f < compiler.functionCount(); f++) {
            compiler.compile(f);
        }
        Golden.check("backend/lowering.txt", text.toString());
    }

    @Test
    void theDumpShowsEveryPhaseOfTheChosenFunction() {
        StringBuilder text = new StringBuilder();
        Dump dump = new Dump(EnumSet.allOf(Dump.Phase.class), "lerp", text::append);
        FunctionCompiler compiler = new FunctionCompiler(module().module(), CpuFeatures.host(), EXITS, f -> { },
                SpillEverywhere::allocate, dump);
        for (int f = 0; f < compiler.functionCount(); f++) {
            compiler.compile(f);
        }
        String shown = text.toString();
        for (String header : new String[] {"=== ssa lerp", "=== opt lerp", "=== lowered lerp", "=== regalloc lerp",
            "=== asm lerp"}) {
            assertTrue(shown.contains(header), header + " in:\n" + shown);
        }
        assertTrue(!shown.contains("fib") && shown.contains("ret") && shown.contains("ucomisd"), shown);
        assertTrue(shown.contains("function $lerp(i64, i64, f64, f64, f64) -> (f64) {"), "the SSA in text form:\n" + shown);
    }

    /** A loop counted down to zero branches on the flags its {@code sub} left: no {@code test} between them. */
    @Test
    void aBranchOnAValueJustComputedReusesItsFlags() {
        TestModule m = new TestModule();
        m.function("countdown", sig("i32", "i32"),
                "loop local.get 0 i32.const 1 i32.sub local.tee 0 br_if 0 end local.get 0");
        StringBuilder text = new StringBuilder();
        Dump dump = new Dump(EnumSet.of(Dump.Phase.ASM), "countdown", text::append);
        FunctionCompiler compiler = new FunctionCompiler(m.module(), CpuFeatures.host(), EXITS,
                f -> dev.kiln.internal.compiler.pass.Pipeline.run(f, null),
                dev.kiln.internal.compiler.regalloc.RegisterAllocator::allocateChecked, dump);
        compiler.compile(0);
        String asm = text.toString();
        java.util.regex.Matcher sub = java.util.regex.Pattern.compile("\\bsub (\\w+),0x1\\s*\\n\\s*\\w+:[ 0-9a-f]+(\\w+)").matcher(asm);
        assertTrue(sub.find(), asm);
        assertTrue(sub.group(2).startsWith("j"), "the sub is followed by its branch, not by " + sub.group(2) + ":\n" + asm);
        assertTrue(!asm.contains("test"), asm);
    }
}
