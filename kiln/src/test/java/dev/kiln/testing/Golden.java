package dev.kiln.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code kiln/src/test/resources}: read from the source tree, not the
 * class path, so that {@code -Dkiln.bless=true} can rewrite them with what the code now
 * produces (review the diff, then commit it).
 */
public final class Golden {

    /** Where the golden files are. */
    public static final Path DIRECTORY = Path.of(System.getProperty("kiln.root", ".."), "kiln", "src", "test", "resources");

    private static final boolean BLESS = Boolean.getBoolean("kiln.bless");

    private Golden() {}

    /** The text of a golden file, by its path under {@link #DIRECTORY}. */
    public static String read(String name) {
        try {
            return Files.readString(DIRECTORY.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that golden file {@code name} holds {@code actual}, or, when blessing, writes it. */
    public static void check(String name, String actual) {
        Path file = DIRECTORY.resolve(name);
        try {
            if (BLESS) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual);
                return;
            }
            assertTrue(Files.exists(file), file + " is missing; run the test with -Dkiln.bless=true to write it");
            assertEquals(Files.readString(file), actual, file + " differs; if the change is intended, rerun with -Dkiln.bless=true");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
