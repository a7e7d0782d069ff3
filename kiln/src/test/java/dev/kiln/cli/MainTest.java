package dev.kiln.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import dev.kiln.wasi.WasiGuests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    /** What one {@code kiln} command line did. */
    record Outcome(int status, String stdout, String stderr) {

        /** The one error line the command printed, without its line separator. */
        String errorLine() {
            assertEquals(1, stderr.lines().count(), "one line on stderr: " + stderr);
            return stderr.strip();
        }
    }

    @TempDir
    Path tmp;

    static Outcome kilnWithStdin(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main(new ByteArrayInputStream(stdin.getBytes(UTF_8)))
                .run(args, new PrintStream(out, false, UTF_8), new PrintStream(err, false, UTF_8));
        return new Outcome(status, out.toString(UTF_8), err.toString(UTF_8));
    }

    static Outcome kiln(String... args) {
        return kilnWithStdin("", args);
    }

    static String probe() {
        try {
            return Path.of(MainTest.class.getResource("/dev/kiln/wasi/probe.wasm").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private String file(String name, byte[] contents) throws IOException {
        return Files.write(tmp.resolve(name), contents).toString();
    }

    @Test
    void noArgumentsIsAUsageError() {
        Outcome outcome = kiln();
        assertEquals(ExitStatus.USAGE, outcome.status());
        assertTrue(outcome.stderr().startsWith("kiln: missing command\nusage: kiln"), outcome.stderr());
        assertEquals("", outcome.stdout());
    }

    @Test
    void helpPrintsTheUsageWithTheExitStatuses() {
        Outcome outcome = kiln("help");
        assertEquals(0, outcome.status());
        assertTrue(outcome.stdout().startsWith("usage: kiln <command>"), outcome.stdout());
        assertTrue(outcome.stdout().contains("134  the program trapped"), outcome.stdout());
        assertTrue(outcome.stdout().contains("--engine NAME       one of: interpreter"), outcome.stdout());
    }

    @Test
    void versionPrintsTheVersion() {
        Outcome outcome = kiln("version");
        assertEquals(0, outcome.status());
        assertTrue(outcome.stdout().matches("kiln \\S+\\Rengine: (compiler|interpreter( \\(the compiler is unavailable: .+\\))?)\\R"),
                outcome.stdout());
    }

    @Test
    void badCommandLinesAreUsageErrors() {
        assertUsageError("kiln: unknown command 'rnu'", "rnu", "x.wasm");
        assertUsageError("kiln: missing MODULE.wasm", "run");
        assertUsageError("kiln: missing MODULE.wasm", "run", "--env", "A=1");
        assertUsageError("kiln: unknown option '--verbose'", "run", "--verbose", "x.wasm");
        assertUsageError("kiln: option '--engine' needs a value", "run", "--engine");
        assertUsageError("kiln: --env wants NAME=VALUE, got 'A'", "run", "--env", "A", "x.wasm");
        assertTrue(kiln("run", "--engine", "jit", "x.wasm").stderr().startsWith("kiln: unknown engine 'jit'"));
    }

    /** A usage error is this one line, pointing to {@code kiln help}, and nothing else. */
    private static void assertUsageError(String line, String... args) {
        Outcome outcome = kiln(args);
        assertEquals(ExitStatus.USAGE, outcome.status(), outcome.stderr());
        assertEquals(line + " (see 'kiln help')", outcome.errorLine());
        assertEquals("", outcome.stdout());
    }

    @Test
    void aMissingFile() {
        Outcome outcome = kiln("run", tmp.resolve("nope.wasm").toString());
        assertEquals(ExitStatus.UNREADABLE_FILE, outcome.status());
        assertEquals("kiln: cannot read " + tmp.resolve("nope.wasm") + ": no such file", outcome.errorLine());
    }

    @Test
    void aDirectoryIsUnreadable() {
        Outcome outcome = kiln("run", tmp.toString());
        assertEquals(ExitStatus.UNREADABLE_FILE, outcome.status());
        assertTrue(outcome.errorLine().startsWith("kiln: cannot read " + tmp + ": "), outcome.stderr());
    }

    @Test
    void aFileThatIsNotWebAssembly() throws IOException {
        String path = file("notes.wasm", "just some text\n".getBytes(UTF_8));
        Outcome outcome = kiln("run", path);
        assertEquals(ExitStatus.MALFORMED_MODULE, outcome.status());
        assertTrue(outcome.errorLine().startsWith("kiln: malformed module " + path + ": "), outcome.stderr());
        assertTrue(outcome.errorLine().contains("offset"), outcome.stderr());
    }

    @Test
    void anInvalidModule() throws IOException {
        Outcome outcome = kiln("run", file("invalid.wasm", TinyModules.invalid()));
        assertEquals(ExitStatus.INVALID_MODULE, outcome.status());
        assertTrue(outcome.errorLine().startsWith("kiln: invalid module "), outcome.stderr());
    }

    @Test
    void anUnknownImportNamesTheImport() throws IOException {
        Outcome outcome = kiln("run", file("imports.wasm", TinyModules.unknownImport()));
        assertEquals(ExitStatus.LINK_ERROR, outcome.status());
        assertTrue(outcome.errorLine().startsWith("kiln: cannot link "), outcome.stderr());
        assertTrue(outcome.errorLine().contains("env.missing"), outcome.stderr());
    }

    @Test
    void aModuleWithoutStartIsNotACommand() throws IOException {
        String path = file("library.wasm", TinyModules.empty());
        Outcome outcome = kiln("run", path);
        assertEquals(ExitStatus.NOT_A_COMMAND, outcome.status());
        assertEquals("kiln: " + path + " is not a WASI command: it exports no function _start of type () -> ()",
                outcome.errorLine());
    }

    @Test
    void aTrapPrintsTheMessageAndTheWebAssemblyStackTrace() {
        Outcome outcome = kiln("run", probe(), "trap");
        assertEquals(ExitStatus.TRAP, outcome.status());
        assertEquals("about to trap\n", outcome.stdout());
        var lines = outcome.stderr().lines().toList();
        assertEquals("kiln: wasm trap: unreachable", lines.getFirst());
        assertTrue(lines.size() > 2, outcome.stderr());
        assertTrue(lines.stream().skip(1).allMatch(line -> line.startsWith("\tat ")), outcome.stderr());
        assertTrue(lines.get(1).contains("crash"), "the innermost frame is named: " + outcome.stderr());
    }

    @Test
    void theProgramsExitCodeIsTheStatus() {
        assertEquals(new Outcome(42, "bye", ""), kiln("run", probe(), "exit", "42"));
        assertEquals(new Outcome(0, "bye", ""), kiln("run", probe(), "exit", "0"));
    }

    @Test
    void argvStartsWithTheFileNameAndPassesEverythingAfterTheModule() {
        Outcome outcome = kiln("run", "--engine", "interpreter", probe(), "args", "--env", "x");
        assertEquals(new Outcome(0, "argc=4\nargv[0]=probe.wasm\nargv[1]=args\nargv[2]=--env\nargv[3]=x\n", ""), outcome);
    }

    @Test
    void theEnvironmentIsExactlyTheEnvOptions() {
        assertEquals("count=0\n", kiln("run", probe(), "env").stdout());
        Outcome outcome = kiln("run", "--env", "A=1", "--env=B=x=y", "--env", "EMPTY=", "--", probe(), "env");
        assertEquals(new Outcome(0, "A=1\nB=x=y\nEMPTY=\ncount=3\n", ""), outcome);
    }

    @Test
    void stdinReachesTheProgram() {
        Outcome outcome = kilnWithStdin("piped\ninput\n", "run", probe(), "cat");
        assertEquals(new Outcome(0, "piped\ninput\n", "read 12 bytes, last read returned 0\n"), outcome);
    }

    /** A program of the official WASI suite that creates, lists and removes files in the preopen "/". */
    private static String readdirProgram() {
        return Path.of(System.getProperty("kiln.shared", "../../shared"),
                "wasi-testsuite/tests/rust/testsuite/wasm32-wasip1/fd_readdir.wasm").toString();
    }

    @Test
    void dirAndMountPreopenDirectories() throws IOException {
        Path root = Files.createDirectory(tmp.resolve("root"));
        assertEquals(0, kiln("run", "--dir", root + "::/", readdirProgram()).status());
        assertEquals(0, kiln("run", "--mount=" + root + ":/", readdirProgram()).status());
        try (var left = Files.list(root)) {
            assertEquals(0, left.count(), "the program cleaned up after itself");
        }
        Outcome readOnly = kiln("run", "--mount", root + ":/:ro", readdirProgram());
        assertEquals(ExitStatus.TRAP, readOnly.status(), "the program panics when it cannot create its directory");
        assertTrue(readOnly.stderr().contains("failed to create dir"), readOnly.stderr());
    }

    @Test
    void aMissingPreopenDirectoryIsOneLine() throws IOException {
        Outcome missing = kiln("run", "--dir", tmp.resolve("nope").toString(), probe(), "args");
        assertEquals(ExitStatus.NO_DIRECTORY, missing.status());
        assertEquals("kiln: cannot preopen " + tmp.resolve("nope") + ": no such directory", missing.errorLine());
        String file = file("plain", new byte[0]);
        Outcome notDirectory = kiln("run", "--mount", file + ":/data:ro", probe(), "args");
        assertEquals(ExitStatus.NO_DIRECTORY, notDirectory.status());
        assertEquals("kiln: cannot preopen " + file + ": not a directory", notDirectory.errorLine());
    }

    @Test
    void badPreopenSpellingsAreUsageErrors() {
        assertUsageError("kiln: --mount wants HOST:GUEST[:ro], got 'dir'", "run", "--mount", "dir", "x.wasm");
        assertUsageError("kiln: --mount wants HOST:GUEST[:ro], got 'dir::ro'", "run", "--mount", "dir::ro", "x.wasm");
        assertUsageError("kiln: --dir wants HOST[::GUEST], got 'dir::'", "run", "--dir", "dir::", "x.wasm");
        assertTrue(kiln("help").stdout().contains("--dir HOST[::GUEST]"));
    }

    /** A port nothing listens on just now. */
    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Test
    void listenPreopensASocketTheProgramServesHttpOn() throws Exception {
        String server = file("server.wasm", WasiGuests.blockingHttpServer(3));
        int port = freePort();
        CompletableFuture<Outcome> run = CompletableFuture.supplyAsync(
                () -> kiln("run", "--listen", "127.0.0.1:" + port, server));
        for (int i = 0; i < 3; i++) {
            String request = "GET /" + i + " HTTP/1.0\r\n\r\n";
            assertEquals(WasiGuests.HTTP_HEADER + request, exchange(port, request, run));
        }
        assertEquals(new Outcome(0, "", ""), run.get(60, TimeUnit.SECONDS));
    }

    /** Sends {@code request} once the server accepts connections and returns its whole answer. */
    private static String exchange(int port, String request, CompletableFuture<Outcome> server) throws Exception {
        while (true) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.getOutputStream().write(request.getBytes(UTF_8));
                return new String(socket.getInputStream().readAllBytes(), UTF_8);
            } catch (ConnectException notYet) {
                if (server.isDone()) {
                    throw new AssertionError("the server ended first: " + server.get());
                }
                Thread.sleep(10);
            }
        }
    }

    @Test
    void aPortInUseIsOneLine() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Outcome outcome = kiln("run", "--listen", "127.0.0.1:" + port, probe(), "args");
            assertEquals(ExitStatus.CANNOT_LISTEN, outcome.status());
            assertEquals("kiln: cannot listen on 127.0.0.1:" + port + ": address already in use", outcome.errorLine());
        }
    }

    @Test
    void badListenSpellingsAreUsageErrors() {
        assertUsageError("kiln: --listen wants HOST:PORT (PORT 0 to 65535), got '8080'", "run", "--listen", "8080", "x.wasm");
        assertUsageError("kiln: --listen wants HOST:PORT (PORT 0 to 65535), got 'h:65536'", "run", "--listen=h:65536", "x.wasm");
        assertUsageError("kiln: --listen wants HOST:PORT (PORT 0 to 65535), got '::1:80'", "run", "--listen", "::1:80", "x.wasm");
        assertUsageError("kiln: --listen wants HOST:PORT (PORT 0 to 65535), got 'h:x'", "run", "--listen", "h:x", "x.wasm");
    }

    @Test
    void anIpv6ListenAddressIsBracketed() throws Exception {
        try (ServerSocket v6 = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            assertTrue(v6.isBound());
        } catch (IOException noIpv6) {
            Assumptions.abort("this machine has no IPv6 loopback: " + noIpv6);
        }
        String server = file("server6.wasm", WasiGuests.blockingHttpServer(1));
        int port = freePort();
        CompletableFuture<Outcome> run = CompletableFuture.supplyAsync(
                () -> kiln("run", "--listen", "[::1]:" + port, server));
        String request = "GET /v6 HTTP/1.0\r\n\r\n";
        while (true) {
            try (Socket socket = new Socket(InetAddress.getByName("::1"), port)) {
                socket.getOutputStream().write(request.getBytes(UTF_8));
                assertEquals(WasiGuests.HTTP_HEADER + request, new String(socket.getInputStream().readAllBytes(), UTF_8));
                break;
            } catch (ConnectException notYet) {
                assertTrue(!run.isDone(), () -> "the server ended first: " + run.join());
                Thread.sleep(10);
            }
        }
        assertEquals(0, run.get(60, TimeUnit.SECONDS).status());
    }

    @Test
    void inheritEnvStartsFromTheHostEnvironmentAndEnvWins() {
        Outcome outcome = kiln("run", "--inherit-env", "--env", "KILN_TEST_VAR=set here", probe(), "env");
        assertEquals(0, outcome.status(), outcome.stderr());
        var lines = outcome.stdout().lines().toList();
        System.getenv().forEach((name, value) -> assertTrue(lines.contains(name + "=" + value), name));
        assertTrue(lines.contains("KILN_TEST_VAR=set here"));
        int expected = System.getenv().size() + (System.getenv().containsKey("KILN_TEST_VAR") ? 0 : 1);
        assertEquals("count=" + expected, lines.getLast());
        assertUsageError("kiln: option '--inherit-env' takes no value", "run", "--inherit-env=yes", "x.wasm");
    }

    @Test
    void aTimeoutStopsARunawayProgramWithOneLineAndStatus124() throws IOException {
        Outcome outcome = kiln("run", "--timeout", "300ms", file("spin.wasm", WasiGuests.spin()));
        assertEquals(ExitStatus.TIMEOUT, outcome.status());
        assertEquals("kiln: timed out after 300ms", outcome.errorLine());
    }

    @Test
    void aTimeoutAlsoStopsAProgramWaitingInPollOrAccept() throws IOException {
        Outcome sleeping = kiln("run", "--timeout=200ms", file("sleep.wasm", WasiGuests.sleepAnHour()));
        assertEquals(new Outcome(ExitStatus.TIMEOUT, "", "kiln: timed out after 200ms\n"), sleeping);
        Outcome accepting = kiln("run", "--timeout", "0.2s", "--listen", "127.0.0.1:0",
                file("server.wasm", WasiGuests.blockingHttpServer(1)));
        assertEquals(new Outcome(ExitStatus.TIMEOUT, "", "kiln: timed out after 0.2s\n"), accepting);
    }

    @Test
    void aProgramThatEndsInTimeIsUnaffected() {
        assertEquals(new Outcome(42, "bye", ""), kiln("run", "--timeout", "1m30s", probe(), "exit", "42"));
    }

    @Test
    void badTimeoutsAreUsageErrors() {
        String wanted = "kiln: --timeout wants a duration such as 30s, 500ms or 1m30s, got ";
        assertUsageError(wanted + "'10'", "run", "--timeout", "10", "x.wasm");
        assertUsageError(wanted + "'1x'", "run", "--timeout", "1x", "x.wasm");
        assertUsageError(wanted + "'-1s'", "run", "--timeout", "-1s", "x.wasm");
        assertUsageError(wanted + "'1s '", "run", "--timeout", "1s ", "x.wasm");
        assertUsageError("kiln: --timeout must be more than 0 and less than 292 years, got '0s'",
                "run", "--timeout", "0s", "x.wasm");
        assertUsageError("kiln: --timeout must be more than 0 and less than 292 years, got '3000000h'",
                "run", "--timeout", "3000000h", "x.wasm");
    }

    @Test
    void durationsAreWrittenTheWayGoWritesThem() throws UsageException {
        assertEquals(Duration.ofSeconds(90), RunOptions.duration("1m30s"));
        assertEquals(Duration.ofMinutes(90), RunOptions.duration("1.5h"));
        assertEquals(Duration.ofMillis(250), RunOptions.duration("250ms"));
        assertEquals(Duration.ofMillis(500), RunOptions.duration(".5s"));
        assertEquals(Duration.ofNanos(10_003), RunOptions.duration("10us3ns"));
        assertEquals(Duration.ofNanos(7_000), RunOptions.duration("7µs"));
        assertEquals(Duration.ofNanos(1), RunOptions.duration("0.1ns"), "rounded up, never to 0");
    }

    @Test
    void badOptionsAreOneLine() {
        assertUsageError("kiln: unknown option '--dirr'", "run", "--dirr", "x", "x.wasm");
        assertUsageError("kiln: option '--listen' needs a value", "run", "--listen");
        assertUsageError("kiln: unknown engine 'jit'; known engines: [interpreter, compiler]", "run", "--engine=jit", "x.wasm");
    }

    private static final Path ROOT = Path.of(System.getProperty("kiln.root", "..")).toAbsolutePath();
    private static final int STREAMED = 64 << 20;

    /**
     * 64 MiB through stdin, stdout and stderr of a {@code kiln} process whose heap is 24 MiB: it
     * can only finish by streaming, never by holding the output.
     */
    @Test
    void stdioIsStreamedNotBuffered() throws Exception {
        String tee = file("tee.wasm", WasiGuests.teeToStdoutAndStderr());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process kiln = new ProcessBuilder(java.toString(), "-Xmx24m", "--enable-native-access=dev.kiln",
                "-p", ROOT.resolve("kiln/target/classes").toString(), "-m", "dev.kiln/dev.kiln.cli.Main",
                "run", tee).start();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var stdout = threads.submit(() -> checksum(kiln.getInputStream()));
            var stderr = threads.submit(() -> checksum(kiln.getErrorStream()));
            try (var stdin = kiln.getOutputStream()) {
                byte[] chunk = new byte[1 << 16];
                for (int written = 0; written < STREAMED; written += chunk.length) {
                    for (int i = 0; i < chunk.length; i++) {
                        chunk[i] = pattern(written + i);
                    }
                    stdin.write(chunk);
                }
            }
            assertEquals(STREAMED, stdout.get(120, TimeUnit.SECONDS), "stdout: every byte, in order");
            assertEquals(STREAMED, stderr.get(120, TimeUnit.SECONDS), "stderr: every byte, in order");
        }
        assertTrue(kiln.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, kiln.exitValue());
    }

    private static byte pattern(long at) {
        return (byte) (at * 31 + (at >>> 11));
    }

    /** Reads {@code in} to its end; the byte count if every byte matched {@link #pattern}, else -1. */
    private static long checksum(InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long at = 0;
        boolean intact = true;
        for (int n; (n = in.read(buffer)) > 0; ) {
            for (int i = 0; i < n; i++) {
                intact &= buffer[i] == pattern(at++);
            }
        }
        return intact ? at : -1;
    }
}
