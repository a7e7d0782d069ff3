package dev.kiln.bench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The standard output and error of one WASI run, held in memory: the output is the kernel's
 * result, and the error text (a usage message, say) belongs in the report of a failed run.
 */
final class CapturedOutput {

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    OutputStream stdout() {
        return stdout;
    }

    OutputStream stderr() {
        return stderr;
    }

    /**
     * What the program printed, if it exited with status 0.
     *
     * @throws IllegalStateException naming the status and quoting standard error otherwise
     */
    String result(String engine, List<String> args, int exitStatus) {
        if (exitStatus != 0) {
            throw new IllegalStateException(engine + ": " + args + " exited with status " + exitStatus + ": "
                    + stderr.toString(StandardCharsets.UTF_8).strip());
        }
        return stdout.toString(StandardCharsets.UTF_8);
    }
}
