package dev.kiln.bench;

import java.util.List;

/**
 * A kernel prepared by one {@link WasiEngine} for repeated runs. Closing it frees what the
 * preparation holds (a runtime with its compiled code, say).
 */
public interface WasiCommand extends AutoCloseable {

    /**
     * Runs the program in a fresh instance (or process) with fresh WASI state.
     *
     * @param args the program's arguments, {@code args.get(0)} being its name
     * @return everything the program wrote to standard output
     * @throws IllegalStateException if the program exits with a non-zero status
     */
    String run(List<String> args);

    /** Nothing to free unless the engine says otherwise. */
    @Override
    default void close() {}
}
