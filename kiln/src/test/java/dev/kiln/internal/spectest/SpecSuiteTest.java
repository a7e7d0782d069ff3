package dev.kiln.internal.spectest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.EngineKind;
import dev.kiln.RuntimeConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official WebAssembly test suite on every engine. Every assertion must pass or be listed in
 * exclusions.txt; the totals must add up to the suite's assertion counts (from
 * shared/spectest/README.md), so no script can drop out unnoticed; and the compiler must pass
 * exactly as many as the interpreter, the semantic reference.
 */
class SpecSuiteTest {

    private static final Path SPECTEST = Path.of(System.getProperty("kiln.shared", "../../shared"), "spectest");

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void v1Passes(EngineKind engine) throws Exception {
        assertSuite("v1", engine, 18_438, 17_995);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void v2Passes(EngineKind engine) throws Exception {
        assertSuite("v2", engine, 52_143, 26_032);
    }

    private static void assertSuite(String folder, EngineKind engine, int assertions, int passed) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        var summary = SpecTestCommand.runAll(SpecTestCommand.scripts(List.of(SPECTEST.resolve(folder))),
                RuntimeConfig.defaults().withEngine(engine), out, false);
        String report = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(folder + " (" + engine.cliName() + "): " + summary);
        assertEquals(0, summary.failed(), report);
        assertEquals(assertions, summary.passed() + summary.skipped(), "assertions counted in " + folder);
        assertEquals(passed, summary.passed(), "assertions passed in " + folder);
    }
}
