package dev.kiln.internal.compiler.engine;

import dev.kiln.WasmStackFrame;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The Linux {@code perf} map of compiled code: {@code /tmp/perf-<pid>.map}, one line
 * {@code START SIZE name} (hex, no prefix) per function as modules compile, so a profile of a
 * process running Kiln names Wasm functions instead of anonymous addresses.
 *
 * <p>Off by default; {@code -Dkiln.perfmap=true} turns it on and {@code -Dkiln.perfmap.dir}
 * puts the file elsewhere (tests). Every runtime of the process appends to the one file, which
 * is what {@code perf} reads; code of a closed runtime stays listed (perf ignores entries for
 * addresses no sample hits).
 */
final class PerfMap {

    private static final Object LOCK = new Object();

    private final Path file;

    private PerfMap(Path file) {
        this.file = file;
    }

    /** The map the system properties ask for, or {@code null} when it is off. */
    static PerfMap fromSystemProperties() {
        if (!Boolean.getBoolean("kiln.perfmap")) {
            return null;
        }
        Path dir = Path.of(System.getProperty("kiln.perfmap.dir", "/tmp"));
        return new PerfMap(dir.resolve("perf-" + ProcessHandle.current().pid() + ".map"));
    }

    /** The name perf shows: {@code wasm:module!function}, with the index where a name is missing. */
    static String symbol(WasmStackFrame frame) {
        String module = frame.moduleName() == null ? "" : frame.moduleName();
        String function = frame.functionName() == null ? "[" + frame.functionIndex() + "]" : frame.functionName();
        return "wasm:" + module + "!" + function;
    }

    /** Appends one module's functions: {@code addresses[k]}, {@code lengths[k]}, {@code frames[k]}. */
    void append(long[] addresses, int[] lengths, WasmStackFrame[] frames) {
        StringBuilder lines = new StringBuilder();
        for (int k = 0; k < addresses.length; k++) {
            lines.append(String.format(Locale.ROOT, "%x %x %s%n", addresses[k], lengths[k], symbol(frames[k])));
        }
        synchronized (LOCK) { // one process-wide file: whole modules, never interleaved lines
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                out.write(lines.toString());
            } catch (IOException e) {
                // A profiling aid must not fail a compile: the module runs, the log says why perf won't name it.
                System.getLogger(PerfMap.class.getName()).log(System.Logger.Level.WARNING,
                        "cannot write the perf map " + file + ": " + e.getMessage());
            }
        }
    }
}
