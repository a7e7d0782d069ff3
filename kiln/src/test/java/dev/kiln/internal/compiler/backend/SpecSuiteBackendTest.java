package dev.kiln.internal.compiler.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.CompileException;
import dev.kiln.internal.binary.ModuleDecoder;
import dev.kiln.internal.compiler.frontend.Frontend;
import dev.kiln.internal.compiler.ssa.Function;
import dev.kiln.internal.nativecode.CpuFeatures;
import dev.kiln.internal.nativecode.ModuleContextLayout;
import dev.kiln.internal.validate.Validator;
import dev.kiln.internal.wasm.Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every function of the spec suite's valid modules that the frontend lowers goes through the
 * backend — lowering, allocation, emission — without an error, or is refused by the lowering
 * with {@link CompileException.Reason#UNSUPPORTED} for what it does not lower yet. The counts
 * are exact, so a function that starts failing, or a construct newly lowered, shows; the
 * refusals are counted by reason.
 */
class SpecSuiteBackendTest {

    private static final Path SPECTEST = Path.of(System.getProperty("kiln.shared", "../../shared"), "spectest");
    private static final Consumer<MachineFunction> ALLOCATOR = SpillEverywhere::allocate;

    /** Exits at made-up addresses: the code is emitted, never run. */
    private static final ExitCalls NO_EXITS = new ExitCalls() {
        @Override
        public long trampoline(dev.kiln.internal.nativecode.ExitCode exit) {
            return 0x7000_0000_0000L + 64L * exit.ordinal();
        }

        @Override
        public int hostId(dev.kiln.internal.nativecode.ExitCode exit) {
            return exit.ordinal();
        }
    };

    private record Counts(int emitted, Map<String, Integer> refused, List<String> failures) {}

    @Test
    void everyFunctionOfV1IsEmittedOrRefused() throws IOException {
        Counts counts = compileAll("v1");
        assertEquals(List.of(), counts.failures());
        assertEquals(3069, counts.emitted(), "functions emitted");
        assertEquals(Map.of(), counts.refused(), "functions refused, by what they use");
    }

    @Test
    void everyFunctionOfV2IsEmittedOrRefused() throws IOException {
        Counts counts = compileAll("v2");
        assertEquals(List.of(), counts.failures());
        assertEquals(4622, counts.emitted(), "functions emitted");
        assertEquals(Map.of(), counts.refused(), "functions refused, by what they use");
    }

    private static Counts compileAll(String folder) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(SPECTEST.resolve(folder))) {
            files = list.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
        int emitted = 0;
        Map<String, Integer> refused = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            Module module;
            try {
                module = ModuleDecoder.decode(Files.readAllBytes(file));
                Validator.validate(module);
            } catch (CompileException e) {
                continue; // a module the suite expects to be malformed or invalid
            }
            Frontend frontend = new Frontend(module);
            Lowering.ModuleInfo info = Lowering.ModuleInfo.of(module, ModuleContextLayout.of(module));
            for (int f = 0; f < frontend.functionCount(); f++) {
                String where = folder + "/" + file.getFileName() + " function " + (module.importedFunctionCount() + f);
                Function ssa;
                try {
                    ssa = frontend.lower(f);
                } catch (CompileException e) {
                    continue; // v128, which SpecSuiteLoweringTest counts
                }
                try {
                    MachineFunction m = Lowering.lower(ssa, info, CpuFeatures.host(), NO_EXITS);
                    ALLOCATOR.accept(m);
                    Emitter.emit(m);
                    emitted++;
                } catch (CompileException e) {
                    refused.merge(reason(e.getMessage()), 1, Integer::sum);
                } catch (RuntimeException e) {
                    failures.add(where + ": " + e);
                }
            }
        }
        System.out.printf("backend over spectest %s: %d functions emitted, refused %s%n", folder, emitted, refused);
        return new Counts(emitted, refused, failures.subList(0, Math.min(failures.size(), 20)));
    }

    /** "uses X (op), which ..." → "op". */
    private static String reason(String message) {
        int open = message.indexOf('(');
        int close = message.indexOf(')', open);
        return open < 0 || close < 0 ? message : message.substring(open + 1, close);
    }
}
