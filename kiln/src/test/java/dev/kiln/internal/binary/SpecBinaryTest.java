package dev.kiln.internal.binary;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.CompileException;
import dev.kiln.internal.binary.SpecScripts.Command;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the binary-format verdicts of the official spec tests (v1 and v2) against the decoder:
 * every {@code module} and every binary {@code assert_invalid}, {@code assert_unlinkable} and
 * {@code assert_uninstantiable} file must decode (those fail only in later stages), and every
 * binary {@code assert_malformed} file must be rejected as MALFORMED. One test per script.
 */
class SpecBinaryTest {

    /**
     * Cases whose expected verdict cannot hold under the 2.0 binary rules this decoder implements,
     * keyed by {@code folder/script.json:line}, with the reason. They are not skipped silently:
     * each must still fail its expectation, so an entry that starts passing is reported.
     */
    static final Map<String, String> EXCLUDED = Map.of(
            "v1/binary.json:50",
            "binary.32.wasm: call_indirect with byte 0x01 after the type index. In 1.0 that byte was "
                    + "reserved (\"zero flag expected\"); in 2.0 it is the table index, so the module "
                    + "decodes (and fails validation: unknown table 1).",
            "v2/memory_init.json:190",
            "memory_init.4.wasm: assert_invalid \"unknown data segment\" for data.drop 0 in a module "
                    + "without data segments. wast2json wrote no data count section, and 2.0 makes a "
                    + "binary that uses data.drop without one malformed (\"data count section required\"); "
                    + "the text module in the .wast is only invalid.",
            "v2/memory_init.json:227",
            "memory_init.9.wasm: assert_invalid \"unknown memory 0\" for memory.init in a module "
                    + "without memory or data segments. As above, wast2json wrote no data count "
                    + "section, so under 2.0 the binary is malformed (\"data count section required\").");

    /** Per folder: [decoded, rejected as malformed, of those with the spec's message, excluded]. */
    private static final Map<String, int[]> COUNTS = new ConcurrentSkipListMap<>();
    private static final int DECODED = 0;
    private static final int REJECTED = 1;
    private static final int SAME_MESSAGE = 2;
    private static final int EXCLUDED_SEEN = 3;

    @TestFactory
    Stream<DynamicTest> v1() {
        return scripts("v1");
    }

    @TestFactory
    Stream<DynamicTest> v2() {
        return scripts("v2");
    }

    @AfterAll
    static void report() {
        COUNTS.forEach((folder, n) -> System.out.printf("spec binary verdicts %s: %d decoded as expected, %d "
                + "rejected as malformed as expected (%d with the spec's message), %d excluded%n",
                folder, n[DECODED], n[REJECTED], n[SAME_MESSAGE], n[EXCLUDED_SEEN]));
    }

    private static synchronized void count(Command c, int what) {
        COUNTS.computeIfAbsent(c.script().getParent().getFileName().toString(), k -> new int[4])[what]++;
    }

    private static Stream<DynamicTest> scripts(String folder) {
        return SpecScripts.scripts(folder).stream()
                .map(script -> DynamicTest.dynamicTest(folder + "/" + script.getFileName(), () -> check(script)));
    }

    private static void check(Path script) {
        List<String> failures = new ArrayList<>();
        for (Command c : SpecScripts.commands(script)) {
            if (!c.isBinary()) {
                continue; // text-format modules: Kiln has no text parser
            }
            String failure = verdict(c);
            if (EXCLUDED.containsKey(c.where())) {
                count(c, EXCLUDED_SEEN);
                if (failure == null) {
                    failures.add(c.where() + ": excluded, but now passes; remove it from EXCLUDED");
                }
            } else if (failure != null) {
                failures.add(c.where() + " " + c.filename() + ": " + failure);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** {@code null} if the decoder's verdict matches the command, else what went wrong. */
    static String verdict(Command c) {
        byte[] bytes = SpecScripts.read(c.file());
        switch (c.type()) {
            case "module", "assert_invalid", "assert_unlinkable", "assert_uninstantiable" -> {
                try {
                    ModuleDecoder.decode(bytes);
                    count(c, DECODED);
                    return null;
                } catch (CompileException e) {
                    return c.type() + " must decode, but: " + e.getMessage();
                }
            }
            case "assert_malformed" -> {
                try {
                    ModuleDecoder.decode(bytes);
                    return "decoded, but must be malformed (" + c.text() + ")";
                } catch (CompileException e) {
                    if (e.reason() != CompileException.Reason.MALFORMED) {
                        return "rejected as " + e.reason() + ", but must be MALFORMED: " + e.getMessage();
                    }
                    count(c, REJECTED);
                    if (e.getMessage().startsWith(c.text())) {
                        count(c, SAME_MESSAGE);
                    } else if (Boolean.getBoolean("kiln.showMessages")) {
                        System.out.println("message " + c.where() + " expected '" + c.text() + "' got '"
                                + e.getMessage() + "'");
                    }
                    return null;
                }
            }
            default -> {
                return "unknown command type " + c.type();
            }
        }
    }
}
