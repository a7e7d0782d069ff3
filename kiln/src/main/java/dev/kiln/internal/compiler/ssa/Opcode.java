package dev.kiln.internal.compiler.ssa;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every SSA instruction: what WebAssembly 2.0's scalar code lowers to. Integer and float opcodes
 * are polymorphic over the two widths (the result's type says which), so passes fold, simplify
 * and lower one {@code iadd} instead of two. The typing of each is in {@link TypeRules}; the
 * text mnemonic is the lower-case name.
 *
 * <p><b>Checks are explicit.</b> Every trap the spec requires is a {@link #TRAPIF} the frontend
 * emits in front of the instruction it protects, so the instructions below never trap: a
 * division's divisor is known non-zero, a memory address known in bounds, a truncation's input
 * known in range. What they do on other input is unspecified.
 */
public enum Opcode {
    /** An integer constant; an {@code i32}'s value is kept sign-extended to 64 bits. */
    ICONST(Form.ICONST),
    /** A float constant, by its bits (an {@code f32}'s in the low 32). */
    FCONST(Form.FCONST),

    /** Leading zero bits. */
    CLZ(Form.UNARY),
    /** Trailing zero bits. */
    CTZ(Form.UNARY),
    /** One bits. */
    POPCNT(Form.UNARY),
    /** Sign-extends the low 8 bits to the whole type ({@code i32.extend8_s}, {@code i64.extend8_s}). */
    SEXT8(Form.UNARY),
    /** Sign-extends the low 16 bits to the whole type. */
    SEXT16(Form.UNARY),
    /** Sign-extends the low 32 bits of an {@code i64} ({@code i64.extend32_s}). */
    SEXT32(Form.UNARY),
    /** {@code i32} to {@code i64}, zero-extended. */
    UEXTEND(Form.UNARY),
    /** {@code i32} to {@code i64}, sign-extended. */
    SEXTEND(Form.UNARY),
    /** {@code i64} to its low 32 bits ({@code i32.wrap_i64}). */
    IREDUCE(Form.UNARY),

    /** Absolute value (clears the sign bit, NaN too). */
    FABS(Form.UNARY),
    /** Negation (flips the sign bit, NaN too). */
    FNEG(Form.UNARY),
    /** Square root. */
    FSQRT(Form.UNARY),
    /** Round up. */
    FCEIL(Form.UNARY),
    /** Round down. */
    FFLOOR(Form.UNARY),
    /** Round toward zero. */
    FTRUNC(Form.UNARY),
    /** Round to nearest, ties to even. */
    FNEAREST(Form.UNARY),
    /** {@code f32} to {@code f64}. */
    FPROMOTE(Form.UNARY),
    /** {@code f64} to {@code f32}, rounding to nearest. */
    FDEMOTE(Form.UNARY),
    /** Signed integer to float, rounding to nearest. */
    FCVT_FROM_SINT(Form.UNARY),
    /** Unsigned integer to float, rounding to nearest. */
    FCVT_FROM_UINT(Form.UNARY),
    /**
     * Float to signed integer, toward zero: WebAssembly's trapping {@code trunc}, whose NaN and
     * range checks the frontend emits as {@link #TRAPIF}s before it.
     */
    FCVT_TO_SINT(Form.UNARY),
    /** Float to unsigned integer, toward zero; checked like {@link #FCVT_TO_SINT}. */
    FCVT_TO_UINT(Form.UNARY),
    /** Float to signed integer, saturating, NaN to 0 ({@code trunc_sat}); never traps. */
    FCVT_TO_SINT_SAT(Form.UNARY),
    /** Float to unsigned integer, saturating, NaN to 0. */
    FCVT_TO_UINT_SAT(Form.UNARY),
    /** The same bits as another type of the same width ({@code reinterpret}). */
    BITCAST(Form.UNARY),

    /** Wrapping addition. */
    IADD(Form.BINARY),
    /** Wrapping subtraction. */
    ISUB(Form.BINARY),
    /** Wrapping multiplication. */
    IMUL(Form.BINARY),
    /** Signed division toward zero; the divisor is non-zero and not {@code MIN / -1}. */
    SDIV(Form.BINARY),
    /** Unsigned division; the divisor is non-zero. */
    UDIV(Form.BINARY),
    /**
     * Signed remainder with the dividend's sign; the divisor is non-zero. {@code MIN % -1} is 0,
     * as in WebAssembly: the backend handles it, since x86's {@code idiv} faults there.
     */
    SREM(Form.BINARY),
    /** Unsigned remainder; the divisor is non-zero. */
    UREM(Form.BINARY),
    /** Bitwise and. */
    BAND(Form.BINARY),
    /** Bitwise or. */
    BOR(Form.BINARY),
    /** Bitwise exclusive or. */
    BXOR(Form.BINARY),
    /** Shift left by the count modulo the width. */
    ISHL(Form.BINARY),
    /** Arithmetic shift right by the count modulo the width. */
    SSHR(Form.BINARY),
    /** Logical shift right by the count modulo the width. */
    USHR(Form.BINARY),
    /** Rotate left by the count modulo the width. */
    ROTL(Form.BINARY),
    /** Rotate right by the count modulo the width. */
    ROTR(Form.BINARY),

    /** Float addition. */
    FADD(Form.BINARY),
    /** Float subtraction. */
    FSUB(Form.BINARY),
    /** Float multiplication. */
    FMUL(Form.BINARY),
    /** Float division. */
    FDIV(Form.BINARY),
    /** WebAssembly's minimum: NaN if either is NaN, and -0 below +0. */
    FMIN(Form.BINARY),
    /** WebAssembly's maximum: NaN if either is NaN, and +0 above -0. */
    FMAX(Form.BINARY),
    /** The first operand with the second's sign. */
    FCOPYSIGN(Form.BINARY),

    /** Compares integers: 1 if the {@link IntCondition} holds, else 0, as an {@code i32}. */
    ICMP(Form.ICMP),
    /** Compares floats: 1 if the {@link FloatCondition} holds, else 0, as an {@code i32}. */
    FCMP(Form.FCMP),
    /** {@code x} if the {@code i32} condition is non-zero, else {@code y}. */
    SELECT(Form.SELECT),

    /** Loads a whole value of the result's type from {@code address + offset}. */
    LOAD(Form.LOAD),
    /** Loads 8 bits, zero-extended to the result type. */
    ULOAD8(Form.LOAD),
    /** Loads 8 bits, sign-extended to the result type. */
    SLOAD8(Form.LOAD),
    /** Loads 16 bits, zero-extended. */
    ULOAD16(Form.LOAD),
    /** Loads 16 bits, sign-extended. */
    SLOAD16(Form.LOAD),
    /** Loads 32 bits into an {@code i64}, zero-extended. */
    ULOAD32(Form.LOAD),
    /** Loads 32 bits into an {@code i64}, sign-extended. */
    SLOAD32(Form.LOAD),
    /** Stores a whole value at {@code address + offset}. */
    STORE(Form.STORE),
    /** Stores an integer's low 8 bits. */
    ISTORE8(Form.STORE),
    /** Stores an integer's low 16 bits. */
    ISTORE16(Form.STORE),
    /** Stores an {@code i64}'s low 32 bits. */
    ISTORE32(Form.STORE),

    /**
     * The address of byte 0 of a linear memory, read through the module context operand. Its own
     * opcode, not a {@link #LOAD}, so passes know a store to linear memory never changes it.
     */
    MEMORY_BASE(Form.MEMORY),
    /** The current byte length of a linear memory, read through the module context operand. */
    MEMORY_LENGTH(Form.MEMORY),
    /** Reads a global's cell through the module context operand. */
    GLOBAL_GET(Form.GLOBAL_GET),
    /** Writes a global's cell through the module context operand. */
    GLOBAL_SET(Form.GLOBAL_SET),

    /**
     * Calls a function of this module by index. The arguments are the callee's whole native
     * signature, so the frontend passes the execution and module contexts first; the results'
     * types are the callee's results.
     */
    CALL(Form.CALL),
    /**
     * Calls the code at an address (an {@code i64}) with the given arguments, the second of
     * which is the callee's module context (for a host function: its id, which its trampoline
     * expects there). Imported, {@code call_indirect} and host calls are all this.
     */
    CALL_INDIRECT(Form.CALL_INDIRECT),
    /**
     * Leaves native code with an exit code that Java serves and resumes from (for example
     * {@code memory.grow}). The first operand is the execution context; the rest, and the
     * results, are the exit's values.
     */
    CALL_EXIT(Form.CALL_EXIT),

    /**
     * Traps with its {@link dev.kiln.TrapKind} if the {@code i32} condition is non-zero, else does
     * nothing. Why a check is one instruction rather than a branch to a trap block: every memory
     * access, division and truncation has one, and blocks split at each would multiply the
     * number of blocks; the check keeps a straight line one block, which is what in-block passes
     * (redundant bounds-check elimination, value numbering) work on. The code is the same either
     * way: lowering makes it a compare and a jump to an out-of-line trap exit.
     */
    TRAPIF(Form.TRAPIF),

    /** Jumps to a block, passing its arguments. */
    JUMP(Form.JUMP),
    /** To the first target if the {@code i32} condition is non-zero, else the second. */
    BRIF(Form.BRIF),
    /** To case {@code index} of the list if in range, else to the default target (written first). */
    BR_TABLE(Form.BR_TABLE),
    /** Returns the values: the signature's results. */
    RETURN(Form.RETURN),
    /** Traps with its {@link dev.kiln.TrapKind}; never returns. */
    TRAP(Form.TRAP);

    private static final Map<String, Opcode> BY_MNEMONIC = new HashMap<>();

    static {
        for (Opcode o : values()) {
            BY_MNEMONIC.put(o.mnemonic, o);
        }
    }

    private final Form form;
    private final String mnemonic = name().toLowerCase(Locale.ROOT);

    Opcode(Form form) {
        this.form = form;
    }

    /** The shape of this opcode's instructions. */
    public Form form() {
        return form;
    }

    /** Whether this opcode ends a block. */
    public boolean isTerminator() {
        return form.isTerminator();
    }

    /**
     * Whether executing the instruction matters beyond its results: it writes memory or a global,
     * calls, exits, may trap, or ends the block. Any other instruction whose results are unused
     * can go (a load's bounds check is a separate {@code trapif}, which stays).
     */
    public boolean hasEffect() {
        return switch (form) {
            case STORE, GLOBAL_SET, CALL, CALL_INDIRECT, CALL_EXIT, TRAPIF -> true;
            default -> isTerminator();
        };
    }

    /**
     * Whether the result depends on the operands and the immediate alone, so two such
     * instructions with the same operands compute the same value wherever they are. A memory's
     * base is one: the reservation never moves. Loads, lengths and globals are not: stores,
     * grows and calls change what they read.
     */
    public boolean isPure() {
        return switch (form) {
            case ICONST, FCONST, UNARY, BINARY, SELECT, ICMP, FCMP -> true;
            default -> this == MEMORY_BASE;
        };
    }

    /** The text-format name, e.g. {@code iadd}. */
    public String mnemonic() {
        return mnemonic;
    }

    /** The opcode whose mnemonic is {@code text}, or {@code null}. */
    public static Opcode named(String text) {
        return BY_MNEMONIC.get(text);
    }
}
