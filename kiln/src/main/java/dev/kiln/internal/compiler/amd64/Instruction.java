package dev.kiln.internal.compiler.amd64;

/**
 * One instruction (or a run of data) as the {@link Assembler} saw it, kept when the assembler was
 * created {@link Assembler#withListing() with a listing}. Each family is a small record that knows
 * its encoding (a static {@code encode} method the assembler calls directly, so that encoding
 * allocates nothing) and prints itself in Intel syntax exactly as {@code objdump -M intel} prints
 * the encoded bytes.
 */
public sealed interface Instruction
        permits Mov, Lea, Alu, TestFlags, Push, Pop, Jmp, Jcc, Call, CallExternal, IndirectBranch, Nullary, Nop,
        SseMove, MovdMovq, Data, Movx, Shift, ShiftByCl, Imul, ImulImm, Unary, BitCount, Setcc, Cmov, Xchg,
        Sse, SseImm, Cvt {

    /** Emits this instruction through the assembler's API (what a test or a copy needs). */
    void emitTo(Assembler asm);

    /**
     * The instruction in objdump's Intel syntax.
     *
     * @param next the offset just after this instruction in the finished code, which relative
     *     targets (RIP-relative operands, relocated calls) are printed against
     */
    String intel(int next);
}
