package dev.kiln;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link Runtime} runs modules. Immutable; the {@code with*} methods return changed copies.
 *
 * <pre>{@code
 * Runtime.create(RuntimeConfig.defaults().withMaxCallDepth(10_000))
 * }</pre>
 */
public final class RuntimeConfig {

    /** The default {@link #maxCallDepth()}. */
    public static final int DEFAULT_MAX_CALL_DEPTH = 100_000;
    /** The default {@link #memoryLimitPages()}: the 4 GiB a 32-bit memory can address. */
    public static final int DEFAULT_MEMORY_LIMIT_PAGES = 65536;

    private final EngineKind engine;
    private final int maxCallDepth;
    private final int memoryLimitPages;
    /** {@code null}: calls run as long as they take. */
    private final Duration callTimeout;
    private final int compileThreads;

    private RuntimeConfig(EngineKind engine, int maxCallDepth, int memoryLimitPages, Duration callTimeout,
                          int compileThreads) {
        this.engine = engine;
        this.maxCallDepth = maxCallDepth;
        this.memoryLimitPages = memoryLimitPages;
        this.callTimeout = callTimeout;
        this.compileThreads = compileThreads;
    }

    /**
     * The compiler (which runs on the interpreter where native code cannot run, and says so once),
     * a call depth of {@value #DEFAULT_MAX_CALL_DEPTH}, memories up to 4 GiB, no call timeout,
     * and compiles on every core this JVM has.
     */
    public static RuntimeConfig defaults() {
        return new RuntimeConfig(EngineKind.COMPILER, DEFAULT_MAX_CALL_DEPTH, DEFAULT_MEMORY_LIMIT_PAGES, null,
                java.lang.Runtime.getRuntime().availableProcessors());
    }

    /** The engine that runs modules. */
    public EngineKind engine() {
        return engine;
    }

    /**
     * The deepest nesting of WebAssembly calls on the interpreter; one deeper traps with
     * {@link TrapKind#STACK_OVERFLOW}. Compiled code is bounded by its native stack instead
     * (128 MiB), which traps the same way.
     */
    public int maxCallDepth() {
        return maxCallDepth;
    }

    /**
     * The most 64 KiB pages any memory may have. A module declaring a larger minimum fails to
     * instantiate; {@code memory.grow} beyond it returns -1.
     */
    public int memoryLimitPages() {
        return memoryLimitPages;
    }

    /**
     * How long a call from Java into WebAssembly may run before it is stopped with a
     * {@link TrapException} of kind {@link TrapKind#INTERRUPTED}: the default of every
     * {@link Function} of this runtime's instances ({@link Function#withTimeout} overrides it).
     * Empty by default: calls run until they return.
     */
    public Optional<Duration> callTimeout() {
        return Optional.ofNullable(callTimeout);
    }

    /**
     * How many threads {@link Runtime#compile(byte[])} uses at most, the calling thread
     * included, to check function bodies and, on the compiler, to generate their code. A module
     * of fewer than 128 functions compiles on the calling thread alone.
     */
    public int compileThreads() {
        return compileThreads;
    }

    /** This configuration with another engine. */
    public RuntimeConfig withEngine(EngineKind engine) {
        return new RuntimeConfig(Objects.requireNonNull(engine, "engine"), maxCallDepth, memoryLimitPages, callTimeout, compileThreads);
    }

    /** This configuration with another call-depth limit (at least 1). */
    public RuntimeConfig withMaxCallDepth(int maxCallDepth) {
        if (maxCallDepth < 1) {
            throw new IllegalArgumentException("maxCallDepth must be at least 1, was " + maxCallDepth);
        }
        return new RuntimeConfig(engine, maxCallDepth, memoryLimitPages, callTimeout, compileThreads);
    }

    /** This configuration with another memory limit, in pages (0 to 65536). */
    public RuntimeConfig withMemoryLimitPages(int memoryLimitPages) {
        if (memoryLimitPages < 0 || memoryLimitPages > DEFAULT_MEMORY_LIMIT_PAGES) {
            throw new IllegalArgumentException("memoryLimitPages must be in [0, 65536], was " + memoryLimitPages);
        }
        return new RuntimeConfig(engine, maxCallDepth, memoryLimitPages, callTimeout, compileThreads);
    }

    /**
     * This configuration with a timeout for every call from Java into WebAssembly (see
     * {@link #callTimeout()}).
     *
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public RuntimeConfig withCallTimeout(Duration timeout) {
        return new RuntimeConfig(engine, maxCallDepth, memoryLimitPages, Function.checkTimeout(timeout), compileThreads);
    }

    /** This configuration without a call timeout. */
    public RuntimeConfig withoutCallTimeout() {
        return new RuntimeConfig(engine, maxCallDepth, memoryLimitPages, null, compileThreads);
    }

    /** This configuration with another bound on compile threads (at least 1; see {@link #compileThreads()}). */
    public RuntimeConfig withCompileThreads(int compileThreads) {
        if (compileThreads < 1) {
            throw new IllegalArgumentException("compileThreads must be at least 1, was " + compileThreads);
        }
        return new RuntimeConfig(engine, maxCallDepth, memoryLimitPages, callTimeout, compileThreads);
    }

    @Override
    public String toString() {
        return "RuntimeConfig[engine=" + engine.cliName() + ", maxCallDepth=" + maxCallDepth
                + ", memoryLimitPages=" + memoryLimitPages
                + (callTimeout == null ? "" : ", callTimeout=" + callTimeout)
                + ", compileThreads=" + compileThreads + "]";
    }
}
