package dev.kiln;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs examples/java/HostFunctionExample.java the way a user would, so the example cannot rot. */
class JavaExampleTest {

    private static final Path ROOT = Path.of(System.getProperty("kiln.root", "..")).toAbsolutePath();

    @Test
    void theEmbeddingExampleCallsItsHostFunction() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path classes = ROOT.resolve("kiln/target/classes");
        Process process = new ProcessBuilder(List.of(java.toString(), "-p", classes.toString(), "--add-modules", "dev.kiln",
                "--enable-native-access=dev.kiln",
                ROOT.resolve("examples/java/HostFunctionExample.java").toString(),
                ROOT.resolve("examples/java/greet.wasm").toString()))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        String line = "Hello from WebAssembly, via a Java host function";
        assertEquals(line + "\n" + line + "\n" + line + "\ngreet(3) returned 6\n", output);
        assertEquals(0, process.exitValue());
    }
}
