package dev.kiln.internal.compiler.frontend;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.FunctionType;
import dev.kiln.ValueType;
import dev.kiln.internal.compiler.ssa.Function;
import dev.kiln.internal.compiler.ssa.Printer;
import dev.kiln.internal.compiler.ssa.Verifier;
import dev.kiln.internal.wasm.Limits;
import dev.kiln.internal.wasm.Module;
import dev.kiln.internal.wasm.Op;
import dev.kiln.internal.wasm.SegmentMode;
import dev.kiln.testing.Golden;
import dev.kiln.testing.Instructions;
import dev.kiln.testing.TestModule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Golden IR per instruction family: small functions built with {@link TestModule}, validated,
 * lowered, verified and printed, compared with {@code frontend/*.ssa} (bless with
 * {@code -Dkiln.bless=true}, then review the diff). Each function is named after what it
 * shows. Type ids for {@code call_indirect} are the type's index plus 1000, so the texts do not
 * depend on what else the JVM has numbered.
 */
class FrontendGoldenTest {

    /** The numeric instructions (fixed typing, no immediate, no memory, no SIMD) that {@code which} accepts. */
    private static List<Op> numeric(Predicate<Op> which) {
        List<Op> ops = new ArrayList<>();
        for (Op op : Op.values()) {
            if (op.signature() != null && op.immediate() == dev.kiln.internal.wasm.Immediate.NONE && !op.isSimd()
                    && which.test(op)) {
                ops.add(op);
            }
        }
        return ops;
    }

    /** Whether {@code op} converts between types: wrap, extend_i32, truncations, converts, demote, promote, reinterprets. */
    private static boolean isConversion(Op op) {
        return op.mnemonic().matches(".*\\.(wrap|extend_i32|trunc_|convert|demote|promote|reinterpret).*");
    }

    /** One function per op, taking the op's operands as parameters. */
    private static TestModule perOp(List<Op> ops) {
        TestModule m = new TestModule();
        for (Op op : ops) {
            String signature = op.signature();
            int arrow = signature.indexOf('>');
            List<ValueType> params = new ArrayList<>();
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < arrow; i++) {
                params.add(Op.signatureType(signature.charAt(i)));
                body.append("local.get ").append(i).append(' ');
            }
            List<ValueType> results = signature.chars().skip(arrow + 1).mapToObj(c -> Op.signatureType((char) c)).toList();
            m.name(m.function(m.type(params, results), Instructions.parse(body + op.mnemonic())), op.mnemonic());
        }
        return m;
    }

    @Test
    void integerInstructions() {
        check("integer.ssa", perOp(numeric(op -> !isConversion(op) && op.mnemonic().startsWith("i"))));
    }

    @Test
    void floatInstructions() {
        check("float.ssa", perOp(numeric(op -> !isConversion(op) && op.mnemonic().startsWith("f"))));
    }

    @Test
    void conversions() {
        check("conversion.ssa", perOp(numeric(FrontendGoldenTest::isConversion)));
    }

    @Test
    void constants() {
        TestModule m = new TestModule();
        m.name(m.function(m.type(List.of(), List.of(ValueType.I32, ValueType.I64, ValueType.I64)),
                Instructions.parse("i32.const -1 i64.const 0x8000000000000000 i64.const 42")), "integers");
        m.name(m.function(m.type(List.of(), List.of(ValueType.F32, ValueType.F32, ValueType.F64, ValueType.F64)),
                Instructions.parse("f32.const -0.0 f32.const bits:0x7fa00001 f64.const inf "
                        + "f64.const bits:0x7ff4000000000001")), "floats_and_nan_payloads");
        check("constants.ssa", m);
    }

    @Test
    void parametric() {
        TestModule m = new TestModule();
        m.name(m.function(m.type(List.of(ValueType.I32, ValueType.I64), List.of()),
                Instructions.parse("local.get 1 drop local.get 0 local.get 0 drop drop")), "drop");
        m.name(m.function(m.type(List.of(ValueType.I32, ValueType.I32, ValueType.I32), List.of(ValueType.I32)),
                Instructions.parse("local.get 0 local.get 1 local.get 2 select")), "select");
        m.name(m.function(m.type(List.of(ValueType.F64, ValueType.F64, ValueType.I32), List.of(ValueType.F64)),
                Instructions.parse("local.get 0 local.get 1 local.get 2 select_t f64")), "select_typed");
        m.name(m.function(m.type(List.of(ValueType.FUNCREF, ValueType.I32), List.of(ValueType.FUNCREF)),
                Instructions.parse("local.get 0 ref.null funcref local.get 1 select_t funcref")), "select_funcref");
        check("parametric.ssa", m);
    }

    @Test
    void variables() {
        TestModule m = new TestModule();
        m.importGlobal(ValueType.I64, true).importGlobal(ValueType.FUNCREF, true);
        m.global(ValueType.I32, true, Instructions.i32(7)).global(ValueType.F64, false, Instructions.f64(1.5));
        m.global(ValueType.FUNCREF, true, Instructions.refNull(ValueType.FUNCREF));
        m.global(ValueType.EXTERNREF, true, Instructions.refNull(ValueType.EXTERNREF));
        m.name(m.function(m.type(List.of(ValueType.I32), List.of(ValueType.I32)), List.of(ValueType.I32, ValueType.I64,
                ValueType.F32, ValueType.F64, ValueType.I32, ValueType.EXTERNREF), Instructions.parse(
                "local.get 1 local.get 0 local.tee 5 i32.add local.set 1 local.get 2 drop local.get 3 drop "
                        + "local.get 4 drop local.get 6 drop local.get 1 local.get 5 i32.mul")), "locals");
        m.name(m.function(m.type(List.of(), List.of()), Instructions.parse(
                "global.get 0 global.set 0 global.get 2 i32.const 1 i32.add global.set 2 global.get 3 drop")),
                "globals_defined_and_imported");
        m.name(m.function(m.type(List.of(), List.of()), Instructions.parse(
                "global.get 1 global.set 4 global.get 4 global.set 1 global.get 5 global.set 5")),
                "reference_globals");
        check("variables.ssa", m);
    }

    @Test
    void memory() {
        TestModule m = new TestModule();
        m.memory(1, Limits.NO_MAX).passiveData().dataCount(1);
        List<ValueType> i = List.of(ValueType.I32);
        StringBuilder loads = new StringBuilder();
        for (Op op : Op.values()) {
            if (op.accessBytes() > 0 && !op.isSimd() && op.signature().charAt(1) == '>') {
                loads.append("local.get 0 ").append(op.mnemonic()).append(" offset=").append(op.accessBytes() * 3).append(" drop ");
            }
        }
        m.name(m.function(m.type(i, List.of()), Instructions.parse(loads.toString())), "loads");
        m.name(m.function(m.type(List.of(ValueType.I32, ValueType.I64, ValueType.F32, ValueType.F64), List.of()),
                Instructions.parse("local.get 0 local.get 0 i32.store local.get 0 local.get 1 i64.store offset=8 "
                        + "local.get 0 local.get 2 f32.store local.get 0 local.get 3 f64.store "
                        + "local.get 0 local.get 0 i32.store8 local.get 0 local.get 0 i32.store16 "
                        + "local.get 0 local.get 1 i64.store8 local.get 0 local.get 1 i64.store16 "
                        + "local.get 0 local.get 1 i64.store32 offset=4294967295")), "stores");
        m.name(m.function(m.type(i, i), Instructions.parse(
                "local.get 0 memory.grow drop local.get 0 i32.load memory.size i32.add")), "size_and_grow");
        m.name(m.function(m.type(i, List.of()), Instructions.parse(
                "local.get 0 i32.const 0 i32.const 16 memory.fill local.get 0 i32.const 0 i32.const 16 memory.copy 0 0 "
                        + "local.get 0 i32.const 0 i32.const 2 memory.init 0 0 data.drop 0")), "bulk");
        m.name(m.function(m.type(i, i), Instructions.parse(
                "block local.get 0 i32.load local.get 0 i32.load8_u offset=1 i32.add local.get 0 br_if 0 drop end "
                        + "local.get 0 i32.load")),
                "base_and_length_read_once_per_block");
        check("memory.ssa", m);
    }

    @Test
    void tablesAndReferences() {
        TestModule m = new TestModule();
        m.importTable(ValueType.FUNCREF, 1, Limits.NO_MAX);
        m.table(ValueType.EXTERNREF, 2, Limits.NO_MAX);
        int target = m.function(m.type(List.of(), List.of()));
        m.declarativeElements(target);
        m.element(SegmentMode.PASSIVE, 0, null, ValueType.FUNCREF, new dev.kiln.internal.wasm.Instruction[][] {
                {Instructions.op(Op.REF_FUNC, target)}});
        List<ValueType> i = List.of(ValueType.I32);
        m.name(m.function(m.type(i, List.of(ValueType.FUNCREF)), Instructions.parse("local.get 0 table.get 0")), "get");
        m.name(m.function(m.type(List.of(ValueType.I32, ValueType.EXTERNREF), List.of()),
                Instructions.parse("local.get 0 local.get 1 table.set 1")), "set");
        m.name(m.function(m.type(List.of(), i), Instructions.parse("table.size 1")), "size");
        m.name(m.function(m.type(i, i), Instructions.parse("ref.null funcref local.get 0 table.grow 0")), "grow");
        m.name(m.function(m.type(i, List.of()), Instructions.parse(
                "local.get 0 ref.null externref i32.const 2 table.fill 1")), "fill");
        m.name(m.function(m.type(i, List.of()), Instructions.parse(
                "local.get 0 i32.const 0 i32.const 1 table.copy 0 0 local.get 0 i32.const 0 i32.const 1 table.init 1 0 "
                        + "elem.drop 1")), "copy_init_drop");
        m.name(m.function(m.type(List.of(), i), Instructions.parse(
                "ref.func " + target + " ref.is_null ref.null externref ref.is_null i32.add")), "references");
        check("tables.ssa", m);
    }

    @Test
    void control() {
        TestModule m = new TestModule();
        List<ValueType> i = List.of(ValueType.I32);
        m.name(m.function(m.type(i, i), Instructions.parse("nop block i32 local.get 0 end")), "block_without_branches");
        m.name(m.function(m.type(i, i), Instructions.parse(
                "block i32 i32.const 1 local.get 0 br_if 0 drop i32.const 2 end")), "block_with_br_if");
        m.name(m.function(m.type(i, i), Instructions.parse(
                "local.get 0 if i32 i32.const 1 else i32.const 2 end")), "if_else");
        int pair = m.type(List.of(ValueType.I32, ValueType.I64), List.of(ValueType.I32, ValueType.I64));
        m.name(m.function(m.type(i, List.of(ValueType.I32, ValueType.I64)), Instructions.parse(
                "local.get 0 i64.const 5 local.get 0 if type=" + pair + " drop i64.const 6 end")),
                "if_without_else_with_params");
        m.name(m.function(m.type(i, i), Instructions.parse(
                "i32.const 0 local.set 0 loop local.get 0 i32.const 1 i32.add local.tee 0 i32.const 10 i32.lt_u "
                        + "br_if 0 end local.get 0")), "loop_with_a_local");
        int countdown = m.type(List.of(ValueType.I32), List.of(ValueType.I32));
        m.name(m.function(m.type(i, i), Instructions.parse(
                "local.get 0 loop type=" + countdown + " i32.const 1 i32.sub local.tee 0 local.get 0 br_if 0 end")),
                "loop_with_params");
        m.name(m.function(m.type(i, i), Instructions.parse(
                "block block block local.get 0 br_table 0,1,2 end i32.const 10 return end i32.const 11 return end "
                        + "i32.const 12")), "br_table");
        m.name(m.function(m.type(i, i), Instructions.parse(
                "i32.const 1 local.get 0 br_if 0 drop local.get 0 local.get 0 br_table 0,0 i32.const 3")),
                "branches_to_the_function");
        m.name(m.function(m.type(i, i), Instructions.parse(
                "block local.get 0 br 0 i32.const 1 drop block unreachable end end local.get 0 if unreachable end "
                        + "local.get 0 return i32.const 5")), "unreachable_code_is_skipped");
        m.name(m.function(m.type(i, i), Instructions.parse(
                "block i32 loop i32.const 4 br 1 end unreachable end")), "loop_left_by_a_branch");
        check("control.ssa", m);
    }

    @Test
    void calls() {
        TestModule m = new TestModule();
        FunctionType binary = sig("i32 i32", "i32");
        int imported = m.importFunction("env", "add", binary);
        int two = m.type(List.of(), List.of(ValueType.I64, ValueType.F32));
        int callee = m.function(two, Instructions.parse("i64.const 1 f32.const 2.0"));
        m.name(callee, "two_results");
        m.functionTable(2, callee, -1);
        m.name(m.function(m.type(List.of(ValueType.I32), List.of(ValueType.I32)), Instructions.parse(
                "local.get 0 local.get 0 call " + imported)), "imported");
        m.name(m.function(m.type(List.of(), List.of(ValueType.I64, ValueType.F32)), Instructions.parse(
                "call " + callee)), "direct");
        m.name(m.function(m.type(List.of(ValueType.I32), List.of(ValueType.I64, ValueType.F32)), Instructions.parse(
                "local.get 0 call_indirect " + two + " 0")), "indirect");
        check("calls.ssa", m);
    }

    /** Validates the module, lowers every function, verifies each and compares their texts with the golden file. */
    static void check(String golden, TestModule test) {
        test.assertValid();
        Module module = test.module();
        Frontend frontend = new Frontend(module, t -> module.types().indexOf(t) + 1000);
        StringBuilder text = new StringBuilder();
        for (int f = 0; f < frontend.functionCount(); f++) {
            Function function = frontend.lower(f);
            assertEquals(List.of(), Verifier.verify(function), function.name());
            text.append(f > 0 ? "\n" : "").append(Printer.print(function));
        }
        Golden.check("frontend/" + golden, text.toString());
    }
}
