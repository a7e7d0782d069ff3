package dev.kiln.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed C guests ({@code probe}, {@code escape}, {@code httpd}) are built from the
 * sources beside them: {@code build.sh} records the SHA-256 of every {@code .c} and
 * {@code .wasm} it leaves in {@code guests.sha256}, and a source or binary that no longer matches
 * (edited without running {@code build.sh}) fails here, on machines without clang too.
 * {@code build.sh --check}, which needs clang, checks that the sources still build to the
 * committed binaries.
 */
class GuestSourcesTest {

    @Test
    void everyGuestAndItsSourceAreAsBuildShLeftThem() throws IOException, URISyntaxException {
        Path directory = Path.of(GuestSourcesTest.class.getResource("guests.sha256").toURI()).getParent();
        Map<String, String> recorded = new TreeMap<>();
        for (String line : Files.readAllLines(directory.resolve("guests.sha256"))) {
            String[] fields = line.split(" +\\*?", 2);
            recorded.put(fields[1], fields[0]);
        }
        Map<String, String> actual = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(GuestSourcesTest::isGuestFile).toList()) {
                actual.put(file.getFileName().toString(), sha256(file));
            }
        }
        assertEquals(recorded, actual, "run kiln/src/test/resources/dev/kiln/wasi/build.sh after changing a guest");
        assertEquals(List.of("escape.c", "escape.wasm", "httpd.c", "httpd.wasm", "probe.c", "probe.wasm"),
                List.copyOf(actual.keySet()));
    }

    private static boolean isGuestFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".c") || name.endsWith(".wasm");
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
