package dev.kiln.internal.spectest;

import dev.kiln.EngineKind;
import dev.kiln.RuntimeConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code kiln spectest [--engine NAME] [--verbose] PATH...}: runs wast2json scripts (a {@code .json}
 * file, or every {@code .json} under a directory), prints one line per script
 * ({@code folder/file.json: passed/failed/skipped}, then its failures), and last exactly
 * {@code N passed, M failed, K skipped}. Exits 1 if anything failed, 2 on bad usage.
 */
public final class SpecTestCommand {

    static final String USAGE = "usage: kiln spectest [--engine NAME] [--verbose] PATH...";
    private static final int MAX_FAILURES_SHOWN = 20;

    private SpecTestCommand() {}

    /** Runs the command; returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        RuntimeConfig config = RuntimeConfig.defaults();
        boolean verbose = false;
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--engine" -> {
                    if (++i == args.length) {
                        err.println(USAGE);
                        return 2;
                    }
                    try {
                        config = config.withEngine(EngineKind.fromCliName(args[i]));
                    } catch (IllegalArgumentException e) {
                        err.println("kiln: " + e.getMessage());
                        return 2;
                    }
                }
                case "--verbose" -> verbose = true;
                default -> paths.add(Path.of(args[i]));
            }
        }
        if (paths.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        try {
            Summary summary = runAll(scripts(paths), config, out, verbose);
            return summary.failed() == 0 ? 0 : 1;
        } catch (IOException e) {
            err.println("kiln: " + e.getMessage());
            return 2;
        }
    }

    /** The totals of a run. */
    public record Summary(int passed, int failed, int skipped) {
        @Override
        public String toString() {
            return passed + " passed, " + failed + " failed, " + skipped + " skipped";
        }
    }

    /** Runs {@code scripts} in order, printing per-script lines and the summary to {@code out}. */
    public static Summary runAll(List<Path> scripts, RuntimeConfig config, PrintStream out, boolean verbose)
            throws IOException {
        Exclusions exclusions = Exclusions.load();
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        for (Path script : scripts) {
            String name = script.getParent().getFileName() + "/" + script.getFileName();
            ScriptResult r = new ScriptRunner(script, name, config, exclusions).run();
            out.println(name + ": " + r.passed() + "/" + r.failed() + "/" + r.skipped());
            r.failures().stream().limit(verbose ? Long.MAX_VALUE : MAX_FAILURES_SHOWN).forEach(f -> out.println("  FAIL " + f));
            if (!verbose && r.failures().size() > MAX_FAILURES_SHOWN) {
                out.println("  ... " + (r.failures().size() - MAX_FAILURES_SHOWN) + " more failures (--verbose shows all)");
            }
            r.skipReasons().forEach(reason -> out.println("  skipped: " + reason));
            passed += r.passed();
            failed += r.failed();
            skipped += r.skipped();
        }
        Summary summary = new Summary(passed, failed, skipped);
        out.println(summary);
        return summary;
    }

    /** The scripts named by {@code paths}: files as given, directories searched for {@code *.json}, sorted. */
    public static List<Path> scripts(List<Path> paths) throws IOException {
        List<Path> scripts = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> found = Files.walk(path)) {
                    found.filter(p -> p.toString().endsWith(".json")).sorted().forEach(scripts::add);
                }
            } else if (Files.isRegularFile(path)) {
                scripts.add(path);
            } else {
                throw new IOException("no such file or directory: " + path);
            }
        }
        return scripts;
    }
}
