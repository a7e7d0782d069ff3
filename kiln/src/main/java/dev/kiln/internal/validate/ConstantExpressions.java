package dev.kiln.internal.validate;

import dev.kiln.ValueType;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Op;

/**
 * Constant expressions (global initializers, segment offsets and element items), WebAssembly
 * 2.0 rules: only {@code t.const}, {@code v128.const}, {@code ref.null}, {@code ref.func} and
 * {@code global.get} of an imported immutable global, producing exactly one value of the
 * expected type. Only imported globals are visible because module globals are initialized in
 * order and may not be read before they exist.
 */
final class ConstantExpressions {

    private final ModuleContext module;

    ConstantExpressions(ModuleContext module) {
        this.module = module;
    }

    /**
     * Checks {@code expression} (ending in {@code end}). As the spec interpreter does, first every
     * instruction must be constant, then the sequence must produce exactly {@code expected}.
     */
    void check(Instruction[] expression, byte expected) {
        int length = lengthBeforeEnd(expression);
        for (int i = 0; i < length; i++) {
            try {
                requireConstant(expression[i]);
            } catch (RuleViolation violation) {
                throw violation.at(expression[i]);
            }
        }
        byte produced = StackTypes.UNKNOWN;
        for (int i = 0; i < length; i++) {
            try {
                produced = typeOf(expression[i]);
            } catch (RuleViolation violation) {
                throw violation.at(expression[i]);
            }
        }
        if (length != 1 || produced != expected) {
            RuleViolation mismatch = RuleViolation.typeMismatch();
            throw length < expression.length ? mismatch.at(expression[length]) : mismatch;
        }
    }

    private static int lengthBeforeEnd(Instruction[] expression) {
        for (int i = 0; i < expression.length; i++) {
            if (expression[i].op() == Op.END) {
                return i;
            }
        }
        return expression.length;
    }

    private void requireConstant(Instruction instruction) {
        switch (instruction.op()) {
            case I32_CONST, I64_CONST, F32_CONST, F64_CONST, V128_CONST, REF_NULL, REF_FUNC -> {
            }
            case GLOBAL_GET -> {
                int index = instruction.a();
                if (index < 0 || index >= module.importedGlobals()) {
                    throw RuleViolation.unknown("global", index);
                }
                if (module.isMutable(index)) {
                    throw new RuleViolation("constant expression required");
                }
            }
            default -> throw new RuleViolation("constant expression required");
        }
    }

    /** The type a constant instruction pushes; checks the function of {@code ref.func}. */
    private byte typeOf(Instruction instruction) {
        return switch (instruction.op()) {
            case GLOBAL_GET -> module.requireGlobal(instruction.a());
            case REF_NULL -> {
                if (!(instruction.data() instanceof ValueType type) || !type.isReference()) {
                    throw RuleViolation.typeMismatch();
                }
                yield StackTypes.of(type);
            }
            case REF_FUNC -> {
                module.requireFunction(instruction.a());
                yield StackTypes.FUNCREF;
            }
            default -> FixedSignatures.results(instruction.op())[0];
        };
    }
}
