package dev.kiln.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WasiConfigTest {

    @Test
    void defaultsGiveNothingButTheStandardStreams() {
        WasiConfig config = WasiConfig.defaults();
        assertEquals(List.of(), config.args());
        assertEquals(Map.of(), config.environment());
        assertSame(System.in, config.stdin());
        assertSame(System.out, config.stdout());
        assertSame(System.err, config.stderr());
        assertSame(WasiClock.system(), config.clock());
        assertInstanceOf(SecureRandom.class, config.random());
    }

    @Test
    void withMethodsReturnChangedCopies() {
        WasiConfig base = WasiConfig.defaults();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WasiConfig changed = base.withArgs("prog", "x").withStdout(out).withEnvironmentVariable("K", "V");
        assertNotSame(base, changed);
        assertEquals(List.of(), base.args());
        assertSame(System.out, base.stdout());
        assertEquals(List.of("prog", "x"), changed.args());
        assertSame(out, changed.stdout());
        assertEquals(Map.of("K", "V"), changed.environment());
    }

    @Test
    void theEnvironmentKeepsItsOrderAndCannotBeChangedFromOutside() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("B", "2");
        environment.put("A", "1");
        WasiConfig config = WasiConfig.defaults().withEnvironment(environment);
        environment.put("C", "3");
        assertEquals(List.of("B", "A"), List.copyOf(config.environment().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> config.environment().put("D", "4"));
        assertEquals(List.of("B", "A", "Z"),
                List.copyOf(config.withEnvironmentVariable("Z", "26").environment().keySet()));
    }

    @Test
    void theHostEnvironmentIsPassedOnlyWhenAskedFor() {
        assertEquals(System.getenv(), WasiConfig.defaults().withInheritedEnvironment().environment());
        assertTrue(WasiConfig.defaults().environment().isEmpty());
    }

    @Test
    void stringsThatCCannotRepresentAreRejected() {
        WasiConfig config = WasiConfig.defaults();
        assertThrows(IllegalArgumentException.class, () -> config.withArgs("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> config.withEnvironmentVariable("A=B", "c"));
        assertThrows(IllegalArgumentException.class, () -> config.withEnvironmentVariable("", "c"));
        assertThrows(IllegalArgumentException.class, () -> config.withEnvironmentVariable("A", "\0"));
        assertThrows(NullPointerException.class, () -> config.withStdin(null));
    }

    @Test
    void preopensAreKeptInOrderAndMustBeDirectories(@TempDir Path tmp) {
        WasiConfig config = WasiConfig.defaults().withPreopen(tmp, "/").withReadOnlyPreopen(tmp, "/ro");
        assertEquals(List.of(new WasiPreopen(tmp, "/", false), new WasiPreopen(tmp, "/ro", true)), config.preopens());
        assertEquals(List.of(), WasiConfig.defaults().preopens());
        var missing = assertThrows(IllegalArgumentException.class,
                () -> WasiConfig.defaults().withPreopen(tmp.resolve("nope"), "/"));
        assertEquals("no such directory: " + tmp.resolve("nope"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WasiPreopen(tmp, "", false));
    }
}
