package dev.kiln.internal.compiler.backend;

import dev.kiln.FunctionType;
import dev.kiln.internal.compiler.ssa.ExitSignatures;
import dev.kiln.internal.compiler.ssa.Type;
import dev.kiln.internal.nativecode.CodeArena;
import dev.kiln.internal.nativecode.ExitCode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Where compiled code calls an exit ({@code call_exit}): each exit is a host function of the
 * code arena, called through the host-call trampoline of its signature with RBX = its id, like
 * any host import. Its parameters are the module context (which tells Java the instance) and the
 * exit's values; the execution context travels in RAX as for every call. Reusing the host-call
 * path gives exits the slot area, stack growth, nesting and traps host calls already have.
 */
public interface ExitCalls {

    /** The address of the trampoline {@code exit} is called through. */
    long trampoline(ExitCode exit);

    /** The host-function id of {@code exit} in the arena (RBX at the call). */
    int hostId(ExitCode exit);

    /** The signature of {@code exit}'s host function: the module context, then the exit's values. */
    static FunctionType typeOf(ExitCode exit) {
        List<Type> params = ExitSignatures.of(exit).params();
        return Signatures.of(params.subList(1, params.size()), ExitSignatures.of(exit).results());
    }

    /**
     * Registers one host function per exit in {@code arena}, each running {@code server} with
     * the exit and the call's slots, and gives where compiled code calls them.
     */
    public static ExitCalls register(CodeArena arena, BiConsumer<ExitCode, long[]> server) {
        Map<ExitCode, Integer> ids = new EnumMap<>(ExitCode.class);
        for (ExitCode exit : ExitSignatures.exits()) {
            ids.put(exit, arena.registerHostFunction(typeOf(exit), (caller, stack) -> server.accept(exit, stack)));
        }
        return new ExitCalls() {
            @Override
            public long trampoline(ExitCode exit) {
                return arena.hostTrampoline(typeOf(exit));
            }

            @Override
            public int hostId(ExitCode exit) {
                return ids.get(exit);
            }
        };
    }
}
