package dev.kiln.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kiln.CompileException;
import dev.kiln.Function;
import dev.kiln.Instance;
import dev.kiln.Memory;
import dev.kiln.Runtime;
import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import dev.kiln.testing.RandomModules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generator of {@link RandomModules} and the harness the compiler's differential test will
 * use: every generated module is valid, and running it twice on fresh runtimes gives the same
 * outcome (each exported function's results or trap kind, the globals, a hash of memory), with
 * no exception but traps. Once the compiler engine exists, the second run moves to it.
 *
 * <p>{@code -Dkiln.differential.count=N} sets how many seeds run (default 10,000: the count the compiler issue asks CI to run).
 */
class RandomModuleTest {

    private static final int COUNT = Integer.getInteger("kiln.differential.count", 10_000);

    @Test
    void generatedModulesAreValidAndRunDeterministically() {
        Map<TrapKind, Integer> traps = new EnumMap<>(TrapKind.class);
        int calls = 0;
        for (long seed = 0; seed < COUNT; seed++) {
            byte[] wasm = RandomModules.generate(seed).encode();
            List<String> first = run(wasm, seed, traps);
            List<String> second = run(wasm, seed, new EnumMap<>(TrapKind.class));
            assertEquals(first, second, "seed " + seed + " ran differently the second time");
            calls += first.size() - 5;
        }
        System.out.println("RandomModuleTest: " + COUNT + " modules, " + calls + " calls, traps " + traps);
        assertTrue(traps.size() >= 5, "the generator reaches several kinds of trap: " + traps);
        assertTrue(calls > COUNT, "most modules export several functions");
    }

    /** The outcome of calling every exported function once, in order, then the final state. */
    private static List<String> run(byte[] wasm, long seed, Map<TrapKind, Integer> traps) {
        List<String> outcome = new ArrayList<>();
        try (Runtime runtime = Runtime.create()) {
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
                    outcome.add("f" + f + " -> " + Arrays.toString(function.call(args)));
                } catch (TrapException trap) {
                    traps.merge(trap.kind(), 1, Integer::sum);
                    outcome.add("f" + f + " traps " + trap.kind());
                }
            }
            for (int g = 0; g < 4; g++) {
                outcome.add("g" + g + " = " + instance.global("g" + g).get());
            }
            Memory memory = instance.memory();
            byte[] bytes = memory.read(0, (int) memory.size());
            outcome.add("memory " + memory.size() + " bytes, hash " + Arrays.hashCode(bytes));
        }
        return outcome;
    }
}
