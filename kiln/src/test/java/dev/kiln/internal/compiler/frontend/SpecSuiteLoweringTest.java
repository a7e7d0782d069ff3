package dev.kiln.internal.compiler.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.CompileException;
import dev.kiln.TrapKind;
import dev.kiln.internal.binary.ModuleDecoder;
import dev.kiln.internal.compiler.pass.Pipeline;
import dev.kiln.internal.compiler.ssa.Block;
import dev.kiln.internal.compiler.ssa.Function;
import dev.kiln.internal.compiler.ssa.Instruction;
import dev.kiln.internal.compiler.ssa.Opcode;
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
 * SSA that passes the verifier, and verifies again after the pass {@link Pipeline} (which must
 * leave fewer instructions and checks in all), except the functions using {@code v128}, which
 * are refused (and only in the {@code simd_*} scripts). The counts are exact, so a function that stops lowering
 * (or a module that stops validating) shows.
 */
class SpecSuiteLoweringTest {

    private static final Path SPECTEST = Path.of(System.getProperty("kiln.shared", "../../shared"), "spectest");

    /** What one folder gave. */
    private record Counts(int modules, int lowered, int refused, Size frontend, Size simplified, Size optimized,
                          List<String> failures) {}

    /** Instructions, how many are {@code trapif}s (checks), and how many of those memory bounds checks. */
    private record Size(long instructions, long checks, long boundsChecks) {
        static Size of(Function f) {
            long instructions = 0;
            long checks = 0;
            long boundsChecks = 0;
            for (Block b : f.blocks()) {
                for (Instruction i = b.first(); i != null; i = i.next()) {
                    instructions++;
                    if (i.opcode() == Opcode.TRAPIF) {
                        checks++;
                        boundsChecks += i.trapKind() == TrapKind.MEMORY_OUT_OF_BOUNDS ? 1 : 0;
                    }
                }
            }
            return new Size(instructions, checks, boundsChecks);
        }

        Size plus(Size other) {
            return new Size(instructions + other.instructions, checks + other.checks, boundsChecks + other.boundsChecks);
        }
    }

    @Test
    void everyFunctionOfV1LowersAndVerifies() throws IOException {
        Counts counts = lowerAll("v1");
        assertEquals(List.of(), counts.failures());
        assertEquals(0, counts.refused(), "v1 has no v128");
        assertEquals(List.of(885, 3069), List.of(counts.modules(), counts.lowered()), "modules and functions lowered in v1");
        assertSmaller(counts);
    }

    @Test
    void everyFunctionOfV2LowersAndVerifiesOrIsRefusedForV128() throws IOException {
        Counts counts = lowerAll("v2");
        assertEquals(List.of(), counts.failures());
        assertEquals(List.of(1758, 4622, 1628), List.of(counts.modules(), counts.lowered(), counts.refused()),
                "modules, functions lowered and functions refused in v2");
        assertSmaller(counts);
    }

    /**
     * The pipeline pays: fewer instructions and fewer checks than the frontend made, and the
     * jumps that splitting critical edges adds do not take all of that back.
     */
    private static void assertSmaller(Counts counts) {
        assertTrue(counts.simplified().instructions() < counts.frontend().instructions(), counts.toString());
        assertTrue(counts.simplified().checks() < counts.frontend().checks(), counts.toString());
        assertTrue(counts.optimized().instructions() < counts.frontend().instructions(), counts.toString());
    }

    private static Counts lowerAll(String folder) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(SPECTEST.resolve(folder))) {
            files = list.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
        int modules = 0;
        int lowered = 0;
        int refused = 0;
        Size frontendSize = new Size(0, 0, 0);
        Size simplifiedSize = new Size(0, 0, 0);
        Size optimizedSize = new Size(0, 0, 0);
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
                if (!errors.isEmpty()) {
                    failures.add(where + ": " + errors.size() + " errors, first " + errors.getFirst().message());
                    continue;
                }
                lowered++;
                frontendSize = frontendSize.plus(Size.of(function));
                Pipeline.simplify(function, verifyAfterEachChange(function, where, failures));
                simplifiedSize = simplifiedSize.plus(Size.of(function));
                Pipeline.prepare(function, verifyAfterEachChange(function, where, failures));
                errors = Verifier.verify(function);
                if (!errors.isEmpty()) {
                    failures.add(where + " after the pipeline: " + errors.size() + " errors, first "
                            + errors.getFirst().message());
                }
                optimizedSize = optimizedSize.plus(Size.of(function));
            }
        }
        System.out.printf("frontend over spectest %s: %d modules, %d functions lowered and verified, %d refused (v128)%n",
                folder, modules, lowered, refused);
        System.out.printf("pipeline over spectest %s: instructions %d -> %d simplified -> %d with edges split;"
                        + " trapifs %d -> %d, of which bounds checks %d -> %d%n", folder, frontendSize.instructions(),
                simplifiedSize.instructions(), optimizedSize.instructions(), frontendSize.checks(), optimizedSize.checks(),
                frontendSize.boundsChecks(), optimizedSize.boundsChecks());
        return new Counts(modules, lowered, refused, frontendSize, simplifiedSize, optimizedSize,
                failures.subList(0, Math.min(failures.size(), 20)));
    }

    /**
     * The pipeline's dump hook, which it calls after each pass that changed the function (with
     * the text, headed by the pass), turned into a verification there: a pass that leaves bad IR,
     * or a control-flow change that a later pass's reused graph does not see, is named.
     */
    private static java.util.function.Consumer<String> verifyAfterEachChange(Function function, String where,
                                                                             List<String> failures) {
        return dump -> {
            List<VerifierError> errors = Verifier.verify(function);
            if (!errors.isEmpty()) {
                failures.add(where + " " + dump.lines().findFirst().orElse("") + ": " + errors.size()
                        + " errors, first " + errors.getFirst().message());
            }
        };
    }
}
