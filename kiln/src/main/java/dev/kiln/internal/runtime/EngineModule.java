package dev.kiln.internal.runtime;

/** A module prepared by an {@link Engine}; immutable and shareable across instances and threads. */
public interface EngineModule {

    /**
     * Creates the callable functions defined by the module (not its imports) for one instance.
     * {@code instance} is only partly initialized when this is called: its functions, tables,
     * memories and globals arrays exist, and the functions must read them lazily.
     */
    FunctionInstance[] createFunctions(ModuleInstance instance);
}
