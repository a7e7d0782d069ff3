package dev.kiln.bench;

import dev.kiln.RuntimeConfig;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The {@link TinyModules} on Kiln's optimizing compiler, for {@link CallBench}: the same calls as
 * {@link KilnCalls}, as native code.
 */
@State(Scope.Thread)
public class KilnCompiledCalls extends KilnCalls {

    @Override
    RuntimeConfig config() {
        return KilnEngine.COMPILER;
    }
}
