package dev.kiln.internal.compiler.backend;

import dev.kiln.FunctionType;
import dev.kiln.ValueType;
import dev.kiln.internal.compiler.ssa.ExitSignatures;
import dev.kiln.internal.compiler.ssa.Type;
import dev.kiln.internal.nativecode.ExitCode;
import java.util.List;

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
        return new FunctionType(valueTypes(params.subList(1, params.size())), valueTypes(ExitSignatures.of(exit).results()));
    }

    private static List<ValueType> valueTypes(List<Type> types) {
        return types.stream().map(t -> switch (t) {
            case I32 -> ValueType.I32;
            case I64 -> ValueType.I64;
            case F32 -> ValueType.F32;
            case F64 -> ValueType.F64;
            case V128 -> ValueType.V128;
        }).toList();
    }
}
