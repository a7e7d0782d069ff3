package dev.kiln.internal.compiler.ssa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.internal.compiler.ssa.VerifierError.Kind;
import dev.kiln.testing.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One test per rule: a function that breaks exactly that rule gets exactly that error, worded to
 * name the block, the instruction and the value. Functions are written in the text format where
 * the parser can express the mistake, and put together by hand where it refuses to.
 */
class VerifierTest {

    private static final Signature NOTHING = new Signature(List.of(), List.of());

    private static List<VerifierError> verify(String text) {
        return Verifier.verify(Parser.parse(text));
    }

    private static void assertOnly(Kind kind, String message, List<VerifierError> errors) {
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(kind, errors.getFirst().kind(), errors.toString());
        assertEquals(message, errors.getFirst().message());
    }

    @Test
    void aValidFunctionPasses() {
        assertEquals(List.of(), Verifier.verify(Parser.parse(Golden.read("ssa/roundtrip/control.ssa"))));
    }

    @Test
    void aFunctionNeedsBlocks() {
        assertOnly(Kind.EMPTY_FUNCTION, "$f has no blocks", Verifier.verify(new Function("f", NOTHING)));
    }

    @Test
    void theEntryTakesTheSignaturesParameters() {
        assertOnly(Kind.ENTRY_PARAMS, "b0: the entry block's parameters [i64] are not the signature's [i32]", verify("""
                function $f(i32) -> () {
                b0(v0:i64):
                    return
                }
                """));
    }

    @Test
    void nothingBranchesToTheEntry() {
        assertOnly(Kind.ENTRY_TARGETED, "b1: `jump b0()` targets the entry block b0", verify("""
                function $f() -> () {
                b0():
                    jump b1()
                b1():
                    jump b0()
                }
                """));
    }

    @Test
    void everyBlockEndsWithATerminator() {
        assertOnly(Kind.MISSING_TERMINATOR, "b0: the block ends with `v0:i32 = iconst 1`, which is not a terminator",
                verify("""
                        function $f() -> () {
                        b0():
                            v0:i32 = iconst 1
                        }
                        """));
    }

    @Test
    void aTerminatorIsLast() {
        assertOnly(Kind.TERMINATOR_IN_MIDDLE, "b0: `return` is followed by `return`", verify("""
                function $f() -> () {
                b0():
                    return
                    return
                }
                """));
    }

    @Test
    void branchesTargetBlocksOfTheFunction() {
        Function other = new Function("other", NOTHING);
        other.newBlock();
        Block foreign = other.newBlock();
        Function f = new Function("f", NOTHING);
        f.newBlock().append(new Instruction(Opcode.JUMP, 0, new int[0], new int[0], new Block[] {foreign}, new int[][] {{}}));
        assertOnly(Kind.UNKNOWN_BLOCK, "b0: `jump b1()` targets b1, which is not a block of $f", Verifier.verify(f));
    }

    @Test
    void aBranchPassesOneArgumentPerParameter() {
        assertOnly(Kind.ARGUMENT_COUNT, "b0: `jump b1(v0)` passes 1 argument to b1, which has 0 parameters", verify("""
                function $f(i32) -> () {
                b0(v0:i32):
                    jump b1(v0)
                b1():
                    return
                }
                """));
    }

    @Test
    void argumentsHaveTheirParametersTypes() {
        assertOnly(Kind.ARGUMENT_TYPE, "b0: `jump b1(v0)` passes v0:i32 to b1's parameter v1:i64", verify("""
                function $f(i32) -> () {
                b0(v0:i32):
                    jump b1(v0)
                b1(v1:i64):
                    return
                }
                """));
    }

    @Test
    void aValueIsDefinedOnce() {
        Function f = Parser.parse("""
                function $f() -> (i32) {
                b0():
                    v0:i32 = iconst 1
                    return v0
                }
                """);
        Block b0 = f.entry();
        b0.insertBefore(b0.last(), new Instruction(Opcode.ICONST, 2, new int[0], new int[] {0}));
        assertOnly(Kind.MULTIPLE_DEFINITION, "b0: v0 is defined again; it is already defined in b0", Verifier.verify(f));
    }

    @Test
    void aUsedValueIsDefinedInTheFunction() {
        Function f = new Function("f", new Signature(List.of(), List.of(Type.I32)));
        int made = f.newValue(Type.I32); // made, but no instruction defines it
        f.newBlock().append(new Instruction(Opcode.RETURN, 0, new int[] {made}, new int[0]));
        assertOnly(Kind.UNDEFINED_VALUE, "b0: `return v0` uses v0, which no block parameter or instruction of $f defines",
                Verifier.verify(f));
    }

    @Test
    void reachableCodeUsesNoValueOfUnreachableCode() {
        assertOnly(Kind.UNREACHABLE_DEFINITION, "b2: `return v0` uses v0, defined in b1, which the entry does not reach",
                verify("""
                        function $f() -> (i32) {
                        b0():
                            jump b2()
                        b1():
                            v0:i32 = iconst 1
                            jump b2()
                        b2():
                            return v0
                        }
                        """));
    }

    @Test
    void aDefinitionDominatesItsUses() {
        assertOnly(Kind.NOT_DOMINATED, "b3: `return v1` uses v1, whose definition in b1 does not dominate b3", verify("""
                function $f(i32) -> (i32) {
                b0(v0:i32):
                    brif v0, b1(), b2()
                b1():
                    v1:i32 = iconst 1
                    jump b3()
                b2():
                    jump b3()
                b3():
                    return v1
                }
                """));
        assertOnly(Kind.NOT_DOMINATED, "b0: `v1:i32 = iadd v2, v0` uses v2, whose definition in b0 comes later", verify("""
                function $f(i32) -> (i32) {
                b0(v0:i32):
                    v1:i32 = iadd v2, v0
                    v2:i32 = iconst 1
                    return v1
                }
                """));
    }

    @Test
    void anOpcodeHasItsNumberOfOperands() {
        Function f = new Function("f", new Signature(List.of(Type.I32), List.of()));
        Block b0 = f.newBlock();
        int x = b0.appendParam(Type.I32);
        b0.append(new Instruction(Opcode.IADD, 0, new int[] {x}, new int[] {f.newValue(Type.I32)}));
        b0.append(new Instruction(Opcode.RETURN, 0, new int[0], new int[0]));
        assertOnly(Kind.OPERAND_COUNT, "b0: `v1:i32 = iadd v0`: 1 operand; iadd takes 2", Verifier.verify(f));
    }

    @Test
    void operandsHaveTheOpcodesTypes() {
        assertOnly(Kind.OPERAND_TYPE, "b0: `v2:i32 = iadd v0, v1`: operand v1 is i64, expected i32", verify("""
                function $f(i32, i64) -> (i32) {
                b0(v0:i32, v1:i64):
                    v2:i32 = iadd v0, v1
                    return v2
                }
                """));
    }

    @Test
    void resultsHaveTheOpcodesTypes() {
        assertOnly(Kind.RESULTS, "b0: `v2:f32 = iadd v0, v1`: result v2 is f32, expected an integer type", verify("""
                function $f(i32, i32) -> (f32) {
                b0(v0:i32, v1:i32):
                    v2:f32 = iadd v0, v1
                    return v2
                }
                """));
    }

    @Test
    void immediatesAreInRange() {
        assertOnly(Kind.IMMEDIATE, "b0: `v1:i32 = load [v0+4294967296]`: offset 4294967296 is outside 0..0xffffffff",
                verify("""
                        function $f(i64) -> (i32) {
                        b0(v0:i64):
                            v1:i32 = load [v0+4294967296]
                            return v1
                        }
                        """));
        assertOnly(Kind.IMMEDIATE, "b0: `call_exit grow_stack(v0)`: call_exit needs an exit Java resumes from"
                + " [MEMORY_GROW, TABLE_GROW, MEMORY_FILL, MEMORY_COPY, MEMORY_INIT, DATA_DROP, TABLE_SET, TABLE_FILL,"
                + " TABLE_COPY, TABLE_INIT, ELEM_DROP, REF_FUNC, FUNCREF_FROM_ID, FUNCREF_TO_ID]", verify("""
                        function $f(i64) -> () {
                        b0(v0:i64):
                            call_exit grow_stack(v0)
                            return
                        }
                        """));
    }

    @Test
    void anExitTakesAndGivesWhatItsSignatureSays() {
        assertOnly(Kind.OPERAND_COUNT, "b0: `v2:i32 = call_exit memory_grow(v0, v1)`: 2 operands; call_exit memory_grow"
                + " takes 4 (i64, i64, i32, i32) -> (i32)", verify("""
                        function $f(i64, i64) -> () {
                        b0(v0:i64, v1:i64):
                            v2:i32 = call_exit memory_grow(v0, v1)
                            return
                        }
                        """));
        assertOnly(Kind.OPERAND_TYPE, "b0: `call_exit table_set(v0, v1, v2, v2, v2)`: operand v2 is i32, expected i64",
                verify("""
                        function $f(i64, i64) -> () {
                        b0(v0:i64, v1:i64):
                            v2:i32 = iconst 0
                            call_exit table_set(v0, v1, v2, v2, v2)
                            return
                        }
                        """));
        assertOnly(Kind.RESULTS, "b0: `call_exit ref_func(v0, v1, v2)`: 0 results; call_exit ref_func gives 1"
                + " (i64, i64, i32) -> (i64)", verify("""
                        function $f(i64, i64) -> () {
                        b0(v0:i64, v1:i64):
                            v2:i32 = iconst 0
                            call_exit ref_func(v0, v1, v2)
                            return
                        }
                        """));
        assertOnly(Kind.RESULTS, "b0: `v3:i32 = call_exit ref_func(v0, v1, v2)`: result v3 is i32, expected i64",
                verify("""
                        function $f(i64, i64) -> () {
                        b0(v0:i64, v1:i64):
                            v2:i32 = iconst 0
                            v3:i32 = call_exit ref_func(v0, v1, v2)
                            return
                        }
                        """));
    }

    @Test
    void returnPassesTheSignaturesResults() {
        assertOnly(Kind.RETURN_VALUES, "b0: `return v0`: v0 is i64; result 0 of the signature is i32", verify("""
                function $f(i64) -> (i32) {
                b0(v0:i64):
                    return v0
                }
                """));
    }

    @Test
    void aKeptControlFlowGraphMustBeCurrent() {
        Function f = Parser.parse("""
                function $f() -> () {
                b0():
                    jump b1()
                b1():
                    return
                }
                """);
        ControlFlow before = ControlFlow.of(f);
        Block b2 = f.newBlock();
        b2.append(Instruction.of(Opcode.RETURN, 0, new int[0]));
        f.blocks().getFirst().terminator().setTarget(0, b2);
        f.keepFlow(before); // as if a change had left the graph in place
        assertOnly(Kind.STALE_CONTROL_FLOW, "b0: the control-flow graph kept for reuse is not the function's graph now",
                Verifier.verify(f));
    }

    @Test
    void everyKindHasATest() {
        long tests = java.util.Arrays.stream(VerifierTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class)).count();
        // One test per kind, plus this one, the valid function and the exits' signatures (several kinds).
        assertEquals(Kind.values().length + 3, tests);
    }
}
