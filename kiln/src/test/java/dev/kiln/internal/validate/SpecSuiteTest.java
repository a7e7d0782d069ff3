package dev.kiln.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kiln.CompileException;
import dev.kiln.internal.wasm.Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the validator over the official WebAssembly 2.0 test suite (the {@code .json} command
 * lists and {@code .wasm} files of {@code shared/spectest/v2}): every module the suite expects
 * to be valid must validate, and every {@code assert_invalid} module must be rejected with the
 * suite's message phrase. Skipped when the suite is not beside the checkout.
 */
class SpecSuiteTest {

    private static final Pattern COMMAND = Pattern.compile(
            "\\{\"type\": \"(module|assert_invalid|assert_unlinkable|assert_uninstantiable)\", \"line\": (\\d+)"
                    + "(?:, \"name\": \"[^\"]*\")?, \"filename\": \"([^\"]+\\.wasm)\"(?:, \"text\": \"([^\"]*)\")?");

    private static final Pattern KINDS = Pattern.compile(
            "\"type\": \"(module|assert_invalid|assert_unlinkable|assert_uninstantiable)\"");

    /**
     * Binaries that do not say what their text source said, so their expected message cannot be
     * met: {@code select (result)} with no type was written as a plain {@code select}.
     */
    private static final java.util.Set<String> UNFAITHFUL_BINARIES = java.util.Set.of("select.2.wasm");

    @TestFactory
    Stream<DynamicTest> suite() throws IOException {
        Path directory = Path.of(System.getProperty("kiln.shared", "../shared"), "spectest", "v2");
        Assumptions.assumeTrue(Files.isDirectory(directory), "no spec suite at " + directory);
        List<Path> scripts;
        try (Stream<Path> files = Files.list(directory)) {
            scripts = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        return scripts.stream().map(script -> DynamicTest.dynamicTest(script.getFileName().toString(),
                () -> runScript(directory, script)));
    }

    private static void runScript(Path directory, Path script) throws IOException {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        int skipped = 0;
        String text = Files.readString(script);
        Matcher matcher = COMMAND.matcher(text);
        while (matcher.find()) {
            String kind = matcher.group(1);
            if (UNFAITHFUL_BINARIES.contains(matcher.group(3))) {
                skipped++;
                continue;
            }
            String where = script.getFileName() + ":" + matcher.group(2) + " (" + matcher.group(3) + ")";
            Module module = SpecBinaryReader.read(Files.readAllBytes(directory.resolve(matcher.group(3))));
            String problem = kind.equals("assert_invalid")
                    ? expectInvalid(module, matcher.group(4))
                    : expectValid(module);
            if (problem != null) {
                failures.add(where + ": " + problem);
            }
            checked++;
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + checked + " modules judged wrongly:\n" + String.join("\n", failures));
        }
        assertEquals(countCommands(text), checked + skipped, "commands the pattern did not read in " + script);
    }

    /** Counts the commands of the kinds {@link #COMMAND} reads, to catch lines it misses. */
    private static int countCommands(String text) {
        Matcher kinds = KINDS.matcher(text);
        int count = 0;
        while (kinds.find()) {
            count++;
        }
        return count;
    }

    private static String expectValid(Module module) {
        try {
            Validator.validate(module);
            return null;
        } catch (CompileException e) {
            return "rejected a valid module: " + e.getMessage();
        }
    }

    private static String expectInvalid(Module module, String phrase) {
        try {
            Validator.validate(module);
            return "accepted, expected \"" + phrase + "\"";
        } catch (CompileException e) {
            if (e.reason() != CompileException.Reason.INVALID || !e.getMessage().contains(phrase)) {
                return "expected \"" + phrase + "\", got " + e.reason() + ": " + e.getMessage();
            }
            return null;
        }
    }
}
