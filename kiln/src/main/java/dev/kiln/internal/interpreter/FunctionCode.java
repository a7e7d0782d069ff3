package dev.kiln.internal.interpreter;

/**
 * One function, lowered: immutable, shared by every instance of the module and every thread.
 *
 * <p>Frame layout, in slots from the frame pointer {@code fp}:
 * <pre>
 *   [0, paramSlots)                 parameters (the caller's arguments: frames overlap)
 *   [paramSlots, localSlots)        declared locals, zeroed on entry
 *   [localSlots, temps)             pooled constants, copied in on entry
 *   [temps, frameSlots)             operand-stack temporaries, one slot per stack height
 * </pre>
 * On entry the callee copies {@link #frameInit} (zeros, then the constants) over
 * {@code [paramSlots, temps)}. Results are left in {@code [0, resultSlots)}, exactly where the
 * caller's operand stack expects them.
 *
 * @param code the lowered instructions (see {@link Opcodes})
 * @param byteOffsets for each 4-word instruction, the byte offset of the Wasm instruction it
 *     came from (indexed by {@code pc >> 2}), for stack traces
 * @param frameInit the initial contents of the declared locals and the constant pool
 * @param paramSlots the slots the parameters take
 * @param resultSlots the slots the results take
 * @param frameSlots the slots the whole frame takes
 */
record FunctionCode(int[] code, int[] byteOffsets, long[] frameInit, int paramSlots,
                    int resultSlots, int frameSlots) {

    /** The Wasm byte offset of the instruction at or just before {@code pc}. */
    int byteOffsetAt(int pc) {
        int index = Math.max(0, Math.min(pc >> 2, byteOffsets.length - 1));
        return byteOffsets[index];
    }
}
