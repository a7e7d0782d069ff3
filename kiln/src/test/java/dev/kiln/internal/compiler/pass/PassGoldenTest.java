package dev.kiln.internal.compiler.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.internal.compiler.ssa.Function;
import dev.kiln.internal.compiler.ssa.Parser;
import dev.kiln.internal.compiler.ssa.Printer;
import dev.kiln.internal.compiler.ssa.Verifier;
import dev.kiln.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each pass before and after: every {@code pass/<name>/X.ssa} is parsed and verified, the pass
 * {@code <name>} runs on it, the result verifies and prints as {@code X.ssa.expected} (bless
 * with {@code -Dkiln.bless=true}). The pass must say truly whether it changed the text, and a
 * second run must change nothing (each pass goes to its own fixed point). {@code pipeline/}
 * runs the whole {@link Pipeline}, {@code loop-nesting/} prints the analysis.
 */
class PassGoldenTest {

    private static final List<String> PASSES = List.of("dead-blocks", "redundant-parameters", "dead-code",
            "constant-folding", "loop-invariants", "value-numbering", "bounds-checks", "check-versioning", "critical-edges", "block-layout");

    private static List<String> inputs(String folder) throws IOException {
        try (Stream<Path> files = Files.list(Golden.DIRECTORY.resolve("pass").resolve(folder))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ssa"))
                    .sorted().map(n -> "pass/" + folder + "/" + n).toList();
        }
    }

    private static Function parseValid(String name) {
        Function f = Parser.parse(Golden.read(name));
        assertEquals(List.of(), Verifier.verify(f), name + " is valid IR");
        return f;
    }

    @TestFactory
    Stream<DynamicTest> eachPassOnItsInputs() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String pass : PASSES) {
            for (String name : inputs(pass)) {
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    Function f = parseValid(name);
                    String before = Printer.print(f);
                    boolean changed = Pipeline.named(pass).run(f);
                    assertEquals(List.of(), Verifier.verify(f), pass + " leaves valid IR");
                    String after = Printer.print(f);
                    Golden.check(name + ".expected", after);
                    assertEquals(!before.equals(after), changed, pass + " says whether it changed " + name);
                    assertFalse(Pipeline.named(pass).run(f), pass + " run again on its output changes nothing");
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> thePipeline() throws IOException {
        return inputs("pipeline").stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Function f = parseValid(name);
            List<String> dumps = new ArrayList<>();
            Pipeline.run(f, dumps::add);
            assertEquals(List.of(), Verifier.verify(f));
            String after = Printer.print(f);
            Golden.check(name + ".expected", after);
            assertTrue(dumps.getLast().endsWith(after) && dumps.getLast().startsWith("; after "), dumps.getLast());
        }));
    }

    @TestFactory
    Stream<DynamicTest> loopNesting() throws IOException {
        return inputs("loop-nesting").stream().map(name -> DynamicTest.dynamicTest(name, () ->
                Golden.check(name + ".expected", new LoopNesting(parseValid(name)).print())));
    }

    /** Every folder under {@code pass/} is one of the above, so no input goes untested. */
    @Test
    void everyFolderIsTested() throws IOException {
        List<String> folders;
        try (Stream<Path> list = Files.list(Golden.DIRECTORY.resolve("pass"))) {
            folders = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        List<String> tested = new ArrayList<>(PASSES);
        tested.addAll(List.of("pipeline", "loop-nesting"));
        assertEquals(tested.stream().sorted().toList(), folders);
        for (String folder : folders) {
            assertFalse(inputs(folder).isEmpty(), folder + " has inputs");
        }
    }
}
