package dev.kiln.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds small C programs of its own with the machine's gcc. */
class NativeEngineTest {

    @TempDir
    Path dir;

    private Kernel kernel(String name, String cSource) throws IOException {
        Path source = dir.resolve("src").resolve(name + ".c");
        Files.createDirectories(source.getParent());
        Files.writeString(source, cSource);
        return new Kernel(name, "7", 0, dir.resolve(name + ".wasm"), source, List.of());
    }

    private static final String ECHO = """
            #include <stdio.h>
            int main(int argc, char **argv) { printf("echo checksum=%s kernel_ms=1.5\\n", argv[1]); return 0; }
            """;

    @Test
    void runsTheBuiltProgramWithTheKernelsArguments() throws IOException {
        Kernel echo = kernel("echo", ECHO);
        try (WasiCommand command = new NativeEngine(dir.resolve("build")).load(echo)) {
            assertEquals(new KernelOutput("echo", 42, 1.5), KernelOutput.parse(command.run(List.of("echo", "42"))));
        }
    }

    @Test
    void buildsOnceAndAgainOnlyWhenTheSourceIsNewer() throws IOException {
        Kernel echo = kernel("echo", ECHO);
        Path build = dir.resolve("build");
        new NativeEngine(build).load(echo);
        Path executable = build.resolve("echo");
        FileTime old = FileTime.fromMillis(Files.getLastModifiedTime(echo.source()).toMillis() + 10_000);
        Files.setLastModifiedTime(executable, old);
        new NativeEngine(build).load(echo);
        assertEquals(old, Files.getLastModifiedTime(executable), "rebuilt although up to date");
        Files.setLastModifiedTime(echo.source(), FileTime.fromMillis(old.toMillis() + 10_000));
        new NativeEngine(build).load(echo);
        assertNotEquals(old, Files.getLastModifiedTime(executable), "not rebuilt after the source changed");
    }

    @Test
    void aCompileErrorQuotesGcc() throws IOException {
        Kernel broken = kernel("broken", "int main(void) { return missing; }\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new NativeEngine(dir.resolve("build")).load(broken));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void aWasmFeatureFlagDefinesTheMacroItsWasmBuildPredefines() {
        Kernel bulk = KernelCatalog.select(KernelCatalog.load(KernelCatalog.defaultDirectory(), SizeClass.SMALL),
                List.of("memops_bulk")).getFirst();
        assertEquals(List.of("-O2", "-ffp-contract=off", "-D__wasm_bulk_memory__"), NativeEngine.compilerFlags(bulk));
    }
}
