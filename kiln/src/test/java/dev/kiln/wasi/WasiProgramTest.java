package dev.kiln.wasi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Runtime;
import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Runs {@code probe.wasm} (a C program, see its source next to it) through {@link Wasi#run}. */
class WasiProgramTest {

    private record Result(int exitCode, String stdout, String stderr) {}

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    static byte[] probe() {
        try (InputStream in = WasiProgramTest.class.getResourceAsStream("probe.wasm")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Result run(UnaryOperator<WasiConfig> configure, String... args) {
        stdout.reset();
        stderr.reset();
        WasiConfig config = configure.apply(WasiConfig.defaults()
                .withArgs(args)
                .withStdin(InputStream.nullInputStream())
                .withStdout(stdout)
                .withStderr(stderr));
        try (Runtime runtime = Runtime.create()) {
            Wasi wasi = Wasi.instantiate(runtime, config);
            int exitCode = wasi.run(runtime.instantiate(runtime.compile(probe())));
            return new Result(exitCode, stdout.toString(UTF_8), stderr.toString(UTF_8));
        }
    }

    private Result run(String... args) {
        return run(config -> config, args);
    }

    @Test
    void argvIsWhatTheConfigurationSays() {
        Result result = run("probe.wasm", "args", "two words", "ünïcode", "");
        assertEquals(new Result(0, """
                argc=5
                argv[0]=probe.wasm
                argv[1]=args
                argv[2]=two words
                argv[3]=ünïcode
                argv[4]=
                """, ""), result);
    }

    @Test
    void theEnvironmentIsExactlyTheConfiguredOne() {
        Result result = run(config -> config.withEnvironmentVariable("A", "1").withEnvironmentVariable("B", "x=y"),
                "probe", "env");
        assertEquals("A=1\nB=x=y\ncount=2\n", result.stdout());
        assertEquals("count=0\n", run("probe", "env").stdout());
    }

    @Test
    void stdinIsCopiedToStdoutUntilEndOfInput() {
        String text = "line one\nline two, a little longer\n\u00e9\n";
        Result result = run(config -> config.withStdin(new ByteArrayInputStream(text.getBytes(UTF_8))), "probe", "cat");
        assertEquals(text, result.stdout());
        assertEquals("read " + text.getBytes(UTF_8).length + " bytes, last read returned 0\n", result.stderr());
    }

    @Test
    void theExitCodeOfProcExitIsReturnedAndLibcBuffersAreFlushedFirst() {
        assertEquals(new Result(42, "bye", ""), run("probe", "exit", "42"));
    }

    @Test
    void returningFromMainIsExitCodeZeroOrMainsResult() {
        assertEquals(0, run("probe", "args").exitCode());
        assertEquals(2, run("probe", "no-such-mode").exitCode(), "wasi-libc calls proc_exit with main's result");
    }

    @Test
    void aTrapKeepsWhatWasWrittenBeforeIt() {
        TrapException trap = assertThrows(TrapException.class, () -> run("probe", "trap"));
        assertEquals(TrapKind.UNREACHABLE, trap.kind());
        assertEquals("about to trap\n", stdout.toString(UTF_8));
        assertTrue(trap.describe().contains("crash"), trap.describe());
    }

    @Test
    void stdioLooksLikeATerminalThatCannotSeek() {
        assertEquals("""
                fd0 fdstat=0 type=2 isatty=1
                fd1 fdstat=0 type=2 isatty=1
                fd2 fdstat=0 type=2 isatty=1
                seek=70
                tell=70
                prestat3=8
                sync=0
                write99=8
                """, run("probe", "stdio").stdout());
    }

    @Test
    void clocksWork() {
        assertEquals("""
                realtime after 2020: 1
                monotonic: 1
                res=0
                cputime=0
                bad clock=28
                """, run("probe", "clock").stdout());
    }

    @Test
    void randomBytesComeFromTheConfiguredSource() {
        byte[] expected = new byte[16];
        new Random(7).nextBytes(expected);
        StringBuilder hex = new StringBuilder();
        for (byte b : expected) {
            hex.append(String.format("%02x", b));
        }
        assertEquals("random=0 " + hex + "\n", run(config -> config.withRandom(new Random(7)), "probe", "random").stdout());
    }

    @Test
    void deterministicClocksAndASeedMakeRunsReproducible() {
        UnaryOperator<WasiConfig> reproducible = config -> config
                .withDeterministicClock(java.time.Instant.parse("2031-05-06T07:08:09Z"), java.time.Duration.ofMillis(1))
                .withRandomSeed(7);
        Result first = run(reproducible, "probe", "random");
        assertEquals(first, run(reproducible, "probe", "random"));
        byte[] expected = new byte[16];
        new SeededRandom(7).nextBytes(expected);
        StringBuilder hex = new StringBuilder();
        for (byte b : expected) {
            hex.append(String.format("%02x", b));
        }
        assertEquals("random=0 " + hex + "\n", first.stdout());
        assertEquals("""
                realtime after 2020: 1
                monotonic: 1
                res=0
                cputime=0
                bad clock=28
                """, run(reproducible, "probe", "clock").stdout());
    }

    @Test
    void closingStdoutMakesLaterWritesEbadf() {
        Result result = run("probe", "close");
        assertEquals("closing\n", result.stdout());
        assertEquals("close=0 write=8\n", result.stderr());
    }
}
