package dev.kiln.internal.runtime;

/** A module prepared by an {@link Engine}; immutable and shareable across instances and threads. */
public interface EngineModule {

    /**
     * The engine's state for a new instance of this module. {@code instance} is only partly
     * initialized when this is called: its arrays exist but are empty, and
     * {@link EngineInstance} hears as they fill.
     */
    EngineInstance instantiate(ModuleInstance instance);

    /**
     * The {@code CompiledModule} that held this is gone (found unreachable): no instance will be
     * made any more, so what only later instances would need may go. Instances made before keep
     * what they use.
     */
    default void release() {}
}
