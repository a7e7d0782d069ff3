package dev.kiln.internal.runtime;

import dev.kiln.internal.wasm.Module;

/** An execution engine: turns validated modules into something that runs. */
public interface Engine {

    /** A short name for messages and the CLI, for example {@code interpreter}. */
    String name();

    /** Prepares a validated module for execution. Called once per {@code CompiledModule}. */
    EngineModule compile(Module module);

    /**
     * The runtime is about to close: refuse every later call, unless one runs now.
     *
     * @throws IllegalStateException when a call runs (the runtime then stays open)
     */
    default void stopCalls() {}

    /** The runtime closed, after its instances: free what the engine holds (code, contexts). */
    default void close() {}
}
