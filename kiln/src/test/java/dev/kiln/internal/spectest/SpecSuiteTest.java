package dev.kiln.internal.spectest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.RuntimeConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The official WebAssembly test suite on the interpreter. Every assertion must pass or be listed
 * in exclusions.txt; the totals must add up to the suite's assertion counts (from
 * shared/spectest/README.md), so no script can drop out unnoticed.
 */
class SpecSuiteTest {

    private static final Path SPECTEST = Path.of(System.getProperty("kiln.shared", "../../shared"), "spectest");

    @Test
    void v1PassesOnTheInterpreter() throws Exception {
        assertSuite("v1", 18_438);
    }

    @Test
    void v2PassesOnTheInterpreter() throws Exception {
        assertSuite("v2", 52_143);
    }

    private static void assertSuite(String folder, int assertions) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        var summary = SpecTestCommand.runAll(SpecTestCommand.scripts(List.of(SPECTEST.resolve(folder))),
                RuntimeConfig.defaults(), out, false);
        String report = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(folder + " (interpreter): " + summary);
        assertEquals(0, summary.failed(), report);
        assertEquals(assertions, summary.passed() + summary.skipped(), "assertions counted in " + folder);
    }
}
