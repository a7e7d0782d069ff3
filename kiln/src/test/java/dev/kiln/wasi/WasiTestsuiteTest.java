package dev.kiln.wasi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kiln.EngineKind;
import dev.kiln.Runtime;
import dev.kiln.RuntimeConfig;
import dev.kiln.TrapException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every preview1 program of the official WASI test suite ({@code shared/wasi-testsuite},
 * see its README) on every engine: arguments, environment and a scratch copy of the root
 * directory (preopened as {@code /}) from the program's JSON spec, an empty stdin, and the
 * expected exit code and stdout/stderr prefixes. Programs listed in
 * {@code wasi-testsuite-exclusions.txt} must still fail; one that passes is a stale exclusion
 * and fails its test.
 */
class WasiTestsuiteTest {

    private static final Path SUITE = Path.of(System.getProperty("kiln.shared", "../../shared"), "wasi-testsuite",
            "tests");
    private static final List<String> SUITES = List.of("c", "rust", "assemblyscript");
    private static final int PROGRAMS = 72;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final AtomicInteger PASSED = new AtomicInteger();
    private static final AtomicInteger FAILED = new AtomicInteger();
    private static final AtomicInteger EXCLUDED = new AtomicInteger();

    @TempDir
    static Path scratch;

    /** One program and what its spec expects. */
    record Program(String suite, Path wasm, List<String> args, Map<String, String> env, Path root, int exitCode,
                   String stdout, String stderr) {

        String name() {
            String file = wasm.getFileName().toString();
            return suite + "/" + file.substring(0, file.length() - ".wasm".length());
        }
    }

    record Outcome(int exitCode, String stdout, String stderr, String trap) {}

    @TestFactory
    Stream<DynamicTest> everyProgramOnEveryEngine() throws IOException {
        Map<String, String> exclusions = exclusions();
        List<Program> programs = programs();
        assertEquals(PROGRAMS, programs.size(), "programs in " + SUITE);
        for (String excluded : exclusions.keySet()) {
            assertTrue(programs.stream().anyMatch(p -> p.name().equals(excluded)), "unknown exclusion " + excluded);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (EngineKind engine : EngineKind.values()) {
            for (Program program : programs) {
                tests.add(DynamicTest.dynamicTest(program.name() + " [" + engine.cliName() + "]",
                        () -> check(program, engine, exclusions.get(program.name()))));
            }
        }
        return tests.stream();
    }

    /** Each class counts its own runs (a subclass runs the suite again, on host paths). */
    @BeforeAll
    static void resetCounts() {
        PASSED.set(0);
        FAILED.set(0);
        EXCLUDED.set(0);
    }

    @AfterAll
    static void summary() {
        System.out.printf("WASI test suite: %d passed, %d failed, %d excluded (of %d programs x %d engines)%n",
                PASSED.get(), FAILED.get(), EXCLUDED.get(), PROGRAMS, EngineKind.values().length);
    }

    private static void check(Program program, EngineKind engine, String exclusion) throws IOException {
        Outcome outcome = run(program, engine);
        String problem = problem(program, outcome);
        if (exclusion != null) {
            EXCLUDED.incrementAndGet();
            if (problem == null) {
                fail("stale exclusion: " + program.name() + " passes now (excluded because: " + exclusion + ")");
            }
            return;
        }
        if (problem != null) {
            FAILED.incrementAndGet();
            fail(program.name() + ": " + problem + "\nstdout: " + outcome.stdout() + "\nstderr: " + outcome.stderr());
        }
        PASSED.incrementAndGet();
    }

    /** What is wrong with {@code outcome}, or {@code null} if it is what the spec expects. */
    private static String problem(Program program, Outcome outcome) {
        if (outcome.trap() != null) {
            return "trapped: " + outcome.trap();
        }
        if (outcome.exitCode() != program.exitCode()) {
            return "exit code " + outcome.exitCode() + ", expected " + program.exitCode();
        }
        if (program.stdout() != null && !outcome.stdout().startsWith(program.stdout())) {
            return "stdout does not start with '" + program.stdout() + "'";
        }
        if (program.stderr() != null && !outcome.stderr().startsWith(program.stderr())) {
            return "stderr does not start with '" + program.stderr() + "'";
        }
        return null;
    }

    private static Outcome run(Program program, EngineKind engine) throws IOException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        List<String> argv = new ArrayList<>();
        argv.add(program.wasm().getFileName().toString());
        argv.addAll(program.args());
        WasiConfig config = WasiConfig.defaults()
                .withArgs(argv)
                .withEnvironment(program.env())
                .withStdin(InputStream.nullInputStream())
                .withStdout(stdout)
                .withStderr(stderr);
        Path root = null;
        if (program.root() != null) {
            root = Files.createTempDirectory(scratch, program.wasm().getFileName().toString());
            copyTree(program.root(), root);
            config = config.withPreopen(root, "/");
        }
        RuntimeConfig runtimeConfig = RuntimeConfig.defaults().withEngine(engine).withCallTimeout(TIMEOUT);
        try (Runtime runtime = Runtime.create(runtimeConfig); Wasi wasi = Wasi.instantiate(runtime, config)) {
            int exitCode = wasi.run(runtime.instantiate(runtime.compile(Files.readAllBytes(program.wasm()))));
            return new Outcome(exitCode, stdout.toString(UTF_8), stderr.toString(UTF_8), null);
        } catch (TrapException trap) {
            return new Outcome(134, stdout.toString(UTF_8), stderr.toString(UTF_8), trap.describe());
        } finally {
            if (root != null) {
                deleteTree(root);
            }
        }
    }

    private static List<Program> programs() throws IOException {
        List<Program> programs = new ArrayList<>();
        for (String suite : SUITES) {
            Path folder = SUITE.resolve(suite).resolve("testsuite").resolve("wasm32-wasip1");
            try (Stream<Path> files = Files.list(folder)) {
                for (Path wasm : files.filter(f -> f.toString().endsWith(".wasm")).sorted().toList()) {
                    programs.add(program(suite, wasm));
                }
            }
        }
        return programs;
    }

    @SuppressWarnings("unchecked")
    private static Program program(String suite, Path wasm) throws IOException {
        String base = wasm.getFileName().toString().replaceFirst("\\.wasm$", "");
        Path specFile = wasm.resolveSibling(base + ".json");
        Map<String, Object> spec = Files.exists(specFile)
                ? (Map<String, Object>) Json.parse(Files.readString(specFile)) : Map.of();
        if (spec.containsKey("operations")) {
            spec = fromOperations((List<Object>) spec.get("operations"));
        }
        List<String> args = new ArrayList<>();
        for (Object arg : (List<Object>) spec.getOrDefault("args", List.of())) {
            args.add((String) arg);
        }
        Map<String, String> env = new LinkedHashMap<>();
        ((Map<String, Object>) spec.getOrDefault("env", Map.of())).forEach((k, v) -> env.put(k, (String) v));
        Path root = spec.containsKey("root") ? wasm.resolveSibling((String) spec.get("root")) : null;
        int exitCode = ((Number) spec.getOrDefault("exit_code", 0)).intValue();
        return new Program(suite, wasm, args, env, root, exitCode, (String) spec.get("stdout"),
                (String) spec.get("stderr"));
    }

    /** The operation-based spec form, reduced to the legacy keys: a run, reads, a wait. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> fromOperations(List<Object> operations) {
        Map<String, Object> spec = new TreeMap<>();
        for (Object o : operations) {
            Map<String, Object> op = (Map<String, Object>) o;
            switch ((String) op.get("type")) {
                case "run" -> {
                    for (String key : List.of("args", "env", "root")) {
                        if (op.containsKey(key)) {
                            spec.put(key, op.get(key));
                        }
                    }
                }
                case "read" -> spec.put((String) op.get("id"), op.get("payload"));
                case "wait" -> spec.put("exit_code", op.getOrDefault("exit_code", 0));
                default -> throw new IllegalArgumentException("unsupported operation " + op.get("type"));
            }
        }
        return spec;
    }

    private static Map<String, String> exclusions() throws IOException {
        Map<String, String> exclusions = new TreeMap<>();
        try (InputStream in = WasiTestsuiteTest.class.getResourceAsStream("/wasi-testsuite-exclusions.txt")) {
            for (String line : new String(in.readAllBytes(), UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int colon = trimmed.indexOf(':');
                if (colon <= 0 || trimmed.substring(colon + 1).isBlank()) {
                    throw new IllegalStateException("exclusion without a reason: " + line);
                }
                exclusions.put(trimmed.substring(0, colon).strip(), trimmed.substring(colon + 1).strip());
            }
        }
        return exclusions;
    }

    /** Copies a fixture folder, links as links, leaving out leftover {@code *.cleanup} files and folders. */
    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.getFileName().toString().endsWith(".cleanup")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!file.getFileName().toString().endsWith(".cleanup")) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS,
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Just enough JSON for the specs: objects, arrays, strings, numbers, booleans, null. */
    static final class Json {
        private final String text;
        private int at;

        private Json(String text) {
            this.text = text;
        }

        static Object parse(String text) {
            Json json = new Json(text);
            Object value = json.value();
            json.space();
            if (json.at != text.length()) {
                throw json.error("trailing characters");
            }
            return value;
        }

        private Object value() {
            space();
            char c = text.charAt(at);
            switch (c) {
                case '{' -> {
                    at++;
                    Map<String, Object> object = new LinkedHashMap<>();
                    space();
                    if (text.charAt(at) == '}') {
                        at++;
                        return object;
                    }
                    do {
                        space();
                        String key = string();
                        space();
                        expect(':');
                        object.put(key, value());
                        space();
                    } while (text.charAt(at++) == ',');
                    if (text.charAt(at - 1) != '}') {
                        throw error("expected }");
                    }
                    return object;
                }
                case '[' -> {
                    at++;
                    List<Object> array = new ArrayList<>();
                    space();
                    if (text.charAt(at) == ']') {
                        at++;
                        return array;
                    }
                    do {
                        array.add(value());
                        space();
                    } while (text.charAt(at++) == ',');
                    if (text.charAt(at - 1) != ']') {
                        throw error("expected ]");
                    }
                    return array;
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    for (String word : List.of("true", "false", "null")) {
                        if (text.startsWith(word, at)) {
                            at += word.length();
                            return word.equals("null") ? null : Boolean.valueOf(word);
                        }
                    }
                    int start = at;
                    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                        at++;
                    }
                    if (start == at) {
                        throw error("unexpected character");
                    }
                    String number = text.substring(start, at);
                    return number.matches("-?\\d+") ? (Object) Long.valueOf(number) : Double.valueOf(number);
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = text.charAt(at++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(e);
                }
            }
        }

        private void expect(char c) {
            if (text.charAt(at) != c) {
                throw error("expected " + c);
            }
            at++;
        }

        private void space() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException(message + " at " + at + " in " + text);
        }
    }
}
