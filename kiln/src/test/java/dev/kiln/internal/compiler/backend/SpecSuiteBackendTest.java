package dev.kiln.internal.compiler.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.CompileException;
import dev.kiln.internal.binary.ModuleDecoder;
import dev.kiln.internal.compiler.Dump;
import dev.kiln.internal.compiler.FunctionCompiler;
import dev.kiln.internal.compiler.pass.Pipeline;
import dev.kiln.internal.compiler.regalloc.RegisterAllocator;
import dev.kiln.internal.nativecode.CpuFeatures;
import dev.kiln.internal.validate.Validator;
import dev.kiln.internal.wasm.Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every function of the spec suite's valid modules goes through the whole pipeline
 * ({@link FunctionCompiler}: frontend, passes, lowering, register allocation checked by
 * {@code RegAllocChecker}, emission) without an error, or is refused with
 * {@link CompileException.Reason#UNSUPPORTED} (v128, which the compiler does not compile yet). The counts
 * are exact, so a function that starts failing, or a construct newly lowered, shows; the
 * refusals are counted by reason.
 */
class SpecSuiteBackendTest {

    private static final Path SPECTEST = Path.of(System.getProperty("kiln.shared", "../../shared"), "spectest");

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
        assertEquals(Map.of("v128", 1628), counts.refused(), "functions refused, by what they use");
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
            FunctionCompiler compiler = new FunctionCompiler(module, CpuFeatures.host(), NO_EXITS,
                    f -> Pipeline.run(f, null), RegisterAllocator::allocateChecked, Dump.NONE);
            for (int f = 0; f < compiler.functionCount(); f++) {
                String where = folder + "/" + file.getFileName() + " function " + (module.importedFunctionCount() + f);
                try {
                    compiler.compile(f);
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

    /** "... uses v128 (i32x4.splat), which ..." → "v128"; "uses X (op), which ..." → "op". */
    private static String reason(String message) {
        if (message.contains("v128")) {
            return "v128";
        }
        int open = message.indexOf('(');
        int close = message.indexOf(')', open);
        return open < 0 || close < 0 ? message : message.substring(open + 1, close);
    }
}
