package dev.kiln.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kiln.CompileException;
import dev.kiln.EngineKind;
import dev.kiln.Function;
import dev.kiln.Global;
import dev.kiln.Instance;
import dev.kiln.Memory;
import dev.kiln.Runtime;
import dev.kiln.RuntimeConfig;
import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import dev.kiln.ValueType;
import dev.kiln.testing.RandomModules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The compiler's differential test: every module {@link RandomModules} generates is valid, and
 * running it on the interpreter (the semantic reference) and on the compiler gives the same
 * outcome — each exported function's results or trap kind, the globals, a hash of memory — with
 * no exception but traps.
 *
 * <p>{@code -Dkiln.differential.count=N} sets how many seeds run (default 10,000: the count the compiler issue asks CI to run).
 */
class RandomModuleTest {

    private static final int COUNT = Integer.getInteger("kiln.differential.count", 10_000);

    @Test
    void theCompilerAgreesWithTheInterpreterOnGeneratedModules() {
        Map<TrapKind, Integer> traps = new EnumMap<>(TrapKind.class);
        int calls = 0;
        for (long seed = 0; seed < COUNT; seed++) {
            byte[] wasm = RandomModules.generate(seed).encode();
            List<String> first = run(EngineKind.INTERPRETER, wasm, seed, traps);
            List<String> second = run(EngineKind.COMPILER, wasm, seed, new EnumMap<>(TrapKind.class));
            assertEquals(first, second, "seed " + seed + " ran differently on the compiler");
            calls += first.size() - 5;
        }
        System.out.println("RandomModuleTest: " + COUNT + " modules, " + calls + " calls, traps " + traps);
        assertTrue(traps.size() >= 5, "the generator reaches several kinds of trap: " + traps);
        assertTrue(calls > COUNT, "most modules export several functions");
    }

    /**
     * Slot-form values as text, every NaN as {@code nan}: which NaN an arithmetic instruction
     * gives when an operand is a NaN is the implementation's choice (the spec asks only for a
     * quiet one), and the two engines choose differently (x86 keeps the first operand's, Java's
     * {@code a + b} either).
     */
    private static String values(List<ValueType> types, long[] slots) {
        List<String> text = new ArrayList<>();
        for (int k = 0; k < slots.length; k++) {
            text.add(value(types.get(k), slots[k]));
        }
        return text.toString();
    }

    private static String value(ValueType type, long slot) {
        boolean nan = switch (type) {
            case F32 -> Float.isNaN(Float.intBitsToFloat((int) slot));
            case F64 -> Double.isNaN(Double.longBitsToDouble(slot));
            default -> false;
        };
        return nan ? "nan" : Long.toString(slot);
    }

    /**
     * The outcome of calling every exported function once, in order, then the final state; on a
     * fresh runtime of {@code engine}, so each module's code goes when its runtime closes.
     */
    private static List<String> run(EngineKind engine, byte[] wasm, long seed, Map<TrapKind, Integer> traps) {
        List<String> outcome = new ArrayList<>();
        try (Runtime runtime = Runtime.create(RuntimeConfig.defaults().withEngine(engine))) {
            Instance instance;
            try {
                instance = runtime.instantiate(runtime.compile(wasm));
            } catch (CompileException e) {
                fail("seed " + seed + " generated an invalid module: " + e.getMessage(), e);
                return outcome;
            }
            for (int f = 0; instance.hasFunction("f" + f); f++) {
                Function function = instance.function("f" + f);
                long[] args = RandomModules.arguments(function.type(), seed * 31 + f);
                try {
                    outcome.add("f" + f + " -> " + values(function.type().results(), function.call(args)));
                } catch (TrapException trap) {
                    traps.merge(trap.kind(), 1, Integer::sum);
                    outcome.add("f" + f + " traps " + trap.kind());
                }
            }
            for (int g = 0; g < 4; g++) {
                Global global = instance.global("g" + g);
                outcome.add("g" + g + " = " + value(global.type(), global.get()));
            }
            Memory memory = instance.memory();
            byte[] bytes = memory.read(0, (int) memory.size());
            outcome.add("memory " + memory.size() + " bytes, hash " + Arrays.hashCode(bytes));
        }
        return outcome;
    }
}
