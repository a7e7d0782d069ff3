package dev.kiln.bench;

import java.util.List;

/** A WASI command module loaded into one {@link WasiEngine}. */
@FunctionalInterface
public interface WasiCommand {

    /**
     * Runs {@code _start} in a fresh instance with fresh WASI state.
     *
     * @param args the program's arguments, {@code args.get(0)} being its name
     * @return everything the program wrote to standard output
     * @throws IllegalStateException if the program exits with a non-zero status
     */
    String run(List<String> args);
}
