package dev.kiln.internal.compiler.frontend;

import dev.kiln.CompileException;
import dev.kiln.FunctionType;
import dev.kiln.ValueType;
import dev.kiln.internal.wasm.BlockType;
import dev.kiln.internal.wasm.FunctionBody;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Module;

/**
 * What the frontend refuses: a function that touches {@code v128} anywhere, in its type, a local,
 * a SIMD instruction, or a block type, call, typed {@code select} or global of {@code v128}. The
 * refusal is a {@link CompileException} with {@link CompileException.Reason#UNSUPPORTED} naming
 * the function and the instruction, which the engine catches to run the module on the
 * interpreter. The whole body is checked, unreachable code too, so whether a function compiles
 * does not depend on how much of it the frontend skips.
 */
final class Support {

    private Support() {}

    /** Throws if function {@code functionIndex} (a defined one, with {@code body}) uses {@code v128}. */
    static void check(Module module, int functionIndex, FunctionBody body) {
        if (hasV128(module.functionType(functionIndex))) {
            throw refuse(module, functionIndex, body.offset(), "has v128 in its type");
        }
        for (ValueType local : body.locals()) {
            if (local == ValueType.V128) {
                throw refuse(module, functionIndex, body.offset(), "has a v128 local");
            }
        }
        for (Instruction in : body.code()) {
            if (usesV128(module, in)) {
                throw refuse(module, functionIndex, in.offset(), "uses v128 (" + in.op().mnemonic() + ")");
            }
        }
    }

    private static boolean usesV128(Module module, Instruction in) {
        return switch (in.op()) {
            case BLOCK, LOOP, IF -> {
                BlockType t = in.blockType();
                yield t.isIndex() ? hasV128(module.types().get(t.typeIndex())) : t.result() == ValueType.V128;
            }
            case CALL -> hasV128(module.functionType(in.a()));
            case CALL_INDIRECT -> hasV128(module.types().get(in.a()));
            case SELECT_T -> ((ValueType[]) in.data())[0] == ValueType.V128;
            case GLOBAL_GET, GLOBAL_SET -> module.globalSpace().get(in.a()).type() == ValueType.V128;
            default -> in.op().isSimd();
        };
    }

    private static boolean hasV128(FunctionType type) {
        return type.params().contains(ValueType.V128) || type.results().contains(ValueType.V128);
    }

    private static CompileException refuse(Module module, int functionIndex, int offset, String what) {
        String name = module.names().functionNames().get(functionIndex);
        return new CompileException(CompileException.Reason.UNSUPPORTED, offset, "function " + functionIndex
                + (name == null ? "" : " (" + name + ")") + " " + what
                + ", which the compiler engine does not compile yet");
    }
}
