package dev.kiln.internal.runtime;

import dev.kiln.internal.wasm.Instruction;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Evaluates the constant expressions of a validated module (global initializers, segment
 * offsets and element items) against a partly built instance.
 */
final class ConstantEvaluator {

    private ConstantEvaluator() {}

    /** The value of {@code expression} as slots: {@code [low, high]} ({@code high} is 0 unless v128). */
    static long[] evaluate(Instruction[] expression, ModuleInstance instance) {
        Instruction first = expression[0];
        return switch (first.op()) {
            case I32_CONST -> new long[] {first.c() & 0xFFFFFFFFL, 0};
            case I64_CONST, F32_CONST, F64_CONST -> new long[] {first.c(), 0};
            case V128_CONST -> {
                ByteBuffer bytes = ByteBuffer.wrap(first.bytes()).order(ByteOrder.LITTLE_ENDIAN);
                yield new long[] {bytes.getLong(0), bytes.getLong(8)};
            }
            case REF_NULL -> new long[] {0, 0};
            case REF_FUNC -> new long[] {instance.store().referenceOf(instance.functions[first.a()]), 0};
            case GLOBAL_GET -> {
                GlobalInstance global = instance.globals[first.a()];
                yield new long[] {global.get(), global.high()};
            }
            default -> throw new IllegalStateException("not a constant instruction: " + first);
        };
    }

    /** An element item as a table element: a {@link FunctionInstance}, a {@link Long} handle or null. */
    static Object element(Instruction[] expression, ModuleInstance instance) {
        Instruction first = expression[0];
        return switch (first.op()) {
            case REF_NULL -> null;
            case REF_FUNC -> instance.functions[first.a()];
            default -> {
                GlobalInstance global = instance.globals[first.a()];
                yield instance.store().fromSlot(global.type().type(), global.get());
            }
        };
    }

    /** The value of an i32 offset expression, as an unsigned number. */
    static long offset(Instruction[] expression, ModuleInstance instance) {
        return evaluate(expression, instance)[0] & 0xFFFFFFFFL;
    }
}
