package dev.kiln.internal.compiler.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.CompileException;
import dev.kiln.TrapKind;
import dev.kiln.internal.binary.ModuleDecoder;
import dev.kiln.internal.compiler.pass.Pipeline;
import dev.kiln.internal.compiler.ssa.Function;
import dev.kiln.internal.compiler.ssa.SsaInterpreter.Trapped;
import dev.kiln.internal.compiler.ssa.Verifier;
import dev.kiln.internal.compiler.ssa.VerifierError;
import dev.kiln.internal.spectest.Json;
import dev.kiln.internal.wasm.Export;
import dev.kiln.internal.wasm.ExternalKind;
import dev.kiln.internal.wasm.Module;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The spec suite's own expectations, checked on the frontend's IR and again on what the pass
 * {@link Pipeline} makes of it: every {@code assert_return}
 * and {@code assert_trap} of the non-SIMD scripts on a module that imports at most the
 * {@code spectest} host module runs its function as SSA on the test interpreter
 * ({@link SsaInstance}) and must give the expected values or trap. What the IR reads
 * through the module context is laid out as the runtime lays it out, and the interpreter fails
 * any protected instruction that meets input its check should have stopped, so this checks the
 * lowering's meaning, not just its form, before a backend exists. The numbers of assertions run
 * and skipped are exact.
 */
class SpecScriptsOnSsaTest {

    private static final Path SPECTEST = Path.of(System.getProperty("kiln.shared", "../../shared"), "spectest");

    /**
     * What a folder gave: assertions passed, skipped (their module imports from outside
     * {@code spectest}, or such a module may have changed it), and the failures.
     */
    private record Tally(int passed, int skipped, List<String> failures) {}

    /** The optimizer, checked after itself: every function verifies after the pipeline. */
    private static final UnaryOperator<Function> OPTIMIZED = f -> {
        Pipeline.run(f);
        List<VerifierError> errors = Verifier.verify(f);
        if (!errors.isEmpty()) {
            throw new AssertionError("after the pipeline, $" + f.name() + ": " + errors.getFirst().message());
        }
        return f;
    };

    @Test
    void v1AssertionsHoldOnTheIr() throws Exception {
        assertHold("v1", UnaryOperator.identity(), 16157, 89);
    }

    @Test
    void v2AssertionsWithoutSimdHoldOnTheIr() throws Exception {
        assertHold("v2", UnaryOperator.identity(), 22374, 1364);
    }

    /** The passes keep the meaning: the same assertions hold after the whole pipeline. */
    @Test
    void v1AssertionsHoldOnTheOptimizedIr() throws Exception {
        assertHold("v1", OPTIMIZED, 16157, 89);
    }

    @Test
    void v2AssertionsWithoutSimdHoldOnTheOptimizedIr() throws Exception {
        assertHold("v2", OPTIMIZED, 22374, 1364);
    }

    private static void assertHold(String folder, UnaryOperator<Function> passes, int passed, int skipped)
            throws InterruptedException {
        Tally tally = onBigStack(() -> run(folder, passes));
        assertEquals(List.of(), tally.failures());
        assertEquals(List.of(passed, skipped), List.of(tally.passed(), tally.skipped()),
                folder + " assertions passed and skipped");
    }

    /** The interpreter recurses once per WebAssembly call; the suite's recursions are a few thousand deep. */
    private static Tally onBigStack(java.util.function.Supplier<Tally> work) throws InterruptedException {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                outcome.set(work.get());
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "ssa-spec", 512L << 20);
        thread.start();
        thread.join();
        if (outcome.get() instanceof Throwable t) {
            throw new AssertionError(t);
        }
        return (Tally) outcome.get();
    }

    private static Tally run(String folder, UnaryOperator<Function> passes) {
        List<Path> scripts;
        try (Stream<Path> list = Files.list(SPECTEST.resolve(folder))) {
            scripts = list.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().startsWith("simd_"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int[] counts = new int[2];
        List<String> failures = new ArrayList<>();
        for (Path script : scripts) {
            runScript(script, passes, counts, failures);
        }
        System.out.printf("spec assertions on the %s IR, %s: %d passed, %d skipped, %d failed%n",
                passes == OPTIMIZED ? "optimized" : "frontend's", folder, counts[0], counts[1], failures.size());
        return new Tally(counts[0], counts[1], failures.subList(0, Math.min(failures.size(), 30)));
    }

    @SuppressWarnings("unchecked")
    private static void runScript(Path script, UnaryOperator<Function> passes, int[] counts, List<String> failures) {
        Map<String, Object> json;
        try {
            json = (Map<String, Object>) Json.parse(Files.readString(script));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, SsaInstance> named = new HashMap<>();
        SsaInstance current = null;
        Module currentModule = null;
        Map<String, Module> modules = new HashMap<>();
        Set<SsaInstance> registered = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Object o : (List<Object>) json.get("commands")) {
            Map<String, Object> command = (Map<String, Object>) o;
            String type = (String) command.get("type");
            String where = script.getParent().getFileName() + "/" + script.getFileName() + ":" + command.get("line");
            switch (type) {
                case "module" -> {
                    current = null;
                    currentModule = null;
                    try {
                        Module module = ModuleDecoder.decode(Files.readAllBytes(script.resolveSibling((String) command.get("filename"))));
                        current = new SsaInstance(module, passes);
                        currentModule = module;
                    } catch (SsaInstance.Unsupported e) {
                        // Not run here, but it may write into what it imports (active segments,
                        // its start function): the exporters' state is unknown now.
                        named.replaceAll((k, v) -> registered.contains(v) ? null : v);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (CompileException | Trapped | AssertionError e) {
                        failures.add(where + ": instantiation: " + e);
                    }
                    if (command.get("name") instanceof String name) {
                        named.put(name, current);
                        modules.put(name, currentModule);
                    }
                }
                case "assert_return", "assert_trap", "action" -> {
                    Map<String, Object> action = (Map<String, Object>) command.get("action");
                    String moduleName = (String) action.get("module");
                    SsaInstance instance = moduleName == null ? current : named.get(moduleName);
                    Module module = moduleName == null ? currentModule : modules.get(moduleName);
                    if (instance == null) {
                        counts[1] += type.equals("action") ? 0 : 1;
                        continue;
                    }
                    String failure = check(type, command, action, instance, module);
                    if (failure != null) {
                        failures.add(where + ": " + failure);
                    } else if (!type.equals("action")) {
                        counts[0]++;
                    }
                }
                case "assert_uninstantiable" ->
                        // It traps part way, after writing into what it imports, maybe.
                        named.replaceAll((k, v) -> registered.contains(v) ? null : v);
                case "register" -> {
                    String name = (String) command.get("name");
                    registered.add(name == null ? current : named.get(name));
                }
                default -> { } // validation, linking and exhaustion verdicts are not the IR's business
            }
        }
    }

    /** Runs one action; null if it did what the command expects, else what went wrong. */
    @SuppressWarnings("unchecked")
    private static String check(String type, Map<String, Object> command, Map<String, Object> action,
                                SsaInstance instance, Module module) {
        String field = (String) action.get("field");
        long[] results;
        try {
            if (action.get("type").equals("get")) {
                results = new long[] {instance.global(export(module, field, ExternalKind.GLOBAL))};
            } else {
                List<Map<String, Object>> args = (List<Map<String, Object>>) action.get("args");
                long[] values = new long[args.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = value(args.get(i));
                }
                results = instance.invoke(export(module, field, ExternalKind.FUNCTION), values);
            }
        } catch (Trapped t) {
            if (!type.equals("assert_trap")) {
                return "trapped: " + t.kind();
            }
            String text = (String) command.get("text");
            TrapKind kind = t.kind();
            return text.startsWith(kind.message()) || kind.message().startsWith(text) ? null
                    : "expected the trap \"" + text + "\", got " + kind;
        } catch (AssertionError e) {
            return e.getMessage();
        }
        if (type.equals("assert_trap")) {
            return "returned instead of trapping with \"" + command.get("text") + "\"";
        }
        if (type.equals("action")) {
            return null;
        }
        List<Map<String, Object>> expected = (List<Map<String, Object>>) command.get("expected");
        for (int i = 0; i < expected.size(); i++) {
            String mismatch = mismatch(expected.get(i), results[i]);
            if (mismatch != null) {
                return field + " result " + i + ": " + mismatch;
            }
        }
        return null;
    }

    private static int export(Module module, String name, ExternalKind kind) {
        for (Export e : module.exports()) {
            if (e.name().equals(name) && e.kind() == kind) {
                return e.index();
            }
        }
        throw new IllegalArgumentException("no export " + name);
    }

    /** An argument's slot: numbers by their bits, references as handles (N + 1; 0 is null). */
    private static long value(Map<String, Object> value) {
        String text = (String) value.get("value");
        return switch ((String) value.get("type")) {
            case "i32", "f32" -> Integer.parseUnsignedInt(text) & 0xFFFF_FFFFL;
            case "i64", "f64" -> Long.parseUnsignedLong(text);
            case "funcref", "externref" -> text.equals("null") ? 0 : Long.parseUnsignedLong(text) + 1;
            default -> throw new IllegalArgumentException("unexpected value type " + value);
        };
    }

    private static String mismatch(Map<String, Object> expected, long actual) {
        String type = (String) expected.get("type");
        String want = (String) expected.get("value");
        boolean ok = switch (type) {
            case "f32" -> matchesFloat(want, actual & 0xFFFF_FFFFL, 32);
            case "f64" -> matchesFloat(want, actual, 64);
            case "i32" -> (int) value(expected) == (int) actual;
            default -> value(expected) == actual;
        };
        return ok ? null : "expected " + type + " " + want + ", got 0x" + Long.toHexString(actual);
    }

    private static boolean matchesFloat(String want, long bits, int width) {
        long exponent = width == 32 ? 0x7F80_0000L : 0x7FF0_0000_0000_0000L;
        long mantissa = width == 32 ? 0x007F_FFFFL : 0x000F_FFFF_FFFF_FFFFL;
        long quiet = width == 32 ? 0x0040_0000L : 0x0008_0000_0000_0000L;
        boolean nan = (bits & exponent) == exponent && (bits & mantissa) != 0;
        return switch (want) {
            case "nan:canonical" -> nan && (bits & mantissa) == quiet;
            case "nan:arithmetic" -> nan && (bits & quiet) != 0;
            default -> (width == 32 ? Integer.parseUnsignedInt(want) & 0xFFFF_FFFFL : Long.parseUnsignedLong(want)) == bits;
        };
    }
}
