package dev.kiln.internal.compiler.amd64;

import static dev.kiln.internal.compiler.amd64.Encoding.byteRex;
import static dev.kiln.internal.compiler.amd64.Encoding.regMem;
import static dev.kiln.internal.compiler.amd64.Encoding.regRm;
import static dev.kiln.internal.compiler.amd64.Encoding.rexW;
import static dev.kiln.internal.compiler.amd64.Encoding.sizePrefix;

/**
 * {@code mov}: register to register, memory to register, register to memory, immediate to
 * register or memory.
 *
 * <p>A 64-bit immediate to a register takes the shortest of three encodings:
 * <pre>
 *   0 .. 0xffffffff        mov r32, imm32      (B8+r id; writing r32 zeroes the upper half)
 *   other int32 values     mov r/m64, imm32    (REX.W C7 /0 id, sign-extended)
 *   anything else          movabs r64, imm64   (REX.W B8+r io)
 * </pre>
 * To memory there is no 64-bit immediate: a W64 store takes a sign-extended imm32.
 */
public record Mov(Width width, Operand dst, Operand src) implements Instruction {

    private static final String MOV = "mov";

    /** Which of the three encodings a W64 register-immediate {@code mov} gets. */
    enum Imm64Form { MOV32, SIGN_EXTENDED, MOVABS }

    static Imm64Form imm64Form(long v) {
        if (v >= 0 && v <= 0xffff_ffffL) {
            return Imm64Form.MOV32;
        }
        return v == (int) v ? Imm64Form.SIGN_EXTENDED : Imm64Form.MOVABS;
    }

    static void encode(CodeBuffer b, Width w, Operand dst, Operand src) {
        Encoding.requireRegOrMem(MOV, dst, "destination");
        int px = sizePrefix(w);
        boolean rw = rexW(w);
        boolean w8 = w == Width.W8;
        if (src instanceof Imm imm) {
            encodeImm(b, w, dst, imm.value());
        } else if (src instanceof Gpr s) {
            regRm(b, px, rw, w8 ? 0x88 : 0x89, s.code(), dst, 0, byteRex(w, dst, s));
        } else if (src instanceof Mem m && dst instanceof Gpr d) {
            regMem(b, px, rw, w8 ? 0x8a : 0x8b, d.code(), m, 0, byteRex(w, d, null));
        } else {
            throw Encoding.reject(MOV, "cannot move " + Encoding.describe(src) + " to " + Encoding.describe(dst));
        }
    }

    private static void encodeImm(CodeBuffer b, Width w, Operand dst, long v) {
        if (dst instanceof Gpr d && w == Width.W64) {
            switch (imm64Form(v)) {
                case MOV32 -> {
                    Encoding.opReg(b, 0, false, 0xb8, d.code(), false);
                    b.emit32((int) v);
                }
                case SIGN_EXTENDED -> {
                    Encoding.regReg(b, 0, true, 0xc7, 0, d.code(), false);
                    b.emit32((int) v);
                }
                case MOVABS -> {
                    Encoding.opReg(b, 0, true, 0xb8, d.code(), false);
                    b.emit64(v);
                }
            }
            return;
        }
        Encoding.requireImmediate(MOV, w, v);
        int immBytes = Math.min(w.bytes(), 4);
        if (dst instanceof Gpr d) {
            Encoding.opReg(b, sizePrefix(w), false, w == Width.W8 ? 0xb0 : 0xb8, d.code(), byteRex(w, d, null));
        } else {
            regMem(b, sizePrefix(w), rexW(w), w == Width.W8 ? 0xc6 : 0xc7, 0, (Mem) dst, immBytes, false);
        }
        b.emitImm(v, immBytes);
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.mov(width, dst, src);
    }

    @Override
    public String intel(int next) {
        String d = Intel.rm(dst, width, next);
        if (src instanceof Imm imm) {
            long v = imm.value();
            if (dst instanceof Gpr g && width == Width.W64) {
                return switch (imm64Form(v)) {
                    case MOV32 -> "mov " + g.name(Width.W32) + "," + Intel.hex(v);
                    case SIGN_EXTENDED -> "mov " + d + "," + Intel.hex(v);
                    case MOVABS -> "movabs " + d + "," + Intel.hex(v);
                };
            }
            return Intel.insn(MOV, dst, next, d, Intel.imm(v, width));
        }
        return Intel.insn(MOV, dst instanceof Mem ? dst : src, next, d, Intel.rm(src, width, next));
    }
}
