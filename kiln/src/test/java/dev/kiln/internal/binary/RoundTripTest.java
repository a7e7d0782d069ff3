package dev.kiln.internal.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.internal.binary.SpecScripts.Command;
import dev.kiln.internal.wasm.Module;
import dev.kiln.testing.TestModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code decode(encode(decode(bytes)))} must have the same contents as {@code decode(bytes)} for
 * every module the spec tests expect to decode, and encoding must be stable: encoding the
 * re-decoded module gives the same bytes again.
 */
class RoundTripTest {

    private static final Set<String> DECODABLE = Set.of("module", "assert_invalid", "assert_unlinkable",
            "assert_uninstantiable");
    private static final AtomicInteger ROUND_TRIPS = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> v1() {
        return scripts("v1");
    }

    @TestFactory
    Stream<DynamicTest> v2() {
        return scripts("v2");
    }

    /** Real programs: the benchmark kernels and the Rust WASI test binaries (about 2 MB each). */
    @TestFactory
    Stream<DynamicTest> programs() {
        Path shared = SpecScripts.shared();
        return Stream.concat(wasmFiles(shared.resolve("bench/wasm")),
                        wasmFiles(shared.resolve("wasi-testsuite/tests/rust/testsuite/wasm32-wasip1")))
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    String failure = roundTrip(SpecScripts.read(file));
                    assertTrue(failure == null, failure);
                }));
    }

    @AfterAll
    static void report() {
        System.out.println("round trips: " + ROUND_TRIPS.get() + " modules");
    }

    static Stream<Path> wasmFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".wasm")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<DynamicTest> scripts(String folder) {
        return SpecScripts.scripts(folder).stream()
                .map(script -> DynamicTest.dynamicTest(folder + "/" + script.getFileName(), () -> check(script)));
    }

    private static void check(Path script) {
        List<String> failures = new ArrayList<>();
        for (Command c : SpecScripts.commands(script)) {
            if (c.isBinary() && DECODABLE.contains(c.type()) && !SpecBinaryTest.EXCLUDED.containsKey(c.where())) {
                String failure = roundTrip(SpecScripts.read(c.file()));
                if (failure != null) {
                    failures.add(c.where() + " " + c.filename() + ": " + failure);
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** {@code null} if the module survives the round trip, else the first difference. */
    static String roundTrip(byte[] bytes) {
        Module first = ModuleDecoder.decode(bytes);
        byte[] encoded = ModuleEncoder.encode(first);
        Module second = ModuleDecoder.decode(encoded);
        List<String> a = TestModule.contents(first);
        List<String> b = TestModule.contents(second);
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "(nothing)";
            String y = i < b.size() ? b.get(i) : "(nothing)";
            if (!x.equals(y)) {
                return "line " + i + " differs: '" + x + "' became '" + y + "'";
            }
        }
        if (!first.names().equals(second.names())) {
            return "names differ";
        }
        assertArrayEquals(encoded, ModuleEncoder.encode(second), "encoding is stable");
        ROUND_TRIPS.incrementAndGet();
        return null;
    }
}
