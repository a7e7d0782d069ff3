package dev.kiln.testing;

import dev.kiln.EngineKind;
import dev.kiln.Instance;
import dev.kiln.Runtime;

/** One module instantiated on the interpreter and on the compiler, for tests that compare the two. */
public final class BothEngines implements AutoCloseable {

    private final Runtime interpreter = TestRuntimes.on(EngineKind.INTERPRETER);
    private final Runtime compiler = TestRuntimes.on(EngineKind.COMPILER);
    private final Instance interpreted;
    private final Instance compiled;

    public BothEngines(TestModule module) {
        interpreted = module.instantiate(interpreter);
        compiled = module.instantiate(compiler);
    }

    /** The instance on the interpreter, the reference. */
    public Instance interpreted() {
        return interpreted;
    }

    /** The instance on the compiler. */
    public Instance compiled() {
        return compiled;
    }

    @Override
    public void close() {
        interpreter.close();
        compiler.close();
    }
}
