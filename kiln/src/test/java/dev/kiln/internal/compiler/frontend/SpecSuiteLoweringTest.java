package dev.kiln.internal.compiler.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.CompileException;
import dev.kiln.internal.binary.ModuleDecoder;
import dev.kiln.internal.compiler.ssa.Function;
import dev.kiln.internal.compiler.ssa.Verifier;
import dev.kiln.internal.compiler.ssa.VerifierError;
import dev.kiln.internal.validate.Validator;
import dev.kiln.internal.wasm.Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every function of every valid module of the spec suite (the {@code .wasm} files of
 * {@code ${kiln.shared}/spectest/v1} and {@code v2}: those that decode and validate) lowers to
 * SSA that passes the verifier, except the functions using {@code v128}, which are refused (and
 * only in the {@code simd_*} scripts). The counts are exact, so a function that stops lowering
 * (or a module that stops validating) shows.
 */
class SpecSuiteLoweringTest {

    private static final Path SPECTEST = Path.of(System.getProperty("kiln.shared", "../../shared"), "spectest");

    /** What one folder gave. */
    private record Counts(int modules, int lowered, int refused, List<String> failures) {}

    @Test
    void everyFunctionOfV1LowersAndVerifies() throws IOException {
        Counts counts = lowerAll("v1");
        assertEquals(List.of(), counts.failures());
        assertEquals(0, counts.refused(), "v1 has no v128");
        assertEquals(List.of(885, 3069), List.of(counts.modules(), counts.lowered()), "modules and functions lowered in v1");
    }

    @Test
    void everyFunctionOfV2LowersAndVerifiesOrIsRefusedForV128() throws IOException {
        Counts counts = lowerAll("v2");
        assertEquals(List.of(), counts.failures());
        assertEquals(List.of(1758, 4622, 1628), List.of(counts.modules(), counts.lowered(), counts.refused()),
                "modules, functions lowered and functions refused in v2");
    }

    private static Counts lowerAll(String folder) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(SPECTEST.resolve(folder))) {
            files = list.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
        int modules = 0;
        int lowered = 0;
        int refused = 0;
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            Module module;
            try {
                module = ModuleDecoder.decode(Files.readAllBytes(file));
                Validator.validate(module);
            } catch (CompileException e) {
                continue; // a module the suite expects to be malformed or invalid
            }
            modules++;
            Frontend frontend = new Frontend(module);
            for (int f = 0; f < frontend.functionCount(); f++) {
                String where = folder + "/" + file.getFileName() + " function " + (module.importedFunctionCount() + f);
                Function function;
                try {
                    function = frontend.lower(f);
                } catch (CompileException e) {
                    assertEquals(CompileException.Reason.UNSUPPORTED, e.reason(), where);
                    assertTrue(e.getMessage().contains("v128"), where + ": " + e.getMessage());
                    refused++;
                    if (!file.getFileName().toString().startsWith("simd_")) {
                        failures.add(where + " is refused outside the SIMD scripts: " + e.getMessage());
                    }
                    continue;
                } catch (RuntimeException e) {
                    failures.add(where + ": " + e);
                    continue;
                }
                List<VerifierError> errors = Verifier.verify(function);
                if (errors.isEmpty()) {
                    lowered++;
                } else {
                    failures.add(where + ": " + errors.size() + " errors, first " + errors.getFirst().message());
                }
            }
        }
        System.out.printf("frontend over spectest %s: %d modules, %d functions lowered and verified, %d refused (v128)%n",
                folder, modules, lowered, refused);
        return new Counts(modules, lowered, refused, failures.subList(0, Math.min(failures.size(), 20)));
    }
}
