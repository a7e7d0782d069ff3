package dev.kiln.internal.compiler;

import dev.kiln.internal.compiler.backend.Emitter;
import dev.kiln.internal.compiler.backend.Linker;
import dev.kiln.internal.concurrent.IndexedWork;
import java.util.Arrays;

/**
 * A module's functions compiled in parallel on all cores ({@link IndexedWork}: chunks of
 * functions, the lowest-indexed failure rethrown, so errors are those a sequential compile
 * reports) and linked into one buffer.
 */
public final class ModuleCompiler {

    private ModuleCompiler() {}

    /**
     * Compiles every function {@code compiler} knows and links them; {@code importedFunctions}
     * is how many function indices come before the module's own (direct calls name indices).
     */
    public static Linker.Linked compile(FunctionCompiler compiler, int importedFunctions) {
        Emitter.Code[] code = new Emitter.Code[compiler.functionCount()];
        IndexedWork.forEach(code.length, first -> index -> code[index] = compiler.compile(index));
        return Linker.link(Arrays.asList(code), index -> index - importedFunctions);
    }
}
