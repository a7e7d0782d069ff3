package dev.kiln.internal.nativecode;

import dev.kiln.ValueType;
import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Imm;
import dev.kiln.internal.compiler.amd64.Mem;
import dev.kiln.internal.compiler.amd64.Operand;
import dev.kiln.internal.compiler.amd64.Width;

/**
 * Moves of one WebAssembly value between a register and memory in the stubs, by type.
 *
 * <pre>
 *   in memory (slot arrays, host slot areas, stack parameters and results):
 *     i32, f32    8 bytes: the value in the low 4, zero in the high 4
 *     i64, f64,   8 bytes
 *     references
 *     v128        16 bytes, low half first (unaligned moves)
 *   in registers: integers in a general register (an i32 zero-extended), floats and v128 in
 *   an XMM register (an f32 in the low lane)
 * </pre>
 */
public final class ValueMoves {

    private ValueMoves() {}

    /** Loads the value of type {@code type} at {@code from} into {@code register}. */
    public static void load(Assembler a, ValueType type, Operand register, Mem from) {
        switch (type) {
            case I32 -> a.mov(Width.W32, register, from); // a 32-bit load zero-extends
            case I64, FUNCREF, EXTERNREF -> a.mov(Width.W64, register, from);
            case F32 -> a.movss(register, from);
            case F64 -> a.movsd(register, from);
            case V128 -> a.movdqu(register, from);
        }
    }

    /** Stores {@code register}'s value of type {@code type} at {@code to}, in its in-memory form. */
    public static void store(Assembler a, ValueType type, Mem to, Operand register) {
        switch (type) {
            case I32 -> {
                a.mov(Width.W32, to, register);
                a.mov(Width.W32, high(to), new Imm(0));
            }
            case I64, FUNCREF, EXTERNREF -> a.mov(Width.W64, to, register);
            case F32 -> {
                a.movss(to, register);
                a.mov(Width.W32, high(to), new Imm(0));
            }
            case F64 -> a.movsd(to, register);
            case V128 -> a.movdqu(to, register);
        }
    }

    /** Saves a general or XMM register in a 16-byte save slot. */
    public static void save(Assembler a, Mem slot, Operand register) {
        if (register instanceof dev.kiln.internal.compiler.amd64.Gpr) {
            a.mov(Width.W64, slot, register);
        } else {
            a.movdqu(slot, register);
        }
    }

    /** Restores what {@link #save} saved. */
    public static void restore(Assembler a, Operand register, Mem slot) {
        if (register instanceof dev.kiln.internal.compiler.amd64.Gpr) {
            a.mov(Width.W64, register, slot);
        } else {
            a.movdqu(register, slot);
        }
    }

    /** Whether {@code type} travels in a general register (else in an XMM register). */
    public static boolean isInteger(ValueType type) {
        return type == ValueType.I32 || type == ValueType.I64 || type.isReference();
    }

    private static Mem high(Mem m) {
        return Mem.of(m.base(), m.index(), m.scale(), m.displacement() + 4);
    }
}
