package dev.kiln.internal.wasm;

/**
 * Receives a function body's instructions one at a time, in order, as the fields of an
 * {@link Instruction} (which of {@code a}, {@code b}, {@code c} and {@code data} hold what is
 * given by {@link Op#immediate()}), without an object per instruction.
 *
 * <p>This is how the validator reads a body the decoder kept as bytes: a big module has millions
 * of instructions, and materializing each as an {@link Instruction} only to type-check it once
 * cost most of its start-up (allocation, and young collections copying objects that all stay
 * live). See {@link FunctionBody#forEach}.
 */
@FunctionalInterface
public interface InstructionSink {

    /** One instruction, at byte {@code offset} of the module binary. */
    void instruction(Op op, int offset, int a, int b, long c, Object data);
}
