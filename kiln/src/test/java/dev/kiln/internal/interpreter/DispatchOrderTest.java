package dev.kiln.internal.interpreter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeElement;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * C2 parses the dispatch loop's cases from the highest opcode down and stops inlining once the
 * graph passes its node cutoff, which the loop does (see {@link Opcodes}). So a case that
 * calls a helper the JIT must inline (a memory access, a global, the call path) has to be
 * numbered above the numeric cases, which may call only JDK intrinsics (C2 expands them
 * whatever its budget) and {@link Numerics} (whose division and truncation helpers, left as
 * calls, cost little beside the operation).
 */
class DispatchOrderTest {

    private static final String NUMERICS = "dev/kiln/internal/interpreter/Numerics";

    /** The JDK methods the numeric cases call: each a C2 intrinsic. */
    private static final Set<String> INTRINSICS = Set.of(
            "java/lang/Double.longBitsToDouble", "java/lang/Double.doubleToRawLongBits",
            "java/lang/Float.intBitsToFloat", "java/lang/Float.floatToRawIntBits", "java/lang/Math.sqrt",
            "java/lang/Integer.compareUnsigned", "java/lang/Long.compareUnsigned");

    @Test
    void casesThatCallHelpersAreParsedFirst() throws IOException {
        Map<Integer, List<String>> calls = callsByCase();
        TreeSet<Integer> callers = new TreeSet<>();
        calls.forEach((key, methods) -> {
            if (methods.stream().anyMatch(m -> !m.startsWith(NUMERICS + ".") && !INTRINSICS.contains(m))) {
                callers.add(key);
            }
        });
        assertFalse(callers.isEmpty(), "found no case calling a helper: the test no longer sees the loop");
        assertTrue(calls.keySet().stream().anyMatch(key -> key < Opcodes.UNREACHABLE),
                "no numeric case below the control instructions: they are no longer parsed last");
        // The control instructions open the block of cases that call helpers.
        assertTrue(callers.first() >= Opcodes.UNREACHABLE, "cases calling a helper other than an intrinsic or"
                + " Numerics must be numbered from UNREACHABLE (" + Opcodes.UNREACHABLE + ") on: " + callers);
    }

    /** For each case of the loop's switch, the methods it invokes, as {@code owner.name}. */
    private static Map<Integer, List<String>> callsByCase() throws IOException {
        MethodModel execute;
        try (InputStream in = Interpreter.class.getResourceAsStream("Interpreter.class")) {
            execute = ClassFile.of().parse(in.readAllBytes()).methods().stream()
                    .filter(m -> m.methodName().equalsString("execute"))
                    .findFirst()
                    .orElseThrow();
        }
        List<CodeElement> code = execute.findAttribute(Attributes.code()).orElseThrow().elementList();
        TableSwitchInstruction dispatch = code.stream()
                .filter(TableSwitchInstruction.class::isInstance)
                .map(TableSwitchInstruction.class::cast)
                .max((x, y) -> Integer.compare(x.cases().size(), y.cases().size()))
                .orElseThrow();
        Map<Label, List<Integer>> keysAt = new HashMap<>();
        Map<Integer, List<String>> calls = new HashMap<>();
        for (SwitchCase c : dispatch.cases()) {
            if (c.target() != dispatch.defaultTarget()) {
                keysAt.computeIfAbsent(c.target(), label -> new ArrayList<>()).add(c.caseValue());
                calls.put(c.caseValue(), new ArrayList<>());
            }
        }
        List<Integer> current = List.of();
        boolean inSwitch = false;
        for (CodeElement element : code) {
            if (element == dispatch) {
                inSwitch = true;
            } else if (inSwitch && element instanceof LabelTarget target) {
                if (target.label() == dispatch.defaultTarget()) {
                    break;
                }
                List<Integer> keys = keysAt.get(target.label());
                if (keys != null) {
                    current = keys;
                }
            } else if (inSwitch && element instanceof InvokeInstruction invoke
                    && !invoke.name().equalsString("<init>")) {
                for (int key : current) {
                    calls.get(key).add(invoke.owner().asInternalName() + "." + invoke.name().stringValue());
                }
            }
        }
        return calls;
    }
}
