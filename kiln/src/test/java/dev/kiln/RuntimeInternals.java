package dev.kiln;

import dev.kiln.internal.runtime.Engine;

/** Lets tests in the engines' packages reach the engine behind a {@link Runtime}. */
public final class RuntimeInternals {

    private RuntimeInternals() {}

    /** The engine {@code runtime} compiles and runs modules with. */
    public static Engine engine(Runtime runtime) {
        return runtime.engine();
    }
}
