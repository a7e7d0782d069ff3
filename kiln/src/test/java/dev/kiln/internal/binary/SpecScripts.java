package dev.kiln.internal.binary;

import dev.kiln.internal.spectest.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The spec test scripts in the shared folder: their JSON files and module commands. */
final class SpecScripts {

    /** One command of a script that names a module file. */
    record Command(Path script, String type, long line, String filename, String text, String moduleType) {

        /** The module file, resolved beside the script. */
        Path file() {
            return script.resolveSibling(filename);
        }

        /** Whether the module is a binary (a {@code .wasm}), not a text-format {@code .wat}. */
        boolean isBinary() {
            return "module".equals(type) ? filename.endsWith(".wasm") : "binary".equals(moduleType);
        }

        /** {@code v1/binary.json:123}, for messages and exclusion lists. */
        String where() {
            return script.getParent().getFileName() + "/" + script.getFileName() + ":" + line;
        }
    }

    private SpecScripts() {}

    /** The shared folder, from the build's {@code kiln.shared} property. */
    static Path shared() {
        String dir = System.getProperty("kiln.shared");
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("system property kiln.shared is not set (the build sets it)");
        }
        return Path.of(dir);
    }

    /** The JSON scripts of a spectest folder ({@code v1} or {@code v2}), sorted by name. */
    static List<Path> scripts(String folder) {
        Path dir = shared().resolve("spectest").resolve(folder);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commands of a script that name a module file, in order. */
    @SuppressWarnings("unchecked")
    static List<Command> commands(Path script) {
        Map<String, Object> json;
        try {
            json = (Map<String, Object>) Json.parse(Files.readString(script));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Command> result = new ArrayList<>();
        for (Object o : (List<Object>) json.get("commands")) {
            Map<String, Object> c = (Map<String, Object>) o;
            if (c.get("filename") instanceof String filename) {
                result.add(new Command(script, (String) c.get("type"), (Long) c.get("line"), filename,
                        (String) c.get("text"), (String) c.get("module_type")));
            }
        }
        return result;
    }

    /** The bytes of a file. */
    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
