package dev.kiln.internal.runtime;

/**
 * Says when native state may be freed. Native code reads module contexts, global cells, tables,
 * memories and code directly, without the liveness checks FFM gives Java, so what a closing
 * instance frees must outlive every native call already running. An engine that runs native
 * code installs one in its store (the compiler: its execution context pool); without one,
 * everything is freed at once.
 */
@FunctionalInterface
public interface Reclaimer {

    /**
     * Takes {@code free} to run once every native call running now has returned and returns
     * true, or returns false when none runs: the caller then frees at once.
     */
    boolean defer(Runnable free);
}
