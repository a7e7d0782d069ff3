package dev.kiln.wasi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * What a WASI program sees of the world: its arguments and environment, its standard streams,
 * its clocks, its source of randomness and the host directories it may use. Immutable; the
 * {@code with*} methods return changed copies.
 *
 * <pre>{@code
 * WasiConfig config = WasiConfig.defaults()
 *         .withArgs("app.wasm", "--verbose")
 *         .withEnvironmentVariable("HOME", "/")
 *         .withStdout(buffer);
 * }</pre>
 *
 * <p>The defaults give the program nothing it was not handed explicitly, except the standard
 * streams: no arguments (not even a program name), an empty environment (use
 * {@link #withInheritedEnvironment()} to pass the host's), {@code System.in}/{@code out}/
 * {@code err}, the real clocks and a {@link SecureRandom} ({@link #withDeterministicClock} and
 * {@link #withRandomSeed} make runs reproducible). No directory is visible unless
 * preopened with {@link #withPreopen(Path, String)}, no socket unless preopened with
 * {@link #withListener(ServerSocketChannel)}.
 */
public final class WasiConfig {

    private final List<String> args;
    private final Map<String, String> environment;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final OutputStream stderr;
    /** Called once per WASI module: a stateful clock or generator must not be shared across runs. */
    private final Supplier<WasiClock> clock;
    private final Supplier<RandomGenerator> random;
    private final List<WasiPreopen> preopens;
    private final List<ServerSocketChannel> listeners;

    /**
     * The default source, made on first use: seeding a {@link SecureRandom} takes tens of
     * milliseconds, which every run would pay even if it never calls {@code random_get}.
     */
    private static final class DefaultRandom {
        static final SecureRandom INSTANCE = new SecureRandom();
    }

    /** The settings while a changed copy is made; a {@code WasiConfig} itself never changes. */
    private static final class Values {
        List<String> args;
        Map<String, String> environment;
        InputStream stdin;
        OutputStream stdout;
        OutputStream stderr;
        Supplier<WasiClock> clock;
        Supplier<RandomGenerator> random;
        List<WasiPreopen> preopens;
        List<ServerSocketChannel> listeners;
    }

    private WasiConfig(Values v) {
        this.args = v.args;
        this.environment = v.environment;
        this.stdin = v.stdin;
        this.stdout = v.stdout;
        this.stderr = v.stderr;
        this.clock = v.clock;
        this.random = v.random;
        this.preopens = v.preopens;
        this.listeners = v.listeners;
    }

    /** A copy of this configuration with {@code change} applied. */
    private WasiConfig with(Consumer<Values> change) {
        Values v = new Values();
        v.args = args;
        v.environment = environment;
        v.stdin = stdin;
        v.stdout = stdout;
        v.stderr = stderr;
        v.clock = clock;
        v.random = random;
        v.preopens = preopens;
        v.listeners = listeners;
        change.accept(v);
        return new WasiConfig(v);
    }

    /** No arguments, no environment, the JVM's standard streams, real clocks, secure randomness. */
    public static WasiConfig defaults() {
        Values v = new Values();
        v.args = List.of();
        v.environment = Map.of();
        v.stdin = System.in;
        v.stdout = System.out;
        v.stderr = System.err;
        v.clock = WasiClock::system;
        v.random = () -> DefaultRandom.INSTANCE;
        v.preopens = List.of();
        v.listeners = List.of();
        return new WasiConfig(v);
    }

    /** The program's arguments; {@code args().get(0)}, if present, is its name ({@code argv[0]}). */
    public List<String> args() {
        return args;
    }

    /** The program's environment variables, in the order the guest sees them. */
    public Map<String, String> environment() {
        return environment;
    }

    /** What the guest reads from descriptor 0. */
    public InputStream stdin() {
        return stdin;
    }

    /** Where the guest's writes to descriptor 1 go; flushed after every write. */
    public OutputStream stdout() {
        return stdout;
    }

    /** Where the guest's writes to descriptor 2 go; flushed after every write. */
    public OutputStream stderr() {
        return stderr;
    }

    /**
     * The clocks a WASI module created from this configuration reads: the one given to
     * {@link #withClock}, or for {@link #withDeterministicClock} a new one at its origin on
     * every call.
     */
    public WasiClock clock() {
        return clock.get();
    }

    /**
     * The source of {@code random_get} for a WASI module created from this configuration: the
     * one given to {@link #withRandom}, or for {@link #withRandomSeed} a new generator at the
     * seed on every call.
     */
    public RandomGenerator random() {
        return random.get();
    }

    /** The preopened directories, in descriptor order: the first is fd 3, the next fd 4, and so on. */
    public List<WasiPreopen> preopens() {
        return preopens;
    }

    /**
     * This configuration with the arguments {@code args}, the program name first (by convention
     * the module's file name). No argument may contain a NUL character, which C would read as
     * the end of the string.
     */
    public WasiConfig withArgs(List<String> args) {
        List<String> copy = List.copyOf(args);
        copy.forEach(arg -> requireNoNul(arg, "argument"));
        return with(v -> v.args = copy);
    }

    /** This configuration with the arguments {@code args}, see {@link #withArgs(List)}. */
    public WasiConfig withArgs(String... args) {
        return withArgs(List.of(args));
    }

    /**
     * This configuration with exactly the variables of {@code environment}, in its iteration
     * order. Names must be non-empty and contain no {@code '='}; names and values no NUL.
     */
    public WasiConfig withEnvironment(Map<String, String> environment) {
        Map<String, String> copy = new LinkedHashMap<>();
        environment.forEach((name, value) -> copy.put(checkName(name), requireNoNul(value, "environment value")));
        return with(v -> v.environment = Collections.unmodifiableMap(copy));
    }

    /** This configuration with one more environment variable (or {@code name} set to another value). */
    public WasiConfig withEnvironmentVariable(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(environment);
        copy.put(name, value);
        return withEnvironment(copy);
    }

    /** This configuration with the host's environment variables, sorted by name. */
    public WasiConfig withInheritedEnvironment() {
        return withEnvironment(new TreeMap<>(System.getenv()));
    }

    /** This configuration with another standard input. */
    public WasiConfig withStdin(InputStream stdin) {
        Objects.requireNonNull(stdin, "stdin");
        return with(v -> v.stdin = stdin);
    }

    /** This configuration with another standard output. */
    public WasiConfig withStdout(OutputStream stdout) {
        Objects.requireNonNull(stdout, "stdout");
        return with(v -> v.stdout = stdout);
    }

    /** This configuration with another standard error. */
    public WasiConfig withStderr(OutputStream stderr) {
        Objects.requireNonNull(stderr, "stderr");
        return with(v -> v.stderr = stderr);
    }

    /**
     * This configuration with other clocks. Every WASI module created from it shares
     * {@code clock}; see {@link #withDeterministicClock} for clocks that start afresh each run.
     */
    public WasiConfig withClock(WasiClock clock) {
        Objects.requireNonNull(clock, "clock");
        return with(v -> v.clock = () -> clock);
    }

    /**
     * This configuration with deterministic clocks ({@link WasiClock#deterministic}): each WASI
     * module created from it gets new clocks, realtime at {@code realtimeOrigin} and the others
     * at 0, each advancing by {@code step} per read. Two runs of a program that does the same
     * calls then see exactly the same times.
     *
     * @throws IllegalArgumentException if {@code step} is negative
     * @throws ArithmeticException if {@code realtimeOrigin} or {@code step} does not fit
     *     nanoseconds in a {@code long} (years 1677 to 2262)
     */
    public WasiConfig withDeterministicClock(Instant realtimeOrigin, Duration step) {
        long origin = Math.addExact(Math.multiplyExact(realtimeOrigin.getEpochSecond(), 1_000_000_000L),
                realtimeOrigin.getNano());
        long stepNanos = step.toNanos();
        WasiClock.deterministic(origin, stepNanos); // checks the step now, not at instantiation
        return with(v -> v.clock = () -> WasiClock.deterministic(origin, stepNanos));
    }

    /**
     * This configuration with another source of {@code random_get}. Every WASI module created
     * from it shares {@code random}; see {@link #withRandomSeed} for a reproducible source.
     */
    public WasiConfig withRandom(RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        return with(v -> v.random = () -> random);
    }

    /**
     * This configuration with a seeded, reproducible {@code random_get}: each WASI module created
     * from it gets a new SplitMix64 generator (Kiln's own, so the sequence is the same on every
     * JDK) seeded with {@code seed}, and a program that makes the same calls gets the same bytes
     * on every run. Not for secrets.
     */
    public WasiConfig withRandomSeed(long seed) {
        return with(v -> v.random = () -> new SeededRandom(seed));
    }


    /**
     * This configuration with one more preopened directory: the guest sees {@code hostDirectory}
     * as {@code guestPath} (for example {@code "/"} or {@code "/data"}), with full access to what
     * is beneath it and none to anything else.
     *
     * <p>The sandbox: every guest path is resolved by Kiln one component at a time from the
     * descriptor's directory, never handed to the host unresolved. An absolute path, a
     * {@code ..} that would climb above the descriptor's directory, and a symbolic link whose
     * target is absolute or climbs above it are refused with {@code ENOTCAPABLE}, decided from
     * the path alone, so the errno is the same whether or not the outside file exists. More than
     * 32 links followed in one lookup is {@code ELOOP}.
     *
     * @throws IllegalArgumentException if {@code hostDirectory} is not a directory
     */
    public WasiConfig withPreopen(Path hostDirectory, String guestPath) {
        return withPreopen(new WasiPreopen(hostDirectory, guestPath, false));
    }

    /**
     * This configuration with one more preopened directory that the guest can read but never
     * change: every write, creation, removal, rename, link or change of size or times through it
     * is {@code EROFS}. Otherwise as {@link #withPreopen(Path, String)}.
     *
     * @throws IllegalArgumentException if {@code hostDirectory} is not a directory
     */
    public WasiConfig withReadOnlyPreopen(Path hostDirectory, String guestPath) {
        return withPreopen(new WasiPreopen(hostDirectory, guestPath, true));
    }

    /**
     * This configuration with one more preopened directory, see {@link #withPreopen(Path, String)}.
     *
     * @throws IllegalArgumentException if the preopen's host directory is not a directory
     */
    public WasiConfig withPreopen(WasiPreopen preopen) {
        Objects.requireNonNull(preopen, "preopen");
        if (!Files.isDirectory(preopen.hostDirectory())) {
            throw new IllegalArgumentException((Files.exists(preopen.hostDirectory()) ? "not a directory: "
                    : "no such directory: ") + preopen.hostDirectory());
        }
        List<WasiPreopen> copy = new ArrayList<>(preopens);
        copy.add(preopen);
        return with(v -> v.preopens = List.copyOf(copy));
    }

    /**
     * This configuration with one more preopened listening TCP socket: the guest gets it as the
     * descriptor after the preopened directories (and the listeners before it), as
     * {@code wazero run -listen} does, and takes connections from it with {@code sock_accept}
     * (blocking, or {@code EAGAIN} once the guest sets {@code NONBLOCK}); {@code poll_oneoff}
     * reports it readable while a connection is waiting.
     *
     * <p>The channel stays the embedder's, as the standard streams do: the WASI module makes it
     * non-blocking (Kiln waits for it on a {@link java.nio.channels.Selector}) and never closes
     * it. The connections the guest accepts are the guest's and are closed with the
     * {@link Wasi}.
     *
     * @throws IllegalArgumentException if the channel is closed or not bound to an address
     */
    public WasiConfig withListener(ServerSocketChannel listener) {
        Objects.requireNonNull(listener, "listener");
        try {
            if (!listener.isOpen() || listener.getLocalAddress() == null) {
                throw new IllegalArgumentException("the listener is not bound: " + listener);
            }
        } catch (IOException closed) {
            throw new IllegalArgumentException("the listener is closed: " + listener, closed);
        }
        List<ServerSocketChannel> copy = new ArrayList<>(listeners);
        copy.add(listener);
        return with(v -> v.listeners = List.copyOf(copy));
    }

    /** The preopened listening sockets, in descriptor order after the {@link #preopens()}. */
    public List<ServerSocketChannel> listeners() {
        return listeners;
    }

    private static String checkName(String name) {
        requireNoNul(name, "environment variable name");
        if (name.isEmpty() || name.indexOf('=') >= 0) {
            throw new IllegalArgumentException("invalid environment variable name '" + name + "'");
        }
        return name;
    }

    private static String requireNoNul(String value, String what) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " contains a NUL character: " + value.replace("\0", "\\0"));
        }
        return value;
    }
}
