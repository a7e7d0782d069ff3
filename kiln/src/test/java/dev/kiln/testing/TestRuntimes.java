package dev.kiln.testing;

import dev.kiln.EngineKind;
import dev.kiln.Runtime;
import dev.kiln.RuntimeConfig;

/** Runtimes on a chosen engine, for tests of one engine's own behaviour. */
public final class TestRuntimes {

    private TestRuntimes() {}

    /** A runtime on {@code engine}, for tests that run on every engine. */
    public static Runtime on(EngineKind engine) {
        return Runtime.create(RuntimeConfig.defaults().withEngine(engine));
    }

    /** A runtime on the interpreter, whatever the default engine. */
    public static Runtime interpreter() {
        return Runtime.create(RuntimeConfig.defaults().withEngine(EngineKind.INTERPRETER));
    }
}
